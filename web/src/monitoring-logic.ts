// The browser-free pieces behind the monitoring pages: the geometry of the coverage bar chart,
// shares as percentages, which questionnaire items a respondent is asked (skip logic) and the
// reading of list fields. This file imports nothing, so tests can load it without a browser.

export interface Bar {
  label: string;
  value: number;
  total: number;
}

export interface BarGeometry {
  label: string;
  /** Top of the bar's row. */
  y: number;
  /** Width of the filled part (value) and of the whole track (total), in chart units. */
  filled: number;
  track: number;
  share: number;
}

/**
 * Horizontal bars, one row each: the track's length is proportional to the bar's total against
 * the largest total, the filled part to its value. Widths never go negative or past the track.
 */
export function barLayout(bars: readonly Bar[], width: number, rowHeight: number): BarGeometry[] {
  const largest = Math.max(1, ...bars.map((bar) => bar.total));
  return bars.map((bar, index) => {
    const track = (Math.max(0, bar.total) / largest) * width;
    const share = bar.total > 0 ? Math.min(1, Math.max(0, bar.value / bar.total)) : 0;
    return { label: bar.label, y: index * rowHeight, filled: track * share, track, share };
  });
}

/** 0.3333 -> "33%", 0.005 -> "0.5%": whole percentages unless the share is small. */
export function percent(share: number): string {
  const value = share * 100;
  if (value > 0 && value < 1) return `${value.toFixed(1)}%`;
  return `${Math.round(value)}%`;
}

export interface SkipRule {
  item: string;
  answers: string[];
}

/** Whether an item with `shownIf` is asked, given the answers so far by item code. */
export function isAsked(shownIf: SkipRule | null, answers: Readonly<Record<string, unknown>>): boolean {
  if (!shownIf) return true;
  const answer = answers[shownIf.item];
  return typeof answer === 'string' && shownIf.answers.includes(answer);
}

/** "a, b ,, c" -> ["a", "b", "c"]; one value per line or comma. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** "code = Label" lines -> choices; a line without "=" uses its text for both. */
export function parseChoices(text: string): { code: string; label: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 0) return { code: line, label: line };
      return { code: line.slice(0, at).trim(), label: line.slice(at + 1).trim() };
    });
}
