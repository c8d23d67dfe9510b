/**
 * Villages (行政村 / 社区): kept as points (the schema's); a 村界 polygon gives its label point.
 * Matched by the 12-digit village code; each must fall in a township of the county.
 */
import { codeProblem } from './area-codes';
import type { ImportLayer } from './types';

export const villagesLayer: ImportLayer = {
  id: 'villages',
  zh: '村（社区）',
  en: 'Villages',
  table: 'villages',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'point',
  labelsAreas: true,
  rowKey: 'code',
  key: { kind: 'code' },
  fields: [
    {
      column: 'code',
      zh: '村代码',
      en: 'Village code',
      aliases: ['code', 'village_code', 'cdm', '代码', '村代码', '村居代码', '区划代码', '统计用区划代码', '编码'],
      type: 'text',
      required: true,
      maxLength: 12,
      help: {
        zh: '12 位统计用区划代码；已有同代码的村会被更新',
        en: '12-digit statistical code; an existing village of that code is updated',
      },
      example: '411121104201',
    },
    {
      column: 'name',
      zh: '名称',
      en: 'Name',
      aliases: ['name', 'village_name', '村名', '村名称', '村委会', '村（居）委会', '名字'],
      type: 'text',
      required: true,
      maxLength: 100,
      help: { zh: '村民委员会 / 居民委员会名称', en: 'name of the village (residents) committee' },
      example: '某某村村民委员会',
    },
    {
      column: 'short_name',
      zh: '简称',
      en: 'Short name',
      aliases: ['short_name', 'shortname', '简称', '村'],
      type: 'text',
      maxLength: 60,
      help: {
        zh: '地图上的名称（空=名称去掉“村民委员会”）',
        en: 'name on the map (empty = the name without 村民委员会)',
      },
      example: '某某村',
    },
  ],
  finish(values) {
    if (!values.short_name) {
      values.short_name =
        String(values.name ?? '').replace(/(村民委员会|居民委员会|村委会|居委会)$/, '') || values.name;
    }
    return codeProblem(values, 'code', [12]);
  },
};
