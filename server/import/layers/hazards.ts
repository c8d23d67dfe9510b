/**
 * Hazards (火灾隐患) found at sites, with their lifecycle: the status and its dates become the
 * hazard's transitions (检查发现 → 责令改正 → 整改完毕 → 复查合格), as the hazard lifecycle
 * records them. A hazard of the same site, category and day is the same hazard (left alone).
 * Rebounds (反弹) are recorded in the app, not imported.
 */
import { enumValues } from './enum-values';
import { siteCodeField } from './site-code';
import type { ImportLayer, RowProblem } from './types';

const date = (v: unknown) => (typeof v === 'string' ? v : null);

function finish(values: Record<string, unknown>): RowProblem[] {
  const problems: RowProblem[] = [];
  const found = date(values.found_on) as string;
  const rectified = date(values.rectified_on);
  const verified = date(values.verified_on);
  values.status ??= verified ? 'verified' : rectified ? 'rectified' : 'open';
  values.deadline ??= new Date(Date.parse(`${found}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const status = values.status as string;
  if (status === 'reopened') {
    problems.push({
      field: 'status',
      reason: { zh: '反弹隐患请在系统中登记，不能导入', en: 'rebounds are recorded in the app, not imported' },
    });
  }
  if ((status === 'rectified' || status === 'verified') && !rectified) {
    problems.push({
      field: 'rectified_on',
      reason: { zh: '已整改的隐患须填整改日期', en: 'a rectified hazard needs its rectification date' },
    });
  }
  if (status === 'verified' && !verified) {
    problems.push({
      field: 'verified_on',
      reason: { zh: '已复查的隐患须填复查日期', en: 'a verified hazard needs its verification date' },
    });
  }
  if ((status === 'open' || status === 'rectifying') && (rectified || verified)) {
    problems.push({
      field: 'status',
      reason: {
        zh: '未整改的隐患不应有整改或复查日期',
        en: 'an open hazard has no rectification or verification date',
      },
    });
  }
  if (rectified && rectified < found)
    problems.push({
      field: 'rectified_on',
      reason: { zh: '整改日期早于发现日期', en: 'rectified before it was found' },
    });
  if (verified && rectified && verified < rectified)
    problems.push({
      field: 'verified_on',
      reason: { zh: '复查日期早于整改日期', en: 'verified before it was rectified' },
    });
  if ((values.deadline as string) < found)
    problems.push({
      field: 'deadline',
      reason: { zh: '整改期限早于发现日期', en: 'the deadline is before the day it was found' },
    });
  return problems;
}

const NOTE = '导入';

export const hazardsLayer: ImportLayer = {
  id: 'hazards',
  zh: '火灾隐患',
  en: 'Hazards',
  table: 'hazards',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'none',
  key: { kind: 'natural', columns: ['site_id', 'category', 'found_on'] },
  siteRef: 'site_code',
  finish,
  children: {
    table: 'hazard_transitions',
    parentColumn: 'hazard_id',
    rows(values, adcode) {
      const steps: [string | null, string, unknown, string][] = [[null, 'open', values.found_on, `${NOTE}：检查发现`]];
      const status = values.status as string;
      if (status !== 'open') steps.push(['open', 'rectifying', values.found_on, `${NOTE}：下发责令限期改正通知书`]);
      if (status === 'rectified' || status === 'verified')
        steps.push(['rectifying', 'rectified', values.rectified_on, `${NOTE}：单位报告整改完毕`]);
      if (status === 'verified') steps.push(['rectified', 'verified', values.verified_on, `${NOTE}：复查合格`]);
      return steps.map(([from, to, on, note]) => ({ adcode, from_status: from, to_status: to, on, note }));
    },
  },
  fields: [
    siteCodeField,
    {
      column: 'category',
      zh: '隐患类别',
      en: 'Category',
      aliases: ['category', 'type', '类别', '隐患类型', '问题类型'],
      type: 'enum',
      required: true,
      values: enumValues('hazardCategory', {
        evacuation: ['疏散', '安全出口', '疏散通道堵塞'],
        electrical: ['电气', '电气线路', '私拉乱接', '电动车充电'],
        fire_equipment: ['消防器材', '消防设施损坏', '灭火器'],
        fire_separation: ['防火分隔', '防火门'],
        flammable_material: ['易燃物', '可燃物', '易燃易爆'],
        illegal_accommodation: ['住人', '三合一', '违规住人'],
        other: ['其他', '其它'],
      }),
      help: {
        zh: '疏散通道 / 电气线路 / 消防设施 / 防火分隔 / 易燃可燃物 / 违规住人 / 其他隐患',
        en: 'evacuation / electrical / fire equipment / separation / flammable / accommodation / other',
      },
      example: '电气线路',
    },
    {
      column: 'severity',
      zh: '隐患等级',
      en: 'Severity',
      aliases: ['severity', 'level', '等级', '级别', '是否重大'],
      type: 'enum',
      values: enumValues('hazardSeverity', { general: ['一般', '否'], major: ['重大', '是'] }),
      fallback: 'general',
      help: { zh: '一般隐患 / 重大隐患（空=一般）', en: 'general / major (empty = general)' },
      example: '一般隐患',
    },
    {
      column: 'status',
      zh: '状态',
      en: 'Status',
      aliases: ['status', 'state', '整改状态', '处理状态'],
      type: 'enum',
      values: enumValues('hazardStatus', {
        open: ['未整改', '待改'],
        rectifying: ['正在整改', '限期整改'],
        rectified: ['整改完毕', '已改'],
        verified: ['复查合格', '已销案', '已复核'],
      }),
      help: {
        zh: '待整改 / 整改中 / 已整改 / 已复查（空=按日期推定）',
        en: 'open / rectifying / rectified / verified (empty = from the dates)',
      },
      example: '已整改',
    },
    {
      column: 'description',
      zh: '隐患描述',
      en: 'Description',
      aliases: ['description', 'note', '描述', '问题描述', '隐患内容', '内容'],
      type: 'text',
      maxLength: 1000,
      help: { zh: '隐患内容', en: 'what was found' },
      example: '电动自行车在楼道内充电',
    },
    {
      column: 'found_on',
      zh: '发现日期',
      en: 'Found on',
      aliases: ['found', 'foundon', '检查日期', '发现时间'],
      type: 'date',
      required: true,
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-03-05',
    },
    {
      column: 'deadline',
      zh: '整改期限',
      en: 'Deadline',
      aliases: ['deadline', '期限', '限改日期', '整改期限日期'],
      type: 'date',
      help: { zh: '年-月-日（空=发现后 30 天）', en: 'year-month-day (empty = 30 days after found)' },
      example: '2024-03-20',
    },
    {
      column: 'rectified_on',
      zh: '整改日期',
      en: 'Rectified on',
      aliases: ['rectified', 'rectifiedon', '整改完成日期', '整改时间'],
      type: 'date',
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-03-18',
    },
    {
      column: 'verified_on',
      zh: '复查日期',
      en: 'Verified on',
      aliases: ['verified', 'verifiedon', '复查时间', '复核日期'],
      type: 'date',
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '',
    },
  ],
};
