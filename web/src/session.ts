// Who is signed in, kept in memory for the life of the page.
import { ApiError, setCsrfToken, type RequestOptions } from './api';
import { fetchMe, fetchVocabularies } from './endpoints';
import type { Me, Vocabularies } from './types';

let me: Me | null = null;
let vocabularies: Vocabularies | null = null;
/** Whether the server has been asked who we are since the page was loaded. */
let asked = false;

export function currentUser(): Me | null {
  return me;
}

export function hasRole(role: string): boolean {
  return me?.roles.includes(role) ?? false;
}

export const ADMINISTRATOR = 'administrator';
export const FIRST_RESPONDER = 'first_responder';
export const CASE_WORKER = 'case_worker';
export const DECISION_MAKER = 'decision_maker';
export const SERVICE_PROVIDER = 'service_provider';
export const GUARDIAN = 'guardian';
export const ANALYST = 'analyst';
/** The organisation type whose case workers and decision makers run the NRM's cases. */
export const COMPETENT_AUTHORITY = 'competent_authority';

export function hasAnyRole(roles: readonly string[]): boolean {
  return roles.some((role) => hasRole(role));
}

/** The competent authority's case workers and decision makers: they see whole cases. */
export function isAuthorityStaff(): boolean {
  return me?.organisation.type === COMPETENT_AUTHORITY && hasAnyRole([CASE_WORKER, DECISION_MAKER]);
}

/** Asks the server who we are. Returns null when nobody is signed in. */
export async function loadSession(): Promise<Me | null> {
  return askWhoWeAre({});
}

/**
 * For public pages: asks once per page load whether someone is signed in, so that a
 * signed-in user keeps their header; a visitor without a session is not sent to sign in.
 */
export async function probeSession(): Promise<Me | null> {
  if (me || asked) return me;
  return askWhoWeAre({ isSessionProbe: true });
}

async function askWhoWeAre(options: RequestOptions): Promise<Me | null> {
  try {
    me = await fetchMe(options);
    setCsrfToken(me.csrf_token);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetSession();
      asked = true;
      return null;
    }
    throw error; // No answer (e.g. network): ask again next time.
  }
  asked = true;
  return me;
}

/** Drops everything known about the signed-in user (after sign-out or expiry). */
export function forgetSession(): void {
  me = null;
  vocabularies = null;
  setCsrfToken(null);
}

/** Organisation types and roles; they change only with a server release, so ask once. */
export async function loadVocabularies(): Promise<Vocabularies> {
  vocabularies ??= await fetchVocabularies();
  return vocabularies;
}

// Where to go after signing in: the page that was asked for before the sign-in page.
let destination = '/';
const NOT_A_DESTINATION = new Set(['/login', '/password']);

export function rememberDestination(path: string): void {
  destination = NOT_A_DESTINATION.has(path) ? '/' : path;
}

export function takeDestination(): string {
  const path = destination;
  destination = '/';
  return path;
}
