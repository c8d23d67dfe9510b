/** Enforcement actions (执法): fines, seals, suspensions and detentions decided on sites. */
import { enumValues } from './enum-values';
import { siteCodeField } from './site-code';
import type { ImportLayer, RowProblem } from './types';

function finish(values: Record<string, unknown>): RowProblem[] {
  if (values.kind === 'fine' && (values.fine_yuan === null || values.fine_yuan === undefined)) {
    return [{ field: 'fine_yuan', reason: { zh: '罚款须填金额', en: 'a fine needs its amount' } }];
  }
  if (values.kind !== 'fine' && values.fine_yuan !== null && values.fine_yuan !== undefined) {
    return [{ field: 'fine_yuan', reason: { zh: '只有罚款填写金额', en: 'only a fine has an amount' } }];
  }
  return [];
}

export const enforcementLayer: ImportLayer = {
  id: 'enforcement',
  zh: '执法记录',
  en: 'Enforcement',
  table: 'enforcement_actions',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'none',
  key: { kind: 'natural', columns: ['site_id', 'kind', 'decided_on'] },
  siteRef: 'site_code',
  finish,
  fields: [
    siteCodeField,
    {
      column: 'kind',
      zh: '处罚类型',
      en: 'Kind',
      aliases: ['kind', 'type', '类型', '执法类型', '处理方式', '措施'],
      type: 'enum',
      required: true,
      values: enumValues('enforcementKind', {
        fine: ['罚款处罚', '行政罚款'],
        seal: ['临时查封', '查封场所'],
        three_stops: ['责令三停', '停产停业', '停止使用'],
        detention: ['行政拘留'],
      }),
      help: { zh: '罚款 / 查封 / 三停 / 拘留', en: 'fine / seal / suspension / detention' },
      example: '罚款',
    },
    {
      column: 'fine_yuan',
      zh: '罚款金额(元)',
      en: 'Fine (yuan)',
      aliases: ['fine', 'fineyuan', '金额', '罚款金额', '罚款数额'],
      type: 'integer',
      min: 0,
      max: 10_000_000,
      help: { zh: '元；仅罚款填写', en: 'yuan; fines only' },
      example: '5000',
    },
    {
      column: 'decided_on',
      zh: '决定日期',
      en: 'Decided on',
      aliases: ['decided', 'decidedon', 'date', '日期', '处罚日期', '执法日期'],
      type: 'date',
      required: true,
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-04-02',
    },
    {
      column: 'note',
      zh: '备注',
      en: 'Note',
      aliases: ['note', 'remark', '说明', '案由'],
      type: 'text',
      maxLength: 1000,
      help: { zh: '案由或说明', en: 'grounds or remarks' },
      example: '逾期未改正火灾隐患',
    },
  ],
};
