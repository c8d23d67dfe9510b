/**
 * Strings of the 站点覆盖 panel and its layers (issue 4), Chinese and English side by side; the
 * main tables (zh-CN.ts, en.ts) spread them in, so the key set is still checked as one.
 */
export const stationsZh = {
  'panel.stations': '站点覆盖',
  'layer.stationCoverage': '响应时间',
} as const;

export const stationsEn: Record<keyof typeof stationsZh, string> = {
  'panel.stations': 'Station coverage',
  'layer.stationCoverage': 'Response time',
};
