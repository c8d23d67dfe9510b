/**
 * Training and publicity sessions (宣传培训) of a township: the day, the kind (培训 / 演练 / 宣传 /
 * 横幅 / 资料), the place and the attendance or quantity. The same township, day, kind and place
 * is the same session (left alone).
 */
import { enumValues } from './enum-values';
import type { ImportLayer } from './types';
import { noteField, townshipRefField } from './work-refs';

export const trainingsLayer: ImportLayer = {
  id: 'trainings',
  zh: '宣传培训',
  en: 'Training and publicity',
  table: 'trainings',
  townshipRequired: true,
  duplicateM: 0,
  geometry: 'none',
  placement: 'work',
  key: { kind: 'natural', columns: ['township_code', 'held_on', 'kind', 'place'] },
  fields: [
    townshipRefField,
    {
      column: 'held_on',
      zh: '日期',
      en: 'Held on',
      aliases: ['date', 'heldon', '活动日期', '培训日期', '时间'],
      type: 'date',
      required: true,
      help: { zh: '年-月-日', en: 'year-month-day' },
      example: '2024-03-05',
    },
    {
      column: 'kind',
      zh: '类型',
      en: 'Kind',
      aliases: ['kind', 'type', '活动类型', '形式', '类别'],
      type: 'enum',
      required: true,
      values: enumValues('trainingKind', {
        training: ['消防培训', '宣传培训'],
        drill: ['应急演练', '疏散演练', '消防演练'],
        publicity: ['宣传活动', '消防宣传'],
        banner: ['标语', '悬挂横幅'],
        leaflet: ['宣传资料', '发放资料', '传单'],
      }),
      help: {
        zh: '培训 / 演练 / 宣传 / 横幅 / 资料',
        en: 'training / drill / publicity / banner / leaflets',
      },
      example: '培训',
    },
    {
      column: 'place',
      zh: '地点',
      en: 'Place',
      aliases: ['place', '活动地点', '培训地点', '场所'],
      type: 'text',
      required: true,
      maxLength: 200,
      help: { zh: '活动地点', en: 'where it was held' },
      example: '辛安镇政府会议室',
    },
    {
      column: 'quantity',
      zh: '人数或数量',
      en: 'Attendance or quantity',
      aliases: ['quantity', '人数', '参加人数', '数量', '份数', '条数'],
      type: 'integer',
      required: true,
      min: 0,
      max: 1_000_000,
      help: {
        zh: '培训、演练、宣传填人数；横幅填条数，资料填份数',
        en: 'people for training, drills and publicity; banners or leaflets for the others',
      },
      example: '45',
    },
    noteField,
  ],
};
