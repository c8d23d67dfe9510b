/**
 * The one table of labels for coded values — site categories, risk levels, hazard statuses,
 * categories and severities, unit kinds, statuses and grades, hydrant statuses and kinds,
 * enforcement kinds, account roles — in Chinese and English. Every export takes its labels from here and the
 * web i18n tables spread it (web/i18n/zh-CN.ts, en.ts), so the UI and the files never disagree.
 * Plain data, no imports: the web bundle includes this file as it is.
 */

export const labelsZh = {
  'role.admin': '系统管理员',
  'role.auditor': '安全审计员',
  'role.brigade': '大队',
  'role.township': '乡镇',
  'role.viewer': '只读',
  'siteCategory.high_rise': '高层建筑',
  'siteCategory.hazmat': '危化品单位',
  'siteCategory.labour_intensive': '劳动密集型企业',
  'siteCategory.medical': '医疗机构',
  'siteCategory.nine_small': '九小场所',
  'siteCategory.crowded': '人员密集场所',
  'siteCategory.other': '其他',
  'risk.0': '未知',
  'risk.1': '一级（低）',
  'risk.2': '二级',
  'risk.3': '三级',
  'risk.4': '四级（高）',

  'hazardStatus.open': '待整改',
  'hazardStatus.rectifying': '整改中',
  'hazardStatus.rectified': '已整改',
  'hazardStatus.verified': '已复查',
  'hazardStatus.reopened': '反弹',
  'hazardCategory.evacuation': '疏散通道',
  'hazardCategory.electrical': '电气线路',
  'hazardCategory.fire_equipment': '消防设施',
  'hazardCategory.fire_separation': '防火分隔',
  'hazardCategory.flammable_material': '易燃可燃物',
  'hazardCategory.illegal_accommodation': '违规住人',
  'hazardCategory.other': '其他隐患',
  'hazardSeverity.general': '一般隐患',
  'hazardSeverity.major': '重大隐患',

  'unitKind.station': '消防救援站',
  'unitKind.township_team': '乡镇专职消防队',
  'unitKind.micro_station': '微型消防站',
  'unitStatus.in_service': '执勤',
  'unitStatus.built': '已建未执勤',
  'unitStatus.planned': '规划',
  'unitStatus.closed': '撤销',
  'unitGrade.一级': '一级',
  'unitGrade.二级': '二级',
  'unitGrade.小型': '小型',
  'unitGrade.特勤': '特勤',

  'hydrantStatus.ok': '完好',
  'hydrantStatus.faulty': '故障',
  'hydrantStatus.out_of_service': '停用',
  'hydrantStatus.planned': '规划',
  'hydrantKind.municipal': '市政消火栓',
  'hydrantKind.site': '单位消火栓',
  'hydrantKind.water_crane': '消防水鹤',
  'hydrantKind.natural': '天然水源',

  'enforcementKind.fine': '罚款',
  'enforcementKind.seal': '查封',
  'enforcementKind.three_stops': '三停',
  'enforcementKind.detention': '拘留',

  'dutyStatus.available': '在岗',
  'dutyStatus.on_call': '出动中',
  'dutyStatus.returning': '返回中',
  'dutyStatus.maintenance': '检修',
  'dutyStatus.training': '训练',
  'dutyStatus.off_duty': '未执勤',

  'hazardSource.township_patrol': '乡镇巡查',
  'hazardSource.brigade_inspection': '大队检查',
  'hazardSource.other': '其他',
  'trainingKind.training': '培训',
  'trainingKind.drill': '演练',
  'trainingKind.publicity': '宣传',
  'trainingKind.banner': '横幅',
  'trainingKind.leaflet': '资料',
  'noticeKind.supervision': '督办通知',
  'noticeKind.reminder': '提示函',
  'noticeKind.warning_guide': '消防工作预警指南',
  'noticeKind.case_warning': '火灾案例警示教育',
} as const;

export type LabelKey = keyof typeof labelsZh;

export const labelsEn: Record<LabelKey, string> = {
  'role.admin': 'System administrator',
  'role.auditor': 'Security auditor',
  'role.brigade': 'Brigade',
  'role.township': 'Township',
  'role.viewer': 'Viewer',
  'siteCategory.high_rise': 'High-rise',
  'siteCategory.hazmat': 'Hazardous chemicals',
  'siteCategory.labour_intensive': 'Labour-intensive',
  'siteCategory.medical': 'Medical',
  'siteCategory.nine_small': '"Nine small" venue',
  'siteCategory.crowded': 'Crowded place',
  'siteCategory.other': 'Other',
  'risk.0': 'Unknown',
  'risk.1': 'Level 1 (low)',
  'risk.2': 'Level 2',
  'risk.3': 'Level 3',
  'risk.4': 'Level 4 (high)',

  'hazardStatus.open': 'Open',
  'hazardStatus.rectifying': 'Rectifying',
  'hazardStatus.rectified': 'Rectified',
  'hazardStatus.verified': 'Verified',
  'hazardStatus.reopened': 'Rebound',
  'hazardCategory.evacuation': 'Evacuation routes',
  'hazardCategory.electrical': 'Electrical wiring',
  'hazardCategory.fire_equipment': 'Fire equipment',
  'hazardCategory.fire_separation': 'Fire separation',
  'hazardCategory.flammable_material': 'Flammable materials',
  'hazardCategory.illegal_accommodation': 'Illegal accommodation',
  'hazardCategory.other': 'Other hazard',
  'hazardSeverity.general': 'General',
  'hazardSeverity.major': 'Major',

  'unitKind.station': 'Fire station',
  'unitKind.township_team': 'Township team',
  'unitKind.micro_station': 'Micro station',
  'unitStatus.in_service': 'On duty',
  'unitStatus.built': 'Built, not on duty',
  'unitStatus.planned': 'Planned',
  'unitStatus.closed': 'Closed',
  'unitGrade.一级': 'Grade 1',
  'unitGrade.二级': 'Grade 2',
  'unitGrade.小型': 'Small',
  'unitGrade.特勤': 'Special service',

  'hydrantStatus.ok': 'OK',
  'hydrantStatus.faulty': 'Faulty',
  'hydrantStatus.out_of_service': 'Out of service',
  'hydrantStatus.planned': 'Planned',
  'hydrantKind.municipal': 'Municipal hydrant',
  'hydrantKind.site': 'On-site hydrant',
  'hydrantKind.water_crane': 'Water crane',
  'hydrantKind.natural': 'Natural water source',

  'enforcementKind.fine': 'Fine',
  'enforcementKind.seal': 'Sealed',
  'enforcementKind.three_stops': 'Suspension (production / business / use)',
  'enforcementKind.detention': 'Detention',

  'dutyStatus.available': 'Available',
  'dutyStatus.on_call': 'On a call',
  'dutyStatus.returning': 'Returning',
  'dutyStatus.maintenance': 'Maintenance',
  'dutyStatus.training': 'Training',
  'dutyStatus.off_duty': 'Not on duty',

  'hazardSource.township_patrol': 'Township patrol',
  'hazardSource.brigade_inspection': 'Brigade inspection',
  'hazardSource.other': 'Other',
  'trainingKind.training': 'Training',
  'trainingKind.drill': 'Drill',
  'trainingKind.publicity': 'Publicity',
  'trainingKind.banner': 'Banners',
  'trainingKind.leaflet': 'Leaflets',
  'noticeKind.supervision': 'Supervision notice',
  'noticeKind.reminder': 'Reminder letter',
  'noticeKind.warning_guide': 'Fire-work warning guide',
  'noticeKind.case_warning': 'Fire-case warning',
};

/** The language of an export's headers and labels (the `lang` query parameter). */
export type ExportLang = 'zh' | 'en';

/** The group of a label key: 'siteCategory' of 'siteCategory.hazmat'. */
type Group<K> = K extends `${infer G}.${string}` ? G : never;
export type LabelGroup = Group<LabelKey>;

/** The label of `group.code` in `lang`, or the code itself when the table has none. */
export function label(lang: ExportLang, group: LabelGroup, code: string | number | null): string | null {
  if (code === null) return null;
  const key = `${group}.${code}` as LabelKey;
  const table: Record<LabelKey, string> = lang === 'en' ? labelsEn : labelsZh;
  return table[key] ?? String(code);
}

/** The codes of a group, in table order: `codesOf('siteCategory')` → ['high_rise', …]. */
export function codesOf(group: LabelGroup): string[] {
  const prefix = `${group}.`;
  return Object.keys(labelsZh)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}
