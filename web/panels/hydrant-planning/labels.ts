/** Labels and number formats the 消火栓规划 components share (pure, given the translator). */
import type { MessageKey, Params } from '../../i18n';
import type { siteCategories } from './hydrant-planning.svelte';
import { formatMetres, formatPercent, formatSigned } from './totals';

type T = (key: MessageKey, params?: Params) => string;

/** '15,500' */
export const count = (n: number): string => n.toLocaleString('en-US');

export const riskLabel = (t: T, r: number | string): string => t(`risk.${Number(r) as 1 | 2 | 3 | 4}`);

export const categoryLabel = (t: T, c: string): string => t(`siteCategory.${c as (typeof siteCategories)[number]}`);

/** A before / after total as the card shows it. */
export function totalFormat(key: string, v: number): string {
  return key === 'sitesPercent' ? formatPercent(v) : key === 'sitesCovered' ? count(v) : formatMetres(v);
}

/** Its change, signed (percentage points for the share). */
export function signedTotal(key: string, v: number): string {
  return key === 'sitesPercent'
    ? formatSigned(v, (n) => `${n.toFixed(2)} pp`)
    : formatSigned(v, key === 'sitesCovered' ? count : formatMetres);
}
