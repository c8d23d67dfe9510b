/**
 * Township boundaries (乡镇界): polygons matched by the 9-digit township code (a 12-digit 统计用区划代码
 * is read as its first nine), inside the county, no overlap beyond 1 m (import-place-areas.ts).
 * Units, hydrants, sites and villages follow the new boundaries (as after a boundary edit).
 */
import { codeProblem } from './area-codes';
import type { ImportLayer } from './types';

export const townshipsLayer: ImportLayer = {
  id: 'townships',
  zh: '乡镇边界',
  en: 'Township boundaries',
  table: 'townships',
  townshipRequired: false,
  duplicateM: 0,
  geometry: 'area',
  rowKey: 'code',
  key: { kind: 'code' },
  area: { topology: 'townships', labelColumn: 'seat', areaColumn: 'area_km2', constants: { synthetic: false } },
  fields: [
    {
      column: 'code',
      zh: '乡镇代码',
      en: 'Township code',
      aliases: [
        'code',
        'towncode',
        'town_code_9',
        'town_code_12',
        'xzqdm',
        '代码',
        '区划代码',
        '行政区划代码',
        '乡镇代码',
        '编码',
      ],
      type: 'text',
      required: true,
      maxLength: 12,
      help: {
        zh: '9 位乡镇代码（或 12 位统计用区划代码）；已有同代码的乡镇边界会被替换',
        en: '9-digit township code (or the 12-digit statistical code); an existing township of that code is replaced',
      },
      example: '411121104',
    },
    {
      column: 'name',
      zh: '名称',
      en: 'Name',
      aliases: ['name', 'xzqmc', '乡镇名称', '乡镇', '名字', '行政区名称'],
      type: 'text',
      required: true,
      maxLength: 100,
      help: { zh: '乡镇（街道）名称', en: 'name of the township (subdistrict)' },
      example: '辛安镇',
    },
    {
      column: 'kind',
      zh: '类型',
      en: 'Kind',
      aliases: ['kind', 'type', '级别', '类别'],
      type: 'enum',
      values: { 镇: ['镇', 'town'], 乡: ['乡', '民族乡', 'township'], 街道: ['街道', '街道办事处', 'subdistrict'] },
      help: { zh: '镇 / 乡 / 街道（空=按名称末字）', en: 'town / township / subdistrict (empty = from the name)' },
      example: '镇',
    },
  ],
  finish(values) {
    if (values.kind === undefined || values.kind === null) {
      const name = String(values.name ?? '');
      values.kind = name.endsWith('街道') || name.endsWith('办事处') ? '街道' : name.endsWith('乡') ? '乡' : '镇';
    }
    return codeProblem(values, 'code', [9]);
  },
};
