/**
 * Guidance visits to administrative villages (指导行政村): the township, the village (name or
 * code, within that township), the day and the topic. The same village, day and topic is the
 * same visit (left alone).
 */
import type { ImportLayer } from './types';
import { noteField, townshipRefField, villageRefField } from './work-refs';

export const villageVisitsLayer: ImportLayer = {
  id: 'village-visits',
  zh: '指导行政村',
  en: 'Village guidance visits',
  table: 'village_visits',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'none',
  placement: 'work',
  key: { kind: 'natural', columns: ['village_code', 'visited_on', 'topic'] },
  fields: [
    townshipRefField,
    villageRefField,
    {
      column: 'visited_on',
      zh: '指导日期',
      en: 'Visited on',
      aliases: ['date', 'visitedon', '日期', '时间'],
      type: 'date',
      required: true,
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-03-05',
    },
    {
      column: 'topic',
      zh: '指导内容',
      en: 'Topic',
      aliases: ['topic', '内容', '主题', '指导事项'],
      type: 'text',
      required: true,
      maxLength: 200,
      help: { zh: '指导的事项', en: 'what the visit was about' },
      example: '村级消防组织建设',
    },
    noteField,
  ],
};
