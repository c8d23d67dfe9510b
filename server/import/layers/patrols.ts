/**
 * Fire patrols (防火巡查) of the township staff: a site (by its code or its name) or a free
 * address with its point, the day, who patrolled and how many hazards were found. The same
 * place, day and patroller is the same patrol (left alone).
 */
import type { ImportLayer } from './types';
import { noteField } from './work-refs';

export const patrolsLayer: ImportLayer = {
  id: 'patrols',
  zh: '防火巡查',
  en: 'Fire patrols',
  table: 'patrols',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'optional',
  placement: 'work',
  key: { kind: 'natural', columns: ['site_id', 'address', 'patrolled_on', 'patroller'] },
  fields: [
    {
      column: 'site',
      zh: '场所',
      en: 'Site',
      aliases: ['site', 'sitecode', '场所编号', '场所名称', '单位编号', '单位名称', '巡查场所', '巡查单位', '单位'],
      type: 'text',
      maxLength: 200,
      virtual: true,
      help: {
        zh: '系统中场所的编号或名称；不是系统中的场所时留空，填地址和坐标',
        en: 'code or name of a site in the system; leave empty and give address and coordinates for another place',
      },
      example: '',
    },
    {
      column: 'address',
      zh: '地址',
      en: 'Address',
      aliases: ['address', '巡查地址', '详细地址', '地点', '巡查地点'],
      type: 'text',
      maxLength: 200,
      help: { zh: '无场所时填写，并填经度、纬度', en: 'for a place without a site, with its longitude and latitude' },
      example: '舞泉镇人民路 88 号沿街门店',
    },
    {
      column: 'patrolled_on',
      zh: '巡查日期',
      en: 'Patrolled on',
      aliases: ['date', 'patrolledon', '日期', '检查日期', '巡查时间'],
      type: 'date',
      required: true,
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-03-05',
    },
    {
      column: 'patroller',
      zh: '巡查人',
      en: 'Patroller',
      aliases: ['patroller', '巡查人员', '检查人', '巡查员', '检查人员'],
      type: 'text',
      required: true,
      maxLength: 50,
      help: { zh: '姓名', en: 'name' },
      example: '王建国',
    },
    {
      column: 'hazards_found',
      zh: '发现隐患数',
      en: 'Hazards found',
      aliases: ['hazards', 'hazardsfound', '隐患数', '发现隐患', '隐患数量'],
      type: 'integer',
      min: 0,
      max: 1000,
      fallback: 0,
      help: { zh: '整数，空=0', en: 'whole number, empty = 0' },
      example: '1',
    },
    noteField,
  ],
};
