// Interface texts in English and Russian. Every visible string comes from
// en.json / ru.json; both files hold exactly the same keys (checked at build
// time in parity-check.ts and by tests/i18n-keys.mjs).
import en from './en.json';
import ru from './ru.json';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

const catalogues = { en, ru } satisfies Record<string, Catalogue>;

export type Language = keyof typeof catalogues;

export const LANGUAGES: readonly Language[] = ['en', 'ru'];

/** Each language is offered under its own name, so it can be found by its speakers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский' };

const STORAGE_KEY = 'lifeline.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // Storage may be blocked by browser settings.
  }
}

function browserLanguage(): Language {
  const preferred = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return isLanguage(preferred) ? preferred : 'en';
}

let current: Language = storedLanguage() ?? browserLanguage();

export function language(): Language {
  return current;
}

export function applyLanguageToDocument(): void {
  document.documentElement.lang = current;
}

export function setLanguage(next: Language): void {
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds until the page is reloaded.
  }
  applyLanguageToDocument();
}

function interpolate(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/** The text for a key in the current language; "{name}" placeholders are filled from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[current][key] ?? en[key] ?? key;
  return params ? interpolate(text, params) : text;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * A label for a vocabulary id from the server, e.g. ("role", "case_worker").
 * An id this release does not know yet is shown as is rather than hidden.
 */
export function vocabularyLabel(prefix: 'orgType' | 'role', id: string): string {
  const key = `${prefix}.${id}`;
  return isMessageKey(key) ? t(key) : id;
}

/**
 * A label for a term of an NRM vocabulary, e.g. ("exploitation_types", "forced_labour"):
 * the translation kept here by id, else the server's English label, else the id itself.
 */
export function termLabel(vocabulary: string, id: string, serverLabel?: string): string {
  const key = `nrm.${vocabulary}.${id}`;
  return isMessageKey(key) ? t(key) : (serverLabel ?? id);
}
