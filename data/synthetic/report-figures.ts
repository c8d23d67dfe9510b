/**
 * The figures of the brigade's 2023 mid-year report that the demo data reproduces exactly
 * (the brigade's 2023 mid-year report, docs/standards.md §6). The report's window runs from 2023-01-01 to
 * its cut-off date 2023-07-24; the dataset runs on to the end of the year.
 */
import { dayOf } from './dates';

export const REPORT = {
  windowStart: dayOf('2023-01-01'),
  windowEnd: dayOf('2023-07-24'),
  asOf: dayOf('2023-12-31'),
  /** 全县共计排查各类场所15500家 */
  sitesInspected: 15_500,
  /** 发现并督促整改火灾隐患19591处 */
  hazardsFoundAndRectified: 19_591,
  /** 处罚16家、查封7家、三停7家，拘留1人，合计罚款99900元 */
  fines: 16,
  fineTotalYuan: 99_900,
  seals: 7,
  threeStops: 7,
  detentions: 1,
  /** 统一招收乡镇专职消防救援队队员40名 … 13个乡镇专职消防救援队新配和对讲机13个 */
  townshipTeams: 13,
  townshipTeamMembers: 40,
  /** 辛安镇 … 新增购置基础消防设施器材71件套 */
  xinanNewEquipmentSets: 71,
  /** 新建市政消火栓30个 */
  newHydrants: 30,
  /** 截止7月24日，全县各乡镇共计录入防火巡查14632家 (distinct places) */
  placesPatrolled: 14_632,
  /** 宣传培训4156次 */
  trainingSessions: 4_156,
  /** 指导行政村4474次 */
  villageVisits: 4_474,
  /** 发现并整改火灾隐患17528处: of the 19,591 rectified hazards, those the township patrols found */
  townshipRectified: 17_528,
  /** 累计向乡镇政府及行业主管部门下发《督办通知》18份、《提示函》22份 */
  supervisionNotices: 18,
  reminderLetters: 22,
  /** 《消防工作预警指南》3期，《火灾案例警示教育》4期 */
  warningGuides: 3,
  caseWarnings: 4,
} as const;
