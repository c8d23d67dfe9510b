import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  datesAfter,
  HAZARD_STATUSES,
  isLegalTransition,
} from '../../../server/analysis/hazard-lifecycle';

/** The rules written out by hand, pair by pair (检查→整改→复查, reopen after rectified/verified). */
const LEGAL = new Set([
  'open>rectifying',
  'rectifying>rectified',
  'rectified>verified',
  'rectified>reopened',
  'verified>reopened',
  'reopened>rectifying',
  'reopened>rectified',
]);

describe('hazard lifecycle rules', () => {
  it('accepts exactly the legal pairs among all 25', () => {
    for (const from of HAZARD_STATUSES) {
      for (const to of HAZARD_STATUSES) {
        expect(isLegalTransition(from, to), `${from} → ${to}`).toBe(LEGAL.has(`${from}>${to}`));
        expect(allowedTransitions(from).includes(to)).toBe(LEGAL.has(`${from}>${to}`));
      }
    }
  });

  it('never allows staying put or going back to open', () => {
    for (const s of HAZARD_STATUSES) {
      expect(isLegalTransition(s, s)).toBe(false);
      expect(isLegalTransition(s, 'open')).toBe(false);
    }
  });

  it('sets and clears the dates the way the stored rows hold them', () => {
    const none = { rectifiedOn: null, verifiedOn: null };
    expect(datesAfter(none, 'rectifying', '2023-03-01')).toEqual(none);
    expect(datesAfter(none, 'rectified', '2023-03-02')).toEqual({ rectifiedOn: '2023-03-02', verifiedOn: null });
    expect(datesAfter({ rectifiedOn: '2023-03-02', verifiedOn: null }, 'verified', '2023-03-09')).toEqual({
      rectifiedOn: '2023-03-02',
      verifiedOn: '2023-03-09',
    });
    expect(datesAfter({ rectifiedOn: '2023-03-02', verifiedOn: '2023-03-09' }, 'reopened', '2023-04-01')).toEqual(none);
    // Fixed again after a reopen: the new fix date replaces the old one.
    expect(datesAfter(none, 'rectified', '2023-04-05')).toEqual({ rectifiedOn: '2023-04-05', verifiedOn: null });
  });
});
