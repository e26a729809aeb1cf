// The frame around every page: header (name, user, language, sign out),
// main navigation, and the <main> landmark the page content goes into.
import { h } from './dom';
import { LANGUAGES, LANGUAGE_NAMES, language, t, type Language, type MessageKey } from './i18n';
import { href } from './router';
import { CASES_PATH, MY_CASES_PATH, NEW_REFERRAL_PATH, SERVICES_PATH } from './pages/nrm-common';
import { STATISTICS_PATH } from './pages/statistics';
import { HOTLINE_CONSOLE_PATH, HOTLINE_OPERATOR } from './pages/hotline-console';
import { PUBLIC_HOTLINE_PATHS, REPORT_PATH } from './pages/hotline-public';
import { ACTION_PLAN_PATH, COORDINATOR, QUESTIONNAIRES_PATH } from './pages/monitoring-common';
import {
  ADMINISTRATOR,
  ANALYST,
  CASE_WORKER,
  DECISION_MAKER,
  FIRST_RESPONDER,
  SERVICE_PROVIDER,
  currentUser,
  hasAnyRole,
  hasRole,
  isAuthorityStaff,
  rememberDestination,
} from './session';

export interface FrameActions {
  onLanguageChange(next: Language): void;
  onSignOut(): void;
}

interface NavEntry {
  path: string;
  label: MessageKey;
  /** Routes under this prefix mark the entry as current. */
  section: string;
  visible: () => boolean;
  /** Following it remembers the current page, to come back to it after signing in. */
  returnsHere?: boolean;
  /** A label that depends on who is signed in. */
  labelFor?: () => MessageKey;
  /** Following it replaces the current history entry (the hotline's public pages). */
  replacesHistory?: boolean;
}

const signedIn = (): boolean => currentUser() !== null;

// Visitors without an account see only the public pages (the commitments) and a way to sign in.
const NAV_ENTRIES: readonly NavEntry[] = [
  { path: '/', label: 'nav.home', section: '/', visible: signedIn },
  { path: MY_CASES_PATH, label: 'nav.myCases', section: MY_CASES_PATH, visible: () => hasAnyRole([CASE_WORKER, DECISION_MAKER]) },
  {
    path: CASES_PATH,
    label: 'nav.cases',
    section: CASES_PATH,
    visible: () => hasAnyRole([FIRST_RESPONDER, CASE_WORKER, DECISION_MAKER]),
    labelFor: () => (isAuthorityStaff() ? 'nav.cases' : 'nav.ownReferrals'),
  },
  { path: SERVICES_PATH, label: 'nav.services', section: SERVICES_PATH, visible: () => hasRole(SERVICE_PROVIDER) },
  { path: NEW_REFERRAL_PATH, label: 'nav.newReferral', section: '/referrals', visible: () => hasAnyRole([FIRST_RESPONDER, CASE_WORKER]) },
  { path: STATISTICS_PATH, label: 'nav.statistics', section: STATISTICS_PATH, visible: () => hasRole(ANALYST) },
  { path: '/corpus', label: 'nav.corpus', section: '/corpus', visible: () => true },
  { path: ACTION_PLAN_PATH, label: 'nav.actionPlan', section: ACTION_PLAN_PATH, visible: () => hasRole(COORDINATOR) },
  { path: QUESTIONNAIRES_PATH, label: 'nav.questionnaires', section: QUESTIONNAIRES_PATH, visible: () => hasRole(COORDINATOR) },
  { path: '/admin/orgs', label: 'nav.administration', section: '/admin', visible: () => hasRole(ADMINISTRATOR) },
  { path: '/security', label: 'nav.security', section: '/security', visible: signedIn },
  { path: '/login', label: 'nav.signIn', section: '/login', visible: () => !signedIn(), returnsHere: true },
  { path: HOTLINE_CONSOLE_PATH, label: 'nav.hotline', section: HOTLINE_CONSOLE_PATH, visible: () => hasRole(HOTLINE_OPERATOR) },
  { path: REPORT_PATH, label: 'nav.report', section: REPORT_PATH, visible: () => !signedIn(), replacesHistory: true },
];

export const MAIN_ID = 'main';

function isCurrent(entry: NavEntry, path: string): boolean {
  return entry.section === '/' ? path === '/' : path.startsWith(entry.section);
}

function skipLink(): HTMLAnchorElement {
  // A plain "#main" link would be read by the hash router as a route, so move focus by hand.
  return h(
    'a',
    {
      class: 'skip-link',
      attrs: { href: `#${MAIN_ID}` },
      on: {
        click: (event) => {
          event.preventDefault();
          document.getElementById(MAIN_ID)?.focus();
        },
      },
    },
    t('nav.skip'),
  );
}

function languageSwitch(actions: FrameActions): HTMLElement {
  const select = h(
    'select',
    {
      attrs: { id: 'language-switch', name: 'language' },
      on: { change: () => actions.onLanguageChange(select.value as Language) },
    },
    ...LANGUAGES.map((code) =>
      h('option', { attrs: { value: code, lang: code, selected: code === language() } }, LANGUAGE_NAMES[code]),
    ),
  );
  return h('div', { class: 'language' }, h('label', { attrs: { for: 'language-switch' } }, t('header.language')), select);
}

function userBlock(actions: FrameActions): HTMLElement | null {
  const me = currentUser();
  if (!me) return null;
  return h(
    'div',
    { class: 'who' },
    h('span', { class: 'who-name' }, me.user.display_name || me.user.username),
    h('span', { class: 'who-org' }, me.organisation.name),
    h('button', { class: 'link-button', attrs: { type: 'button' }, on: { click: () => actions.onSignOut() } }, t('header.signOut')),
  );
}

function header(actions: FrameActions): HTMLElement {
  return h(
    'header',
    { class: 'app-header' },
    skipLink(),
    h('a', { class: 'brand', attrs: { href: href('/') } }, t('app.name')),
    h('div', { class: 'header-tools' }, userBlock(actions), languageSwitch(actions)),
  );
}

function navLink(entry: NavEntry, path: string): HTMLAnchorElement {
  const replace = (event: MouseEvent): void => {
    event.preventDefault();
    window.location.replace(href(entry.path));
  };
  // Leaving a hotline page adds no history entry either, so "back" does not return to it.
  const leavesReportPage = PUBLIC_HOTLINE_PATHS.includes(path);
  const onClick = entry.returnsHere ? () => rememberDestination(path) : entry.replacesHistory || leavesReportPage ? replace : undefined;
  return h(
    'a',
    { attrs: { href: href(entry.path), 'aria-current': isCurrent(entry, path) ? 'page' : undefined }, on: { click: onClick } },
    t(entry.labelFor?.() ?? entry.label),
  );
}

function navigation(path: string): HTMLElement | null {
  // Until the one-time password is replaced, the only place to go is the password page.
  if (currentUser()?.user.must_change_password) return null;
  const items = NAV_ENTRIES.filter((entry) => entry.visible()).map((entry) => h('li', {}, navLink(entry, path)));
  return h('nav', { class: 'app-nav', attrs: { 'aria-label': t('nav.label') } }, h('ul', {}, ...items));
}

export function frame(path: string, content: HTMLElement, actions: FrameActions): HTMLElement[] {
  const main = h('main', { attrs: { id: MAIN_ID, tabindex: -1 } }, content);
  const nav = navigation(path);
  return [header(actions), ...(nav ? [nav] : []), main];
}
