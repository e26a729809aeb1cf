// The order of urgency of NRM deadlines, for the case worker's and decision maker's desk.
// This file imports nothing, so tests can load it without a browser.

export interface DeadlineLike {
  what: string;
  /** ISO date. */
  due: string;
  status: string;
}

export interface CaseWithDeadlines {
  referred_on: string;
  deadlines: readonly DeadlineLike[];
}

const URGENCY: Record<string, number> = { overdue: 0, due_today: 1, due_soon: 2, upcoming: 3, met: 4 };

/** Overdue first, then due today, due soon, upcoming, then met; within each, the earliest date first. */
export function byUrgency(a: DeadlineLike, b: DeadlineLike): number {
  return (URGENCY[a.status] ?? 5) - (URGENCY[b.status] ?? 5) || a.due.localeCompare(b.due);
}

/** The most urgent deadline still to meet, if any. */
export function mostUrgent<D extends DeadlineLike>(deadlines: readonly D[]): D | undefined {
  return [...deadlines].filter((deadline) => deadline.status !== 'met').sort(byUrgency)[0];
}

/** Cases with the most urgent open deadline first; cases with none left last, the oldest referral first. */
export function sortByUrgency<C extends CaseWithDeadlines>(items: readonly C[]): C[] {
  return [...items].sort((a, b) => {
    const first = mostUrgent(a.deadlines);
    const second = mostUrgent(b.deadlines);
    if (first && second) return byUrgency(first, second) || a.referred_on.localeCompare(b.referred_on);
    if (first || second) return first ? -1 : 1;
    return a.referred_on.localeCompare(b.referred_on);
  });
}

/** How many deadlines (and tasks, which have a due date and a status too) call for attention. */
export interface Alerts {
  overdue: number;
  due_today: number;
  due_soon: number;
}

export function countAlerts(deadlines: readonly Pick<DeadlineLike, 'status'>[]): Alerts {
  const alerts: Alerts = { overdue: 0, due_today: 0, due_soon: 0 };
  for (const { status } of deadlines) {
    if (status === 'overdue' || status === 'due_today' || status === 'due_soon') alerts[status] += 1;
  }
  return alerts;
}
