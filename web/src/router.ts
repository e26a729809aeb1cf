// A minimal hash router. Hash routes keep every page at the same URL for the
// server (one index.html) and never send the route to the server in a request.
//
// A route may carry a query after "?" (e.g. "#/corpus/search?q=children&pillar=protection")
// so that searches can be bookmarked; currentPath() leaves it out, currentQuery() reads it.
// This file imports nothing, so tests can load it without a browser.

export type RouteListener = (path: string) => void;

const DEFAULT_PATH = '/';

/** The current route, e.g. "/admin/users"; "/" when the hash is empty or odd. */
export function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  if (!raw.startsWith('/')) return DEFAULT_PATH;
  const withoutQuery = raw.split('?')[0] ?? DEFAULT_PATH;
  return withoutQuery.length > 1 ? withoutQuery.replace(/\/+$/, '') : DEFAULT_PATH;
}

/** The query part of a hash: "#/corpus/search?q=a+b&pillar=x" gives q="a b", pillar="x". */
export function hashQuery(hash: string): URLSearchParams {
  const raw = hash.replace(/^#/, '');
  const start = raw.indexOf('?');
  return new URLSearchParams(start < 0 ? '' : raw.slice(start + 1));
}

export function currentQuery(): URLSearchParams {
  return hashQuery(window.location.hash);
}

/**
 * The parameter of a route under a prefix, decoded:
 * ("/corpus/provisions/MC6%2F17.1", "/corpus/provisions/") gives "MC6/17.1".
 * Null when the path is not under the prefix or has nothing after it.
 */
export function routeParam(path: string, prefix: string): string | null {
  if (!path.startsWith(prefix) || path.length === prefix.length) return null;
  const rest = path.slice(prefix.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest; // A stray "%" typed into the address: take the text as it is.
  }
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

export type QueryValues = Record<string, string | number | null | undefined>;

/** A route with a query; empty values are left out so links stay short. */
export function pathWithQuery(path: string, values: QueryValues): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A route whose last segment is a value that may contain "/" or spaces, e.g. a provision id. */
export function pathWithParam(prefix: string, value: string): string {
  return prefix + encodeURIComponent(value);
}
