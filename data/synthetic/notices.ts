/**
 * SYNTHETIC documents of the safety committee office (消安办; the report's 消防安全责任, docs/standards.md
 * §6): in the window exactly 18 督办通知, 22 提示函, 3 《消防工作预警指南》 and 4 《火灾案例警示教育》,
 * a few more in the second half-year. A 督办通知 goes to the township with the most overdue hazards
 * that day and names them (oldest deadline first), with a reply deadline a week later. Its own
 * stream (fork 'notices').
 */
import { dayOf, isoOf, weekdayOf } from './dates';
import type { HazardRow } from './hazards';
import type { Rng } from './prng';
import { REPORT } from './report-figures';
import type { DemoCountyData } from './types';

type NoticeRow = DemoCountyData['notices'][number];
type Kind = NoticeRow['kind'];

const REPLY_DAYS = 7;
const MAX_HAZARDS = 10;
const SUPERVISION_START_DAYS = 21;
const LATER: Record<Kind, number> = { supervision: 8, reminder: 10, warning_guide: 2, case_warning: 2 };
const NUMBER_PREFIX: Record<Kind, string> = {
  supervision: '舞消安办督',
  reminder: '舞消安办函',
  warning_guide: '舞消安办预',
  case_warning: '舞消安办警',
};
const REMINDER_TOPICS = [
  '春节期间消防安全工作',
  '元宵节期间烟花爆竹燃放安全',
  '春季农村火灾防控',
  '清明节期间野外用火管理',
  '“五一”假期消防安全',
  '夏季高温天气消防安全',
  '电动自行车消防安全综合治理',
  '“九小一店”场所消防安全专项治理',
  '劳动密集型企业消防安全',
  '秸秆禁烧和防火',
  '高层建筑消防安全',
  '“安全生产月”消防工作',
];
const CASES = ['电动自行车室内充电引发火灾', '违规住人场所火灾', '彩钢板建筑火灾', '电气线路故障引发火灾'];

function spreadDays(rng: Rng, n: number, from: number, to: number): number[] {
  const len = to - from + 1;
  return Array.from({ length: n }, (_, i) => {
    let d = Math.min(to, Math.max(from, from + Math.floor(((i + 0.5) * len) / n) + rng.int(-3, 3)));
    while (weekdayOf(d) === 0 || weekdayOf(d) === 6) d = d > from ? d - 1 : d + 1;
    return d;
  });
}

export function generateNotices(
  input: { townships: DemoCountyData['townships']; sites: DemoCountyData['sites']; hazards: readonly HazardRow[] },
  rootRng: Rng,
): { notices: NoticeRow[]; noticeHazards: DemoCountyData['noticeHazards'] } {
  const rng = rootRng.fork('notices');
  const adcode = input.townships[0]?.adcode ?? '';
  const nameOf = new Map(input.townships.map((t) => [t.code, t.name]));
  const siteName = new Map(input.sites.map((s) => [s.id, s.name]));
  const siteOf = new Map(input.hazards.map((h) => [h.id, h.siteId]));
  const drafts: { kind: Kind; day: number; township: string | null; hazards: number[]; topic: string }[] = [];
  const overdueOn = (day: number) =>
    input.hazards.filter((h) => {
      const fixed = h.rectifiedOn ? dayOf(h.rectifiedOn) : Infinity;
      return dayOf(h.foundOn) <= day && dayOf(h.deadline) < day && fixed > day;
    });
  const plan = (counts: Record<Kind, number>, from: number, to: number) => {
    let last: string | null = null;
    // Hazards need time to run past their deadlines: supervision starts three weeks in.
    for (const day of spreadDays(rng, counts.supervision, from + SUPERVISION_START_DAYS, to)) {
      const byTownship = new Map<string, HazardRow[]>();
      for (const h of overdueOn(day)) byTownship.set(h.townshipCode, [...(byTownship.get(h.townshipCode) ?? []), h]);
      const ranked = [...byTownship.entries()]
        .filter(([code]) => code !== last)
        .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const pick = ranked[rng.int(0, Math.min(2, ranked.length - 1))];
      if (!pick) throw new Error(`no overdue hazards on ${isoOf(day)} for a 督办通知`);
      const [code, list] = pick;
      last = code;
      const named = [...list].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id).slice(0, MAX_HAZARDS);
      drafts.push({ kind: 'supervision', day, township: code, hazards: named.map((h) => h.id), topic: '' });
    }
    for (const day of spreadDays(rng, counts.reminder, from, to)) {
      const township = rng.chance(0.6) ? (rng.pick(input.townships).code as string) : null;
      drafts.push({ kind: 'reminder', day, township, hazards: [], topic: rng.pick(REMINDER_TOPICS) });
    }
    for (const day of spreadDays(rng, counts.warning_guide, from, to))
      drafts.push({ kind: 'warning_guide', day, township: null, hazards: [], topic: '' });
    for (const day of spreadDays(rng, counts.case_warning, from, to))
      drafts.push({ kind: 'case_warning', day, township: null, hazards: [], topic: rng.pick(CASES) });
  };
  plan(
    {
      supervision: REPORT.supervisionNotices,
      reminder: REPORT.reminderLetters,
      warning_guide: REPORT.warningGuides,
      case_warning: REPORT.caseWarnings,
    },
    REPORT.windowStart,
    REPORT.windowEnd,
  );
  plan(LATER, REPORT.windowEnd + 1, REPORT.asOf - REPLY_DAYS);
  drafts.sort((a, b) => a.day - b.day || a.kind.localeCompare(b.kind));

  const serial = new Map<Kind, number>();
  const notices: NoticeRow[] = [];
  const noticeHazards: DemoCountyData['noticeHazards'] = [];
  drafts.forEach((d, i) => {
    const n = (serial.get(d.kind) ?? 0) + 1;
    serial.set(d.kind, n);
    const township = d.township === null ? null : (nameOf.get(d.township) ?? d.township);
    const id = i + 1;
    notices.push({
      id,
      adcode,
      kind: d.kind,
      number: `${NUMBER_PREFIX[d.kind]}〔${isoOf(d.day).slice(0, 4)}〕${n}号`,
      title: titleOf(d.kind, n, township, d.topic),
      issuedOn: isoOf(d.day),
      townshipCode: d.township,
      replyBy: d.kind === 'supervision' ? isoOf(d.day + REPLY_DAYS) : null,
      body:
        d.kind === 'supervision'
          ? `${township}：以下${d.hazards.length}处火灾隐患已超过整改期限，请于${isoOf(d.day + REPLY_DAYS)}前督促整改到位并书面回复：${d.hazards
              .map((h) => siteName.get(siteOf.get(h) ?? 0) ?? '')
              .join('、')}。`
          : null,
      synthetic: true,
    });
    for (const hazardId of d.hazards) noticeHazards.push({ noticeId: id, hazardId });
  });
  return { notices, noticeHazards };
}

function titleOf(kind: Kind, n: number, township: string | null, topic: string): string {
  if (kind === 'supervision') return `关于督促${township}限期整改逾期火灾隐患的督办通知`;
  if (kind === 'reminder') return `关于做好${topic}的提示函`;
  if (kind === 'warning_guide') return `消防工作预警指南（第${n}期）`;
  return `火灾案例警示教育（第${n}期）：${topic}`;
}
