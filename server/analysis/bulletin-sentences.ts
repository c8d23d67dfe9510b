/**
 * The bulletin's 3–5 sentences, from its numbers only (no invention): the county's work against the
 * previous period, the best and worst townships by score, rectification, the named sites with overdue
 * major hazards, and the 督办通知 followed up. Pure: numbers in, Chinese text out.
 */

export interface SentenceInput {
  county: {
    patrolledPlaces: number;
    patrolledPlacesChange: number;
    trainings: number;
    villageVisits: number;
    found: number;
    rectified: number;
    /** Percent, one decimal, or null. */
    rectifiedRate: number | null;
    rectifiedRateChangePp: number | null;
    overdue: number;
  };
  /** Ranked, best first. */
  ranking: { name: string; score: number; rectifiedRate: number | null; overdue: number }[];
  majorOverdue: { siteName: string; townshipName: string }[];
  followUps: { number: string; townshipName: string; named: number; rectified: number; openPastReply: number }[];
}

const signed = (n: number, unit: string) => (n > 0 ? `增加${n}${unit}` : n < 0 ? `减少${-n}${unit}` : '持平');
const pp = (n: number) => (n > 0 ? `上升${n.toFixed(1)}个百分点` : n < 0 ? `下降${(-n).toFixed(1)}个百分点` : '持平');
const names = (list: string[]) => list.join('、');

export function bulletinSentences(x: SentenceInput): string[] {
  const c = x.county;
  const out: string[] = [];
  out.push(
    `本期全县各乡镇防火巡查场所${c.patrolledPlaces}家，较上期${signed(c.patrolledPlacesChange, '家')}；` +
      `开展宣传培训${c.trainings}次，指导行政村${c.villageVisits}次。`,
  );
  out.push(
    `本期发现火灾隐患${c.found}处，已整改${c.rectified}处` +
      (c.rectifiedRate === null
        ? '。'
        : `，整改率${c.rectifiedRate.toFixed(1)}%` +
          (c.rectifiedRateChangePp === null ? '' : `，较上期${pp(c.rectifiedRateChangePp)}`) +
          '。') +
      `截至期末逾期未整改隐患${c.overdue}处。`,
  );
  if (x.ranking.length >= 2) {
    const n = Math.min(3, Math.floor(x.ranking.length / 2));
    const top = x.ranking.slice(0, n).map((r) => `${r.name}（${r.score.toFixed(1)}分）`);
    const bottom = x.ranking.slice(-n).map((r) => `${r.name}（${r.score.toFixed(1)}分）`);
    out.push(`综合考核得分前${n}名为${names(top)}；后${n}名为${names(bottom)}，请相关乡镇查找差距、限期整改。`);
  }
  if (x.majorOverdue.length > 0) {
    const shown = x.majorOverdue.slice(0, 5).map((m) => `${m.townshipName}${m.siteName}`);
    const more = x.majorOverdue.length > 5 ? `等${x.majorOverdue.length}家单位` : '';
    out.push(`${names(shown)}${more}存在逾期未整改的重大火灾隐患，属地乡镇要挂牌督办、盯紧整改。`);
  }
  // The three with the most hazards still open past the reply deadline are named.
  const late = x.followUps.filter((f) => f.openPastReply > 0).sort((a, b) => b.openPastReply - a.openPastReply);
  if (x.followUps.length > 0) {
    const named = x.followUps.reduce((a, f) => a + f.named, 0);
    const fixed = x.followUps.reduce((a, f) => a + f.rectified, 0);
    out.push(
      `在办督办通知${x.followUps.length}份，所列隐患${named}处已整改${fixed}处` +
        (late.length > 0
          ? `；${late.length}份超过回复期限仍有${late.reduce((a, f) => a + f.openPastReply, 0)}处未整改，其中${names(
              late.slice(0, 3).map((f) => `${f.townshipName}（${f.number}，${f.openPastReply}处）`),
            )}${late.length > 3 ? '等' : ''}。`
          : '，均在回复期限内。'),
    );
  }
  return out.slice(0, 5);
}
