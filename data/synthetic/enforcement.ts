/**
 * SYNTHETIC enforcement decisions, on sites whose hazards ran past their deadline. The report
 * window holds exactly the report's figures (docs/standards.md §6): 16 fines totalling 99,900 yuan, 7 seals
 * (临时查封), 7 three-stops (三停), 1 detention. The second half-year gets a smaller set.
 */
import { dayOf, isoOf } from './dates';
import type { HazardRow } from './hazards';
import type { Rng } from './prng';
import { REPORT } from './report-figures';
import type { SiteRow } from './sites';
import type { DemoCountyData } from './types';

export type EnforcementRow = DemoCountyData['enforcementActions'][number];
type Kind = EnforcementRow['kind'];

/** Usual fine amounts (yuan); one last fine balances the report's total. */
const FINE_MENU = [1000, 2000, 3000, 5000, 5000, 5000, 8000, 10000, 10000, 15000, 20000];
const FINE_RANGE: [number, number] = [1000, 30000];
const LATER = { fine: 9, seal: 3, three_stops: 2 } as const;

const KIND_SITES: Record<Kind, SiteRow['category'][]> = {
  fine: ['nine_small', 'crowded', 'labour_intensive', 'hazmat', 'high_rise', 'medical', 'other'],
  seal: ['nine_small', 'crowded', 'labour_intensive', 'hazmat'],
  three_stops: ['labour_intensive', 'hazmat', 'other', 'nine_small'],
  detention: ['nine_small', 'labour_intensive'],
};
const NOTE: Record<Kind, string> = {
  fine: '逾期未改正火灾隐患，依法处以罚款',
  seal: '逾期未改正，依法对危险部位实施临时查封',
  three_stops: '火灾隐患严重，责令停产停业（三停）',
  detention: '违规住人拒不整改，移送公安机关行政拘留1人',
};

/** Fines that are common amounts, summing exactly to `total`. */
function fineAmounts(rng: Rng, count: number, total: number): number[] {
  for (let attempt = 0; attempt < 10000; attempt++) {
    const amounts = Array.from({ length: count - 1 }, () => rng.pick(FINE_MENU));
    const last = total - amounts.reduce((a, b) => a + b, 0);
    if (last >= FINE_RANGE[0] && last <= FINE_RANGE[1] && last % 100 === 0) return rng.shuffle([...amounts, last]);
  }
  throw new Error(`cannot split ${total} yuan into ${count} fines`);
}

export function generateEnforcement(hazards: HazardRow[], sites: SiteRow[], rootRng: Rng): EnforcementRow[] {
  const rng = rootRng.fork('enforcement');
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const used = new Set<number>();
  const rows: EnforcementRow[] = [];

  // An overdue hazard: its deadline passed before it was fixed (or it is still not fixed).
  const overdue = (from: number, to: number) =>
    hazards.filter((h) => {
      const deadline = dayOf(h.deadline);
      const found = dayOf(h.foundOn);
      const fixed = h.rectifiedOn ? dayOf(h.rectifiedOn) : Infinity;
      return found >= from && deadline < to && fixed > deadline;
    });

  const decide = (pool: HazardRow[], kind: Kind, count: number, until: number, amounts: number[] = []) => {
    const candidates = rng.shuffle(
      pool.filter((h) => {
        const site = siteById.get(h.siteId) as SiteRow;
        const fits = KIND_SITES[kind].includes(site.category);
        return fits && !used.has(h.siteId) && (kind !== 'detention' || h.category === 'illegal_accommodation');
      }),
    );
    if (candidates.length < count) throw new Error(`only ${candidates.length} sites for ${count} × ${kind}`);
    candidates.slice(0, count).forEach((h, i) => {
      used.add(h.siteId);
      const decided = Math.min(until, dayOf(h.deadline) + rng.int(1, 15));
      const fine = kind === 'fine' ? (amounts[i] as number) : null;
      rows.push({
        adcode: h.adcode,
        siteId: h.siteId,
        townshipCode: h.townshipCode,
        kind,
        fineYuan: fine,
        decidedOn: isoOf(decided),
        note: fine === null ? NOTE[kind] : `${NOTE[kind]}${fine}元（${h.description ?? ''}）`,
        synthetic: true,
      });
    });
  };

  const windowPool = overdue(REPORT.windowStart, REPORT.windowEnd);
  decide(windowPool, 'fine', REPORT.fines, REPORT.windowEnd, fineAmounts(rng, REPORT.fines, REPORT.fineTotalYuan));
  decide(windowPool, 'seal', REPORT.seals, REPORT.windowEnd);
  decide(windowPool, 'three_stops', REPORT.threeStops, REPORT.windowEnd);
  decide(windowPool, 'detention', REPORT.detentions, REPORT.windowEnd);

  const laterPool = overdue(REPORT.windowEnd + 1, REPORT.asOf);
  decide(
    laterPool,
    'fine',
    LATER.fine,
    REPORT.asOf,
    Array.from({ length: LATER.fine }, () => rng.pick(FINE_MENU)),
  );
  decide(laterPool, 'seal', LATER.seal, REPORT.asOf);
  decide(laterPool, 'three_stops', LATER.three_stops, REPORT.asOf);
  return rows.sort((a, b) => a.decidedOn.localeCompare(b.decidedOn));
}
