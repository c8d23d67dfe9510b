/** The site-code column of record layers (hazards, enforcement): resolved to the site's id, township and county. */
import type { ImportField } from './types';

export const siteCodeField: ImportField = {
  column: 'site_code',
  zh: '场所编号',
  en: 'Site code',
  aliases: ['site', 'sitecode', '单位编号', '场所代码', '单位代码', '重点单位编号'],
  type: 'text',
  required: true,
  maxLength: 40,
  virtual: true,
  help: { zh: '场所（单位）的编号，须已在系统中', en: 'code of the site; the site must exist' },
  example: 'ST-00001',
};
