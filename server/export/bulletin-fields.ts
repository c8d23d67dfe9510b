/** The bulletin's table fields, their Chinese headers and kinds, shared by the .docx and the .xlsx. */
import type { ScoreIndicator } from '../analysis/bulletin-score';
import type { BulletinRow } from '../services/bulletin';

export const BULLETIN_FIELDS: readonly (readonly [keyof BulletinRow, string, 'count' | 'rate'])[] = [
  ['patrolledPlaces', '巡查场所', 'count'],
  ['patrols', '巡查次数', 'count'],
  ['trainings', '宣传培训', 'count'],
  ['villageVisits', '指导行政村', 'count'],
  ['townshipRectified', '乡镇巡查整改', 'count'],
  ['found', '发现隐患', 'count'],
  ['rectified', '已整改', 'count'],
  ['rectifiedRate', '整改率', 'rate'],
  ['open', '未整改', 'count'],
  ['overdue', '逾期未改', 'count'],
  ['rebounds', '反弹', 'count'],
  ['reboundBase', '复查合格', 'count'],
  ['reboundRate', '反弹率', 'rate'],
];

export const INDICATOR_LABEL: Record<ScoreIndicator, string> = {
  patrolledPlaces: '巡查场所',
  trainings: '宣传培训',
  villageVisits: '指导行政村',
  rectifiedRate: '整改率',
  overdue: '逾期未改',
  reboundRate: '反弹率',
};
