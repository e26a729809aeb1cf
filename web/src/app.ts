// Puts the pieces together: routes, guards, the frame and language changes.
import { onUnauthorized } from './api';
import { replaceContent } from './dom';
import { signOut } from './endpoints';
import { applyLanguageToDocument, setLanguage, t, type Language } from './i18n';
import { frame, type FrameActions } from './layout';
import { organisationsPage } from './pages/admin-orgs';
import { usersPage } from './pages/admin-users';
import { documentsPage } from './pages/corpus-documents';
import { keywordIndexPage, keywordPage } from './pages/corpus-keywords';
import { literaturePage } from './pages/corpus-literature';
import { KEYWORD_PREFIX, PROVISION_PREFIX } from './pages/corpus-common';
import { provisionPage } from './pages/corpus-provision';
import { searchPage } from './pages/corpus-search';
import { casePage } from './pages/case-view';
import { casesPage } from './pages/cases-list';
import { homePage } from './pages/home';
import { consolePage, HOTLINE_CONSOLE_PATH, HOTLINE_OPERATOR } from './pages/hotline-console';
import { ADVICE_PATH, advicePage, FOLLOW_UP_PATH, followUpPage, REPORT_PATH, reportPage } from './pages/hotline-public';
import { loginPage } from './pages/login';
import { myCasesPage } from './pages/my-cases';
import { CASES_PATH, CASE_PREFIX, MY_CASES_PATH, NEW_REFERRAL_PATH, SERVICES_PATH, SERVICE_PREFIX } from './pages/nrm-common';
import { passwordPage } from './pages/password';
import { servicePage, servicesPage } from './pages/provider-services';
import { forgetReferralDraft, referralPage } from './pages/referral-new';
import { securityPage } from './pages/security';
import { STATISTICS_PATH, statisticsPage } from './pages/statistics';
import { forbiddenPage, notFoundPage, unavailablePage } from './pages/simple';
import { actionPlanPage } from './pages/action-plan';
import { ACTION_PLAN_PATH, COORDINATOR, QUESTIONNAIRES_PATH } from './pages/monitoring-common';
import { questionnairesPage } from './pages/questionnaires';
import { currentPath, navigate, routeParam, startRouter } from './router';
import {
  ADMINISTRATOR,
  ANALYST,
  CASE_WORKER,
  DECISION_MAKER,
  FIRST_RESPONDER,
  SERVICE_PROVIDER,
  currentUser,
  forgetSession,
  hasAnyRole,
  loadSession,
  probeSession,
  rememberDestination,
} from './session';

interface Route {
  /** Draws the page; `param` is the decoded rest of the path for routes under a prefix. */
  render: (param: string) => HTMLElement;
  /** Shown without a session (a signed-in user still sees their header). */
  public?: boolean;
  /** Roles that may see the page (any one of them). The server checks again on every request. */
  roles?: readonly string[];
}

const ROUTES: Record<string, Route> = {
  '/login': { render: loginPage, public: true },
  '/': { render: homePage },
  '/password': { render: passwordPage },
  '/security': { render: securityPage },
  '/admin/orgs': { render: organisationsPage, roles: [ADMINISTRATOR] },
  '/admin/users': { render: usersPage, roles: [ADMINISTRATOR] },
  [NEW_REFERRAL_PATH]: { render: referralPage, roles: [FIRST_RESPONDER, CASE_WORKER] },
  [CASES_PATH]: { render: casesPage, roles: [FIRST_RESPONDER, CASE_WORKER, DECISION_MAKER] },
  [MY_CASES_PATH]: { render: myCasesPage, roles: [CASE_WORKER, DECISION_MAKER] },
  [SERVICES_PATH]: { render: servicesPage, roles: [SERVICE_PROVIDER] },
  '/corpus': { render: documentsPage, public: true },
  '/corpus/keywords': { render: keywordIndexPage, public: true },
  '/corpus/literature': { render: literaturePage, public: true },
  '/corpus/search': { render: searchPage, public: true },
  [STATISTICS_PATH]: { render: statisticsPage, roles: [ANALYST] },
  [REPORT_PATH]: { render: reportPage, public: true },
  [ADVICE_PATH]: { render: advicePage, public: true },
  [FOLLOW_UP_PATH]: { render: followUpPage, public: true },
  [HOTLINE_CONSOLE_PATH]: { render: consolePage, roles: [HOTLINE_OPERATOR] },
  [ACTION_PLAN_PATH]: { render: actionPlanPage, roles: [COORDINATOR] },
  [QUESTIONNAIRES_PATH]: { render: questionnairesPage, roles: [COORDINATOR] },
};

/** Routes with a value after a prefix, e.g. "/corpus/provisions/MC6%2F17.1". */
const PREFIX_ROUTES: readonly (readonly [string, Route])[] = [
  [PROVISION_PREFIX, { render: provisionPage, public: true }],
  [KEYWORD_PREFIX, { render: keywordPage, public: true }],
  // What a user sees of a case is decided by the server; anyone signed in may ask.
  [CASE_PREFIX, { render: casePage }],
  [SERVICE_PREFIX, { render: servicePage, roles: [SERVICE_PROVIDER] }],
];

interface FoundRoute {
  route: Route;
  param: string;
}

function findRoute(path: string): FoundRoute | null {
  const exact = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (exact) return { route: exact, param: '' };
  for (const [prefix, route] of PREFIX_ROUTES) {
    const param = routeParam(path, prefix);
    if (param !== null) return { route, param };
  }
  return null;
}

function isPublic(path: string): boolean {
  return findRoute(path)?.route.public ?? false;
}

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
  forgetReferralDraft();
  navigate(LOGIN);
}

/** Until the one-time password is replaced, the password page is the only place to go. */
function mustChangePassword(path: string): boolean {
  if (!currentUser()?.user.must_change_password || path === PASSWORD) return false;
  navigate(PASSWORD);
  return true;
}

/**
 * A public page: shown to visitors, and with their header to signed-in users, so the
 * session is looked up when there may be one, without sending anybody to sign in.
 */
async function resolvePublic(path: string, render: () => HTMLElement, generation: number): Promise<(() => HTMLElement) | null> {
  if (path === LOGIN) {
    if (!currentUser()) return render;
    navigate('/');
    return null;
  }
  try {
    await probeSession();
  } catch {
    // No answer about the session: the page is public, so show it as to a visitor.
  }
  if (generation !== renderGeneration) return null;
  return mustChangePassword(path) ? null : render;
}

/** Resolves the route to draw, or redirects; returns null when navigation moved elsewhere. */
async function resolve(path: string, generation: number): Promise<(() => HTMLElement) | null> {
  const found = findRoute(path);
  if (!found) return notFoundPage;
  const { route, param } = found;
  const render = (): HTMLElement => route.render(param);
  if (route.public) return resolvePublic(path, render, generation);
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
  if (mustChangePassword(path)) return null;
  if (route.roles && !hasAnyRole(route.roles)) return forbiddenPage;
  return render;
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
    // A public page stays where it is; the next navigation draws the visitor's frame.
    if (isPublic(path)) return;
    rememberDestination(path);
    navigate(LOGIN);
  });
  startRouter((path) => void show(path));
}
