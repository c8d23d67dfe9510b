/** How the 警情 panel writes times and distances (pure). */
import type { MessageKey } from '../../i18n';

/** 256 → "4:16"; null → "—". */
export function clock(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** 2140 → "2.1 km"; 297 → "297 m"; null → "—". */
export function distance(m: number | null | undefined): string {
  if (m === null || m === undefined) return '—';
  return m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;
}

/** The label of a code from the one label table (server/export/labels.ts), or the code itself. */
export function codeLabel(
  t: (key: MessageKey) => string,
  group:
    | 'unitKind'
    | 'hydrantKind'
    | 'hydrantStatus'
    | 'siteCategory'
    | 'hazardCategory'
    | 'hazardStatus'
    | 'enforcementKind'
    | 'dutyStatus',
  code: string,
): string {
  return t(`${group}.${code}` as MessageKey);
}
