// A minimal hash router. Hash routes keep every page at the same URL for the
// server (one index.html) and never send the route to the server in a request.

export type RouteListener = (path: string) => void;

const DEFAULT_PATH = '/';

/** The current route, e.g. "/admin/users"; "/" when the hash is empty or odd. */
export function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  if (!raw.startsWith('/')) return DEFAULT_PATH;
  const withoutQuery = raw.split('?')[0] ?? DEFAULT_PATH;
  return withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : DEFAULT_PATH;
}

/** Goes to a route; the hashchange event then renders it. */
export function navigate(path: string): void {
  const target = `#${path}`;
  if (window.location.hash !== target) window.location.hash = target;
}

export function startRouter(listener: RouteListener): void {
  window.addEventListener('hashchange', () => listener(currentPath()));
  listener(currentPath());
}

export function href(path: string): string {
  return `#${path}`;
}
