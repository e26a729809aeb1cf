// Puts the pieces together: routes, guards, the frame and language changes.
import { onUnauthorized } from './api';
import { replaceContent } from './dom';
import { signOut } from './endpoints';
import { applyLanguageToDocument, setLanguage, t, type Language } from './i18n';
import { frame, type FrameActions } from './layout';
import { organisationsPage } from './pages/admin-orgs';
import { usersPage } from './pages/admin-users';
import { homePage } from './pages/home';
import { loginPage } from './pages/login';
import { passwordPage } from './pages/password';
import { securityPage } from './pages/security';
import { forbiddenPage, notFoundPage, unavailablePage } from './pages/simple';
import { currentPath, navigate, startRouter } from './router';
import { ADMINISTRATOR, currentUser, forgetSession, hasRole, loadSession, rememberDestination } from './session';

interface Route {
  render: () => HTMLElement;
  /** Shown without a session. */
  public?: boolean;
  /** Role required to see the page. The server checks again on every request. */
  role?: string;
}

const ROUTES: Record<string, Route> = {
  '/login': { render: loginPage, public: true },
  '/': { render: homePage },
  '/password': { render: passwordPage },
  '/security': { render: securityPage },
  '/admin/orgs': { render: organisationsPage, role: ADMINISTRATOR },
  '/admin/users': { render: usersPage, role: ADMINISTRATOR },
};

const LOGIN = '/login';
const PASSWORD = '/password';

let root: HTMLElement;
/** Increases with each navigation; a render that finishes late sees it is stale. */
let renderGeneration = 0;

const actions: FrameActions = {
  onLanguageChange(next: Language) {
    setLanguage(next);
    void show(currentPath(), { keepFocus: true });
  },
  onSignOut() {
    void leave();
  },
};

async function leave(): Promise<void> {
  try {
    await signOut();
  } catch {
    // Even if the server cannot be told, this page forgets the session and leaves.
  }
  forgetSession();
  navigate(LOGIN);
}

/** Resolves the route to draw, or redirects; returns null when navigation moved elsewhere. */
async function resolve(path: string, generation: number): Promise<(() => HTMLElement) | null> {
  const route = ROUTES[path];
  if (!route) return notFoundPage;
  if (route.public) {
    if (path === LOGIN && currentUser()) {
      navigate('/');
      return null;
    }
    return route.render;
  }
  if (!currentUser()) {
    try {
      await loadSession();
    } catch {
      return generation === renderGeneration ? () => unavailablePage(() => void show(currentPath())) : null;
    }
    if (generation !== renderGeneration) return null;
    if (!currentUser()) {
      rememberDestination(path);
      navigate(LOGIN);
      return null;
    }
  }
  if (currentUser()?.user.must_change_password && path !== PASSWORD) {
    navigate(PASSWORD);
    return null;
  }
  if (route.role && !hasRole(route.role)) return forbiddenPage;
  return route.render;
}

function focusStart(main: Element | null): void {
  const target = main?.querySelector<HTMLElement>('[data-autofocus]') ?? main?.querySelector<HTMLElement>('h1');
  target?.focus();
}

async function show(path: string, options: { keepFocus?: boolean } = {}): Promise<void> {
  renderGeneration += 1;
  const generation = renderGeneration;
  const render = await resolve(path, generation);
  if (!render || generation !== renderGeneration) return;
  const content = render();
  replaceContent(root, ...frame(path, content, actions));
  document.title = `${content.querySelector('h1')?.textContent ?? ''} · ${t('app.name')}`;
  if (options.keepFocus) {
    document.getElementById('language-switch')?.focus();
  } else {
    focusStart(root.querySelector('main'));
  }
}

export function startApp(container: HTMLElement): void {
  root = container;
  applyLanguageToDocument();
  onUnauthorized(() => {
    forgetSession();
    const path = currentPath();
    if (path !== LOGIN) {
      rememberDestination(path);
      navigate(LOGIN);
    }
  });
  startRouter((path) => void show(path));
}
