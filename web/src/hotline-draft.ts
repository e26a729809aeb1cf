// What the hotline's public pages keep in the browser while the server does not have it yet:
// the text of a report, an advice request or a follow-up message, per tab (sessionStorage),
// forgotten once sent or on quick exit. The passphrase is never kept. This file imports
// nothing, so tests can load it without a browser.

export const DRAFT_PREFIX = 'lifeline.hotline.draft.';
/** The drafts a page may keep: a report, an advice request, a follow-up message. */
export const DRAFT_KINDS = ['report', 'advice', 'message'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];
export type Draft = Record<string, string | string[]>;

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The draft kept for this kind, or an empty one; a damaged or blocked store reads as empty. */
export function readDraft(storage: DraftStorage, kind: DraftKind): Draft {
  try {
    const text = storage.getItem(DRAFT_PREFIX + kind);
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const draft: Draft = {};
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof value === 'string') draft[key] = value;
      else if (Array.isArray(value)) draft[key] = value.filter((item): item is string => typeof item === 'string');
    }
    return draft;
  } catch {
    return {};
  }
}

/** Keeps the draft; a full or blocked store only loses the safety net, never the form. */
export function writeDraft(storage: DraftStorage, kind: DraftKind, draft: Draft): void {
  try {
    storage.setItem(DRAFT_PREFIX + kind, JSON.stringify(draft));
  } catch {
    // Nothing kept.
  }
}

export function forgetDraft(storage: DraftStorage, kind: DraftKind): void {
  try {
    storage.removeItem(DRAFT_PREFIX + kind);
  } catch {
    // Nothing to forget.
  }
}

/** Every draft, as the quick exit leaves. */
export function forgetAllDrafts(storage: DraftStorage): void {
  for (const kind of DRAFT_KINDS) forgetDraft(storage, kind);
}

/** No answer (0) or a server briefly unavailable: worth sending again; anything else is not. */
export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 502 || status === 503 || status === 504;
}
