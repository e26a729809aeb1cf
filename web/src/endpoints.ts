// One function per server endpoint, so pages never build URLs themselves.
import { api } from './api';
import type {
  Me,
  NewUser,
  Organisation,
  Page,
  RecoveryCodes,
  SignInResult,
  TotpEnrolment,
  UserAccount,
  UserChanges,
  Vocabularies,
} from './types';

const BASE = '/api/v1';

function pageQuery(limit: number, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

export function signIn(username: string, password: string, totp?: string): Promise<SignInResult> {
  const body = totp ? { username, password, totp } : { username, password };
  return api.post<SignInResult>(`${BASE}/auth/login`, body, { isSignIn: true });
}

export const signOut = (): Promise<void> => api.post<void>(`${BASE}/auth/logout`);
export const signOutEverywhere = (): Promise<void> => api.post<void>(`${BASE}/auth/logout-all`);
export const fetchMe = (): Promise<Me> => api.get<Me>(`${BASE}/me`);

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>(`${BASE}/me/password`, { current_password: currentPassword, new_password: newPassword });
}

export const enrolTotp = (): Promise<TotpEnrolment> => api.post<TotpEnrolment>(`${BASE}/me/totp/enrol`, {});
export const confirmTotp = (code: string): Promise<RecoveryCodes> =>
  api.post<RecoveryCodes>(`${BASE}/me/totp/confirm`, { code });
export const disableTotp = (password: string): Promise<void> =>
  api.post<void>(`${BASE}/me/totp/disable`, { password });

export const fetchVocabularies = (): Promise<Vocabularies> => api.get<Vocabularies>(`${BASE}/meta/vocabularies`);

export const listOrganisations = (limit: number, cursor: string | null): Promise<Page<Organisation>> =>
  api.get<Page<Organisation>>(`${BASE}/orgs?${pageQuery(limit, cursor)}`);
export const createOrganisation = (name: string, type: string): Promise<Organisation> =>
  api.post<Organisation>(`${BASE}/orgs`, { name, type });

export const listUsers = (limit: number, cursor: string | null): Promise<Page<UserAccount>> =>
  api.get<Page<UserAccount>>(`${BASE}/users?${pageQuery(limit, cursor)}`);
export const createUser = (user: NewUser): Promise<UserAccount> => api.post<UserAccount>(`${BASE}/users`, user);
export const updateUser = (id: number, changes: UserChanges): Promise<UserAccount> =>
  api.patch<UserAccount>(`${BASE}/users/${encodeURIComponent(String(id))}`, changes);

/** Reads every page of organisations; admin screens need the full list for names and selects. */
export async function listAllOrganisations(maxPages = 50): Promise<Organisation[]> {
  const all: Organisation[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: Page<Organisation> = await listOrganisations(100, cursor);
    all.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return all;
}
