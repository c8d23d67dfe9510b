/**
 * The detection's reason in Chinese (issue 12 item 4), from the same evidence the English reason
 * states: the chosen system (by the user, by magnitude, or by the fit), each candidate's median
 * distance and points, and why it is uncertain. Pure.
 */
import type { Detection } from './detect-crs';

const NAMES: Record<string, string> = {
  wgs84: 'WGS84',
  cgcs2000: 'CGCS2000',
  gcj02: 'GCJ-02（高德 / 腾讯）',
  bd09: 'BD-09（百度）',
  bd09mc: '百度墨卡托',
  'epsg:3857': 'Web 墨卡托',
};

const nameOf = (crs: string) => NAMES[crs] ?? (crs.startsWith('epsg:') ? `高斯-克吕格 ${crs.toUpperCase()}` : crs);

export function detectionReasonZh(d: Detection, reference: string): string {
  const fits = d.evidence.candidates
    .map(
      (c) =>
        `${nameOf(c.crs)}${c.swapAxes ? '（经纬度对调）' : ''}：${c.medianM === null ? `${reference}附近没有点` : `中位距离 ${c.medianM} 米，${c.pointsUsed} 个点`}`,
    )
    .join('；');
  if (d.byUser) return `用户选择 ${nameOf(d.chosen)}；${fits}`;
  if (d.evidence.candidates.length === 1 && !d.uncertain) return `按数值范围只可能是 ${nameOf(d.chosen)}；${fits}`;
  if (d.uncertain) {
    const best = d.evidence.candidates[0];
    const why =
      !best || best.medianM === null
        ? `没有候选坐标系能把点放到${reference}附近`
        : best.pointsUsed < 5
          ? `只有 ${best.pointsUsed} 个点在${reference}附近（至少需要 5 个）`
          : `最优的 ${nameOf(best.crs)} 不够明显地优于其他候选`;
    return `无法确定坐标系：${why}，请手动选择；${fits}`;
  }
  return `识别为 ${nameOf(d.chosen)}：与${reference}的距离明显最小；${fits}`;
}
