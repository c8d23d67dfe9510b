/** The township and village columns of the township work layers (trainings, village visits): a name or a code, resolved on import. */
import type { ImportField } from './types';

export const townshipRefField: ImportField = {
  column: 'township',
  zh: '乡镇',
  en: 'Township',
  aliases: ['township', '乡镇名称', '乡镇代码', '所属乡镇', '乡镇街道', '乡镇（街道）'],
  type: 'text',
  required: true,
  maxLength: 40,
  virtual: true,
  help: { zh: '乡镇名称（如 辛安镇）或 9 位乡镇代码', en: 'township name (e.g. 辛安镇) or its 9-digit code' },
  example: '辛安镇',
};

export const villageRefField: ImportField = {
  column: 'village',
  zh: '行政村',
  en: 'Village',
  aliases: ['village', '村', '村名', '行政村名称', '村代码', '行政村代码', '村委会'],
  type: 'text',
  required: true,
  maxLength: 60,
  virtual: true,
  help: {
    zh: '该乡镇的行政村名称或 12 位村代码',
    en: 'name of a village of the township, or its 12-digit code',
  },
  example: '辛安村',
};

export const noteField: ImportField = {
  column: 'note',
  zh: '备注',
  en: 'Note',
  aliases: ['note', 'remark', '说明'],
  type: 'text',
  maxLength: 500,
  help: { zh: '可空', en: 'optional' },
  example: '',
};
