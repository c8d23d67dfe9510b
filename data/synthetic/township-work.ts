/**
 * SYNTHETIC township work records (issue 15; the report's 基层力量建设, docs/standards.md §6): fire
 * patrols (防火巡查), training and publicity sessions (宣传培训) and village guidance visits (指导行政村).
 * In the window 2023-01-01 … 2023-07-24 exactly 14,632 distinct places are patrolled (sites and a
 * few free addresses: markets, threshing grounds), 4,156 sessions held and 4,474 villages visited.
 * Every hazard the township patrols found has its patrol (same site, same day, hazards_found = the
 * hazards found there that day). Its own stream (fork 'township-work'): no other table changes.
 */
import { dayOf, isoOf } from './dates';
import type { HazardRow } from './hazards';
import { personName } from './names';
import type { Rng } from './prng';
import { REPORT } from './report-figures';
import type { DemoCountyData } from './types';
import { DaySampler } from './work-days';

type PatrolRow = DemoCountyData['patrols'][number];
type TrainingRow = DemoCountyData['trainings'][number];
type VisitRow = DemoCountyData['villageVisits'][number];
type Kind = TrainingRow['kind'];

/** Places patrolled by address, not a registered site. */
const FREE_PLACES = ['集贸市场', '晒场', '秸秆堆放点', '废品收购点', '村文化广场', '养殖场'];
const FREE_PLACES_IN_WINDOW = 150;
/** Sessions by kind in the window (the report: 60+ drills, 200+ banners, 6,000+ leaflets handed out). */
const KIND_COUNTS: Record<Kind, number> = { drill: 64, banner: 212, leaflet: 610, publicity: 1480, training: 0 };
const QUANTITY: Record<Kind, [number, number]> = {
  training: [20, 120],
  drill: [30, 200],
  publicity: [50, 400],
  banner: [1, 4],
  leaflet: [5, 30],
};
const TOPICS = [
  '农村消防安全网格化管理',
  '村级微型消防站建设',
  '秸秆禁烧与野外用火管理',
  '冬春火灾防控',
  '电动自行车安全充电',
  '独居老人家庭用火用电检查',
  '夏季消防安全提示',
  '消防宣传进农户',
];
const SESSION_PLACES = ['村委会', '文化广场', '中心小学', '卫生院', '敬老院'];
/** Patrols after the window, per window patrol (the second half-year is quieter). */
const LATER_SHARE = 0.45;

interface Inputs {
  townships: DemoCountyData['townships'];
  villages: DemoCountyData['villages'];
  sites: DemoCountyData['sites'];
  hazards: readonly HazardRow[];
}

export function generateTownshipWork(
  input: Inputs,
  rootRng: Rng,
): { patrols: PatrolRow[]; trainings: TrainingRow[]; villageVisits: VisitRow[] } {
  const rng = rootRng.fork('township-work');
  const { townships, villages } = input;
  const nameOf = new Map(townships.map((t) => [t.code, t.name]));
  const adcode = townships[0]?.adcode ?? '';
  const roster = new Map(townships.map((t) => [t.code, Array.from({ length: rng.int(4, 8) }, () => personName(rng))]));
  const activity = new Map(townships.map((t) => [t.code, rng.uniform(0.7, 1.3)]));
  const windowDays = new DaySampler(REPORT.windowStart, REPORT.windowEnd);
  const laterDays = new DaySampler(REPORT.windowEnd + 1, REPORT.asOf);
  const patrols = patrolRows({ ...input, rng, roster, windowDays, laterDays, adcode, nameOf });

  // Sessions: each township's share by its villages and activity; kinds per the report's mix.
  const villagesOf = new Map<string, DemoCountyData['villages']>();
  for (const v of villages) villagesOf.set(v.townshipCode, [...(villagesOf.get(v.townshipCode) ?? []), v]);
  const weights = townships.map((t) => (villagesOf.get(t.code)?.length ?? 1) * (activity.get(t.code) as number));
  const pickTownship = () => townships[rng.weightedIndex(weights)] as DemoCountyData['townships'][number];
  const kinds: Kind[] = [];
  for (const [kind, n] of Object.entries(KIND_COUNTS) as [Kind, number][]) kinds.push(...Array(n).fill(kind));
  while (kinds.length < REPORT.trainingSessions) kinds.push('training');
  const trainings: TrainingRow[] = [];
  const session = (kind: Kind, day: number) => {
    const t = pickTownship();
    const v = rng.pick(villagesOf.get(t.code) ?? []);
    trainings.push({
      adcode,
      townshipCode: t.code,
      heldOn: isoOf(day),
      kind,
      place: `${v.shortName}${rng.pick(SESSION_PLACES)}`,
      quantity: rng.int(...QUANTITY[kind]),
      synthetic: true,
    });
  };
  for (const kind of kinds) session(kind, windowDays.draw(rng));
  for (let i = 0; i < Math.round(kinds.length * LATER_SHARE); i++) session(rng.pick(kinds), laterDays.draw(rng));

  const villageVisits: VisitRow[] = [];
  const visit = (day: number) => {
    const t = pickTownship();
    const v = rng.pick(villagesOf.get(t.code) ?? []);
    villageVisits.push({
      adcode,
      townshipCode: t.code,
      villageCode: v.code,
      visitedOn: isoOf(day),
      topic: rng.pick(TOPICS),
      synthetic: true,
    });
  };
  for (let i = 0; i < REPORT.villageVisits; i++) visit(windowDays.draw(rng));
  for (let i = 0; i < Math.round(REPORT.villageVisits * LATER_SHARE); i++) visit(laterDays.draw(rng));

  return {
    patrols,
    trainings: trainings.sort(
      (a, b) => a.heldOn.localeCompare(b.heldOn) || a.townshipCode.localeCompare(b.townshipCode),
    ),
    villageVisits: villageVisits.sort(
      (a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.townshipCode.localeCompare(b.townshipCode),
    ),
  };
}

function patrolRows(p: {
  sites: DemoCountyData['sites'];
  villages: DemoCountyData['villages'];
  hazards: readonly HazardRow[];
  rng: Rng;
  roster: Map<string, string[]>;
  windowDays: DaySampler;
  laterDays: DaySampler;
  adcode: string;
  nameOf: Map<string, string>;
}): PatrolRow[] {
  const { rng, sites } = p;
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const rows: PatrolRow[] = [];
  const seen = new Set<string>();
  const atSite = (siteId: number, day: number, hazardsFound: number) => {
    const key = `${siteId}|${day}`;
    if (seen.has(key)) return;
    seen.add(key);
    const site = siteById.get(siteId) as DemoCountyData['sites'][number];
    rows.push({
      adcode: p.adcode,
      townshipCode: site.townshipCode,
      siteId,
      patrolledOn: isoOf(day),
      patroller: rng.pick(p.roster.get(site.townshipCode) ?? ['']),
      hazardsFound,
      synthetic: true,
    });
  };
  // The patrols that found the township's hazards (one per site and day).
  const found = new Map<string, number>();
  for (const h of p.hazards) {
    if (h.source !== 'township_patrol') continue;
    const key = `${h.siteId}|${dayOf(h.foundOn)}`;
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  const patrolled = new Set<number>();
  for (const [key, n] of found) {
    const [siteId, day] = key.split('|').map(Number) as [number, number];
    atSite(siteId, day, n);
    if (day <= REPORT.windowEnd) patrolled.add(siteId);
  }
  // More sites patrolled without a finding, up to the report's distinct places (less the free ones).
  const others = rng.shuffle(sites.filter((s) => !patrolled.has(s.id)).map((s) => s.id));
  const need = REPORT.placesPatrolled - FREE_PLACES_IN_WINDOW - patrolled.size;
  if (need < 0 || need > others.length) throw new Error(`cannot reach the report's ${REPORT.placesPatrolled} places`);
  for (const id of others.slice(0, need)) {
    atSite(id, p.windowDays.draw(rng), 0);
    patrolled.add(id);
  }
  // Repeat visits (日查 + 夜查) to places already on the list, and the second half-year.
  const list = [...patrolled].sort((a, b) => a - b);
  for (let i = 0; i < Math.round(list.length * 0.6); i++) atSite(rng.pick(list), p.windowDays.draw(rng), 0);
  for (let i = 0; i < Math.round(list.length * 0.5); i++) atSite(rng.pick(sites).id, p.laterDays.draw(rng), 0);
  // Free places: an address and a point near a village.
  const combos = p.villages.flatMap((v) => FREE_PLACES.map((f) => ({ v, f })));
  rng.shuffle(combos);
  const free = (c: { v: DemoCountyData['villages'][number]; f: string }, day: number) => {
    const [lon, lat] = c.v.geom.coordinates as [number, number];
    rows.push({
      adcode: p.adcode,
      townshipCode: c.v.townshipCode,
      siteId: null,
      address: `舞阳县${p.nameOf.get(c.v.townshipCode) ?? ''}${c.v.shortName}${c.f}`,
      geom: {
        type: 'Point',
        coordinates: [
          Math.round((lon + rng.uniform(-0.003, 0.003)) * 1e6) / 1e6,
          Math.round((lat + rng.uniform(-0.003, 0.003)) * 1e6) / 1e6,
        ],
      },
      patrolledOn: isoOf(day),
      patroller: rng.pick(p.roster.get(c.v.townshipCode) ?? ['']),
      hazardsFound: 0,
      synthetic: true,
    });
  };
  for (const c of combos.slice(0, FREE_PLACES_IN_WINDOW)) free(c, p.windowDays.draw(rng));
  for (const c of combos.slice(FREE_PLACES_IN_WINDOW, FREE_PLACES_IN_WINDOW + 60)) free(c, p.laterDays.draw(rng));
  return rows.sort(
    (a, b) => a.patrolledOn.localeCompare(b.patrolledOn) || a.townshipCode.localeCompare(b.townshipCode),
  );
}
