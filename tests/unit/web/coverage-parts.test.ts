/**
 * The station-coverage panel's parts (coverage-parts.ts): which parts a change asks for again and how
 * the fetched parts merge with the held ones. That the parts kept are the server's own for the new
 * query is checked against the server in tests/api/station-coverage-parts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Coverage, CoverageParts, CoverageQuery } from '../../../web/panels/station-coverage/api';
import { mergeParts, missingParts, partKey } from '../../../web/panels/station-coverage/coverage-parts';

const base: CoverageQuery = {
  thresholds: '180,300',
  threshold: '300',
  mode: 'dissolve',
  units: '1,2',
  team_standard: '300',
};
const all = ['isochrones', 'surface', 'gaps', 'districts', 'highRiskOutside', 'noRoadAccessSites', 'erf', 'summary'];

describe('missingParts', () => {
  it('asks for everything at first, the rings only when shown, nothing again for the same query', () => {
    expect(missingParts(base, {}, { showRings: false }).sort()).toEqual([...all].sort());
    expect(missingParts(base, {}, { showRings: true })).toContain('rings');
    const held = Object.fromEntries([...all, 'rings'].map((p) => [p, partKey(base, p as never)]));
    expect(missingParts(base, held, { showRings: true })).toEqual([]);
  });

  it('a threshold click asks for the districts, the high-risk list and the summary; a unit toggle for everything', () => {
    const held = Object.fromEntries([...all, 'rings'].map((p) => [p, partKey(base, p as never)]));
    expect(missingParts({ ...base, threshold: '600' }, held, { showRings: true }).sort()).toEqual(
      ['districts', 'highRiskOutside', 'summary'].sort(),
    );
    expect(missingParts({ ...base, mode: 'split' }, held, { showRings: true }).sort()).toEqual([
      'districts',
      'isochrones',
    ]);
    expect(missingParts({ ...base, erf: '300' }, held, { showRings: true })).toEqual(['erf']);
    expect(missingParts({ ...base, units: '1' }, held, { showRings: true }).sort()).toEqual([...all, 'rings'].sort());
  });
});

describe('mergeParts', () => {
  const answer = (tag: string, parts: string[]) =>
    ({
      units: tag,
      mode: 'dissolve',
      ...Object.fromEntries(parts.map((p) => [p, `${p}@${tag}`])),
    }) as unknown as CoverageParts;

  it('keeps the held parts of the same common query, takes the fetched ones, and drops the rest on a new common query', () => {
    const first = mergeParts(undefined, answer('a', all), all as never, base, {});
    expect(first.coverage.rings.features).toEqual([]); // not fetched yet: nothing drawn
    const q = { ...base, threshold: '600' };
    const asked = ['districts', 'highRiskOutside', 'summary'] as const;
    const second = mergeParts(first.coverage, answer('b', [...asked]), asked, q, first.held);
    const c = second.coverage as Coverage & Record<string, unknown>;
    expect(c.summary).toBe('summary@b');
    expect(c.surface).toBe('surface@a');
    expect(c.units).toBe('b');
    const other = { ...base, units: '2' };
    const third = mergeParts(second.coverage, answer('c', ['summary']), ['summary'], other, second.held);
    expect((third.coverage as Record<string, unknown>).surface).toBeUndefined();
    expect(Object.keys(third.held)).toEqual(['summary']);
  });
});
