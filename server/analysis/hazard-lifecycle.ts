/**
 * Hazard lifecycle rules (检查 → 整改 → 复查, 公安部令第120号; docs/standards.md §4): which status may follow which, and
 * what a transition does to the row's dates. Pure: no database.
 */

export const HAZARD_STATUSES = ['open', 'rectifying', 'rectified', 'verified', 'reopened'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

/**
 * Legal next statuses. open → rectifying (order served) → rectified (fix reported) → verified
 * (re-inspected); a failed re-inspection or a hazard found again reopens a rectified or verified
 * one; a reopened hazard is ordered again (rectifying) or reported fixed straight away
 * (rectified — the demo data's history records that step after a failed re-inspection).
 */
export const LEGAL_TRANSITIONS: Readonly<Record<HazardStatus, readonly HazardStatus[]>> = {
  open: ['rectifying'],
  rectifying: ['rectified'],
  rectified: ['verified', 'reopened'],
  verified: ['reopened'],
  reopened: ['rectifying', 'rectified'],
};

export function allowedTransitions(from: HazardStatus): readonly HazardStatus[] {
  return LEGAL_TRANSITIONS[from];
}

export function isLegalTransition(from: HazardStatus, to: HazardStatus): boolean {
  return LEGAL_TRANSITIONS[from].includes(to);
}

export interface HazardDates {
  rectifiedOn: string | null;
  verifiedOn: string | null;
}

/**
 * The row's dates after moving to `to` on `on` (ISO date): rectified sets rectified_on, verified
 * sets verified_on, reopened and rectifying clear both (the hazard is not fixed any more), the
 * same way the demo data stores a hazard's state.
 *
 * @example datesAfter({ rectifiedOn: '2023-03-01', verifiedOn: null }, 'verified', '2023-03-09')
 *   // → { rectifiedOn: '2023-03-01', verifiedOn: '2023-03-09' }
 */
export function datesAfter(current: HazardDates, to: HazardStatus, on: string): HazardDates {
  switch (to) {
    case 'rectified':
      return { rectifiedOn: on, verifiedOn: null };
    case 'verified':
      return { rectifiedOn: current.rectifiedOn ?? on, verifiedOn: on };
    default:
      return { rectifiedOn: null, verifiedOn: null };
  }
}
