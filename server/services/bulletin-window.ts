/**
 * The bulletin's period: a week (Monday–Sunday: 周通报), a calendar month (月讲评) or any other window
 * (通报), its issue number (第N期: the week of the year counted from its first Monday, or the month)
 * and the previous period of the same length.
 */
import { dayNumber } from '../analysis/hazard-rebound';

const DAY_MS = 86_400_000;
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export type PeriodKind = 'week' | 'month' | 'period';

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  days: number;
  /** 第N期, null for a window that is neither a week nor a month. */
  issue: number | null;
  previous: { from: string; to: string };
}

/** Monday = 0 … Sunday = 6. */
const mondayIndex = (day: number) => (new Date(day * DAY_MS).getUTCDay() + 6) % 7;

export function periodOf(from: string, to: string): Period {
  const f = dayNumber(from);
  const t = dayNumber(to);
  const days = t - f + 1;
  const year = Number(from.slice(0, 4));
  const lastOfMonth = isoOfDay(dayNumber(`${to.slice(0, 7)}-01`) + 40).slice(0, 7);
  const monthEnd = isoOfDay(dayNumber(`${lastOfMonth}-01`) - 1);
  if (from.slice(8) === '01' && to === monthEnd && from.slice(0, 7) === to.slice(0, 7)) {
    const prevTo = f - 1;
    return {
      kind: 'month',
      from,
      to,
      days,
      issue: Number(from.slice(5, 7)),
      previous: { from: `${isoOfDay(prevTo).slice(0, 7)}-01`, to: isoOfDay(prevTo) },
    };
  }
  const previous = { from: isoOfDay(f - days), to: isoOfDay(f - 1) };
  if (days === 7 && mondayIndex(f) === 0) {
    const jan1 = dayNumber(`${year}-01-01`);
    const firstMonday = jan1 + ((7 - mondayIndex(jan1)) % 7);
    return { kind: 'week', from, to, days, issue: Math.floor((f - firstMonday) / 7) + 1, previous };
  }
  return { kind: 'period', from, to, days, issue: null, previous };
}

/** The last whole Monday–Sunday week ending on or before `asOf`. */
export function lastWeek(asOf: string): { from: string; to: string } {
  const a = dayNumber(asOf);
  const sunday = a - ((mondayIndex(a) + 1) % 7);
  return { from: isoOfDay(sunday - 6), to: isoOfDay(sunday) };
}
