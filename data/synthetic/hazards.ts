/**
 * SYNTHETIC fire hazards (火灾隐患) for 2023, tuned to the report (docs/standards.md §6): exactly 19,591
 * hazards found in the window 2023-01-01..2023-07-24 and rectified by its end; a few hundred more
 * found then but still open on 2023-07-24; a quieter second half-year. Townships differ in how
 * much they find, how fast they fix and how often hazards come back (反弹: the report's
 * "整改、反弹，再整改、再反弹"), so their rankings differ. A rebound is a new hazard at the same
 * site and category, found within 90 days of its predecessor's verification.
 */
import { hazardCategory } from '../../db/schema';
import { isoOf, weekdayOf } from './dates';
import { eventsThrough, hazardLife, type Life, type Performance, type Severity, stateAt } from './hazard-lifecycle';
import { type Rng, WeightedSampler } from './prng';
import { REPORT } from './report-figures';
import type { SiteRow } from './sites';
import type { DemoCountyData } from './types';

export type HazardRow = DemoCountyData['hazards'][number];
export type TransitionRow = DemoCountyData['hazardTransitions'][number];
type Category = HazardRow['category'];

const CATEGORIES: readonly Category[] = hazardCategory.enumValues;
/** Hazard category mix by site category (weights in CATEGORIES order). */
const MIX: Record<SiteRow['category'], number[]> = {
  nine_small: [20, 30, 22, 5, 10, 10, 3],
  crowded: [30, 20, 30, 10, 5, 1, 4],
  high_rise: [30, 15, 35, 12, 3, 0, 5],
  labour_intensive: [20, 25, 20, 10, 10, 12, 3],
  medical: [25, 25, 30, 10, 5, 0, 5],
  hazmat: [10, 25, 25, 10, 25, 0, 5],
  other: [15, 30, 25, 5, 15, 3, 7],
};
const DESCRIPTIONS: Record<Category, string[]> = {
  evacuation: ['安全出口锁闭', '疏散通道堆放杂物', '疏散指示标志损坏', '应急照明灯不亮', '窗户设置影响逃生的防盗网'],
  electrical: [
    '电气线路私拉乱接',
    '电动自行车室内充电',
    '电线未穿管保护',
    '大功率电器违规使用',
    '配电箱周围堆放可燃物',
  ],
  fire_equipment: [
    '灭火器过期失效',
    '室内消火栓被遮挡',
    '消防设施未定期维护',
    '火灾自动报警系统故障',
    '消防水泵未处于自动状态',
  ],
  fire_separation: ['防火门常闭失效', '防火卷帘下堆放物品', '管道井未封堵', '防火分隔被破坏'],
  flammable_material: ['易燃可燃彩钢板搭建', '违规存放易燃易爆物品', '厨房油烟管道未清洗', '仓库可燃物堆垛过高'],
  illegal_accommodation: ['生产经营场所违规住人', '仓库内设置员工宿舍', '三合一场所违规留宿'],
  other: ['消防安全制度不落实', '员工未经消防培训', '未制定灭火和应急疏散预案'],
};
const RISK_WEIGHT = [0, 0.8, 1, 1.3, 1.5];
/** Sites where hazards come back more: small venues and workshops (report 存在问题 (三)). */
const REBOUND_BY_SITE: Partial<Record<SiteRow['category'], number>> = { nine_small: 1.2, labour_intensive: 1.3 };
const REBOUND_DAYS: [number, number] = [5, 90];
/** Major hazards (重大火灾隐患, GB 35181) are rare: the report closed one such unit in half a year. */
const MAJOR_SHARE = 0.0003;
const MAJOR_SHARE_HIGH_RISK = 0.001;
/** The second half-year found about half as much per day (campaign season over). */
const SECOND_HALF_RATE = 0.5;

interface Draft {
  siteIndex: number;
  category: Category;
  severity: Severity;
  life: Life;
  predecessor: number | null;
  hasSuccessor: boolean;
}

/** Daily inspection intensity: weekends, Spring Festival week, June safety month, November fire month. */
function dayWeight(day: number): number {
  const iso = isoOf(day);
  const wd = weekdayOf(day);
  let w = wd === 0 ? 0.4 : wd === 6 ? 0.6 : 1;
  if (iso >= '2023-01-21' && iso <= '2023-01-27') w *= 0.25;
  else if (iso < '2023-01-21') w *= 1.2;
  if (iso.slice(5, 7) === '06') w *= 1.3;
  if (iso.slice(5, 7) === '11') w *= 1.25;
  return day > REPORT.windowEnd ? w * SECOND_HALF_RATE : w;
}

function townshipPerformance(rng: Rng, codes: string[]): Map<string, Performance> {
  // A few townships are much worse at keeping hazards fixed: the ranking has a clear bottom.
  const order = rng.shuffle([...codes]);
  return new Map(
    order.map((code, rank) => [
      code,
      {
        activity: rng.uniform(0.75, 1.35),
        speedDays: rng.uniform(3, 10),
        stubborn: rng.uniform(0.003, 0.015),
        reopen: rng.uniform(0.005, 0.025),
        rebound: rank < 3 ? rng.uniform(0.18, 0.26) : rank < 7 ? rng.uniform(0.08, 0.13) : rng.uniform(0.03, 0.06),
      },
    ]),
  );
}

function inWindowAndFixed(d: Draft): boolean {
  if (d.life.found < REPORT.windowStart || d.life.found > REPORT.windowEnd) return false;
  const s = stateAt(d.life, REPORT.asOf);
  return (s.status === 'rectified' || s.status === 'verified') && (s.rectifiedOn ?? Infinity) <= REPORT.windowEnd;
}

export function generateHazards(
  sites: SiteRow[],
  rootRng: Rng,
): { hazards: HazardRow[]; transitions: TransitionRow[] } {
  const rng = rootRng.fork('hazards');
  const perf = townshipPerformance(rng, [...new Set(sites.map((s) => s.townshipCode))].sort());
  const perfOf = (site: SiteRow) => perf.get(site.townshipCode) as Performance;
  const siteSampler = new WeightedSampler(
    sites.map((s) => (RISK_WEIGHT[s.riskLevel] ?? 1) * perfOf(s).activity * Math.exp(0.5 * rng.normal())),
  );
  const days = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const windowDays = days(REPORT.windowStart, REPORT.windowEnd);
  const laterDays = days(REPORT.windowEnd + 1, REPORT.asOf);
  const windowSampler = new WeightedSampler(windowDays.map(dayWeight));
  const laterSampler = new WeightedSampler(laterDays.map(dayWeight));

  const drafts: Draft[] = [];
  let qualifying = 0;
  const addChain = (siteIndex: number, found: number) => {
    const site = sites[siteIndex] as SiteRow;
    const p = perfOf(site);
    const highRisk = site.riskLevel >= 3;
    const severity: Severity = rng.chance(highRisk ? MAJOR_SHARE_HIGH_RISK : MAJOR_SHARE) ? 'major' : 'general';
    const category = CATEGORIES[rng.weightedIndex(MIX[site.category])] as Category;
    let draft: Draft = {
      siteIndex,
      category,
      severity,
      life: hazardLife(rng, found, severity, p),
      predecessor: null,
      hasSuccessor: false,
    };
    drafts.push(draft);
    if (inWindowAndFixed(draft)) qualifying++;
    // Rebounds: after verification the same problem is found again at the same site.
    for (;;) {
      const verified = stateAt(draft.life, REPORT.asOf).verifiedOn;
      if (verified === null || !rng.chance(p.rebound * (REBOUND_BY_SITE[site.category] ?? 0.8))) return;
      const again = verified + rng.int(...REBOUND_DAYS);
      if (again > REPORT.asOf) return;
      draft.hasSuccessor = true;
      const next: Draft = {
        siteIndex,
        category,
        severity: 'general',
        life: hazardLife(rng, again, 'general', p),
        predecessor: drafts.length - 1,
        hasSuccessor: false,
      };
      drafts.push(next);
      if (inWindowAndFixed(next)) qualifying++;
      draft = next;
    }
  };

  // First half-year: draw hazards (with their rebounds) until the report's figure is reached …
  let windowPrimaries = 0;
  while (qualifying < REPORT.hazardsFoundAndRectified) {
    addChain(siteSampler.draw(rng), windowDays[windowSampler.draw(rng)] as number);
    windowPrimaries++;
  }
  // … then push the last-found surplus past the cut-off: they were still open on 24 July.
  const surplus = drafts
    .filter((d) => inWindowAndFixed(d) && !d.hasSuccessor)
    .sort((a, b) => b.life.found - a.life.found)
    .slice(0, qualifying - REPORT.hazardsFoundAndRectified);
  for (const d of surplus) {
    d.life = hazardLife(rng, d.life.found, d.severity, perfOf(sites[d.siteIndex] as SiteRow), {
      openThrough: REPORT.windowEnd,
    });
  }
  const check = drafts.filter(inWindowAndFixed).length;
  if (check !== REPORT.hazardsFoundAndRectified)
    throw new Error(`window hazards ${check}, expected the report's figure`);
  // Second half-year at the same per-day intensity curve (halved in dayWeight).
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const laterPrimaries = Math.round((windowPrimaries * sum(laterDays.map(dayWeight))) / sum(windowDays.map(dayWeight)));
  for (let i = 0; i < laterPrimaries; i++) {
    addChain(siteSampler.draw(rng), laterDays[laterSampler.draw(rng)] as number);
  }

  // Ids in order of discovery, so a predecessor always has the smaller id.
  const order = drafts
    .map((_, i) => i)
    .sort((a, b) => (drafts[a] as Draft).life.found - (drafts[b] as Draft).life.found || a - b);
  const idOf = new Int32Array(drafts.length);
  order.forEach((di, rank) => {
    idOf[di] = rank + 1;
  });
  const hazards: HazardRow[] = [];
  const transitions: TransitionRow[] = [];
  for (const di of order) {
    const d = drafts[di] as Draft;
    const site = sites[d.siteIndex] as SiteRow;
    const id = idOf[di] as number;
    const s = stateAt(d.life, REPORT.asOf);
    hazards.push({
      id,
      adcode: site.adcode,
      siteId: site.id,
      townshipCode: site.townshipCode,
      category: d.category,
      severity: d.severity,
      status: s.status,
      description: rng.pick(DESCRIPTIONS[d.category]),
      foundOn: isoOf(d.life.found),
      deadline: isoOf(d.life.deadline),
      rectifiedOn: s.rectifiedOn === null ? null : isoOf(s.rectifiedOn),
      verifiedOn: s.verifiedOn === null ? null : isoOf(s.verifiedOn),
      predecessorId: d.predecessor === null ? null : (idOf[d.predecessor] as number),
      synthetic: true,
    });
    let from: HazardRow['status'] | null = null;
    for (const e of eventsThrough(d.life, REPORT.asOf)) {
      transitions.push({
        adcode: site.adcode,
        hazardId: id,
        fromStatus: from,
        toStatus: e.status,
        on: isoOf(e.day),
        note: NOTES[e.status],
      });
      from = e.status;
    }
  }
  return { hazards, transitions };
}

const NOTES: Record<HazardRow['status'], string> = {
  open: '检查发现',
  rectifying: '下发责令限期改正通知书',
  rectified: '单位报告整改完毕',
  reopened: '复查不合格，责令重新整改',
  verified: '复查合格',
};
