/**
 * County boundaries (县界): a polygon per county matched by its 6-digit adcode. A county new to the
 * database is a second county to work on (issue 12 §5): import its boundary, then its townships
 * with `county=<adcode>`. An update must still hold every township of the county.
 */
import { codeProblem } from './area-codes';
import type { ImportLayer } from './types';

export const countiesLayer: ImportLayer = {
  id: 'counties',
  zh: '县界',
  en: 'County boundary',
  table: 'counties',
  townshipRequired: false,
  duplicateM: 0,
  geometry: 'area',
  rowKey: 'adcode',
  codeColumn: 'adcode',
  key: { kind: 'code' },
  area: { topology: 'county', labelColumn: 'center', constants: { source: '导入 (import)' } },
  fields: [
    {
      column: 'adcode',
      zh: '行政区划代码',
      en: 'Adcode',
      aliases: ['adcode', 'code', 'county_code', 'xzqdm', 'pac', '代码', '区划代码', '县代码', '编码'],
      type: 'text',
      required: true,
      maxLength: 6,
      help: { zh: '6 位县级行政区划代码', en: '6-digit county adcode' },
      example: '411121',
    },
    {
      column: 'name',
      zh: '名称',
      en: 'Name',
      aliases: ['name', 'xzqmc', '县名', '县名称', '名字', '行政区名称'],
      type: 'text',
      required: true,
      maxLength: 100,
      help: { zh: '县（市、区）名称', en: 'name of the county' },
      example: '舞阳县',
    },
  ],
  finish: (values) => codeProblem(values, 'adcode', [6]),
};
