// The unfinished referral form, kept in sessionStorage so that a reload, a lost connection or
// a look at another page does not lose what a first responder has written.
//
// What identifies the person (names, date of birth) is NEVER part of a draft: it is left out
// here, before anything is written, whatever the caller passes. sessionStorage lives only as
// long as the browser tab; the draft is also removed after the referral is sent and at sign-out.
// This file imports nothing, so tests can load it without a browser.

export const DRAFT_KEY = 'lifeline.referralDraft';
const DRAFT_FORMAT = 1;

/** The fields of the referral form that a draft may hold. */
export interface ReferralDraft {
  consent: '' | 'yes' | 'no';
  explainedBy: string;
  consentLanguage: string;
  child: '' | 'yes' | 'maybe' | 'no';
  /** Unaccompanied, separated, accompanied, or '' when not known. */
  childSituation: string;
  sex: string;
  citizenship: string;
  exploitationTypes: string[];
  countryOfExploitation: string;
  indicators: string[];
  needs: string[];
}

/** Names of the fields that identify the person; never stored. */
export const IDENTIFYING_FIELDS = ['givenName', 'familyName', 'dateOfBirth'] as const;

export const EMPTY_DRAFT: ReferralDraft = {
  consent: '',
  explainedBy: '',
  consentLanguage: '',
  child: '',
  childSituation: '',
  sex: '',
  citizenship: '',
  exploitationTypes: [],
  countryOfExploitation: '',
  indicators: [],
  needs: [],
};

/** The part of storage this module uses; window.sessionStorage in the browser. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const CONSENT_VALUES = ['', 'yes', 'no'] as const;
const CHILD_VALUES = ['', 'yes', 'maybe', 'no'] as const;

function text(value: unknown, max = 200): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, 100) : [];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : (allowed[0] as T);
}

/**
 * A draft built field by field from `source`, so that nothing else, and above all no
 * identifying field, can slip into storage.
 */
export function cleanDraft(source: Record<string, unknown>): ReferralDraft {
  return {
    consent: oneOf(source['consent'], CONSENT_VALUES),
    explainedBy: text(source['explainedBy']),
    consentLanguage: text(source['consentLanguage'], 64),
    child: oneOf(source['child'], CHILD_VALUES),
    childSituation: text(source['childSituation'], 32),
    sex: text(source['sex'], 64),
    citizenship: text(source['citizenship'], 2),
    exploitationTypes: texts(source['exploitationTypes']),
    countryOfExploitation: text(source['countryOfExploitation'], 2),
    indicators: texts(source['indicators']),
    needs: texts(source['needs']),
  };
}

export function isEmptyDraft(draft: ReferralDraft): boolean {
  return JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT);
}

/** Stores the draft for `userId`; an empty form removes it. Storage failures are ignored. */
export function saveDraft(storage: DraftStorage, userId: number, source: Record<string, unknown>): void {
  const draft = cleanDraft(source);
  try {
    if (isEmptyDraft(draft)) storage.removeItem(DRAFT_KEY);
    else storage.setItem(DRAFT_KEY, JSON.stringify({ format: DRAFT_FORMAT, user: userId, draft }));
  } catch {
    // Storage full or blocked: the form still works, only without a draft.
  }
}

/** The draft this user left in this tab, or null. Another user's draft is not shown. */
export function loadDraft(storage: DraftStorage, userId: number): ReferralDraft | null {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    if (record['format'] !== DRAFT_FORMAT || record['user'] !== userId) return null;
    const draft = record['draft'];
    if (typeof draft !== 'object' || draft === null) return null;
    const cleaned = cleanDraft(draft as Record<string, unknown>);
    return isEmptyDraft(cleaned) ? null : cleaned;
  } catch {
    return null;
  }
}

export function clearDraft(storage: DraftStorage): void {
  try {
    storage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing was stored.
  }
}
