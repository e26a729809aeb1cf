// Dates of things that already happened, for the forms that let a user record them later.
// This file imports nothing, so tests can load it without a browser.

/** Today as YYYY-MM-DD in the user's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The date to send for a field that defaults to today: nothing when it is empty or still today,
 * so that the server takes its own today. A browser whose day has already begun while the
 * server's has not would otherwise send a date the server calls future and refuses.
 */
export function pastDateToSend(value: string, today: string = todayIso()): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' || trimmed === today ? undefined : trimmed;
}
