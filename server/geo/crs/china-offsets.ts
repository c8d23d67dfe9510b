/**
 * GCJ-02, BD-09 and Baidu Mercator. The forward conversions are gcoord's implementations of the
 * published formulas (WGS84 → GCJ-02, the leaked "eviltransform" formula; GCJ-02 → BD-09 and
 * BD-09 → Baidu Mercator, the formulas of Baidu's JavaScript API); they define these systems here.
 * The inverses are gcoord's approximate ones refined by iterative-inverse.ts until the forward
 * image matches the input to 1e-10° (≈ 1e-5 m) or 1e-4 m.
 */
import gcoord from 'gcoord';
import { invertIteratively } from './iterative-inverse';
import type { XY } from './systems';

const DEG_TOLERANCE = 1e-10;
const DEG_STEP = 1e-5;
const M_TOLERANCE = 1e-4;

const via =
  (from: Parameters<typeof gcoord.transform>[1], to: Parameters<typeof gcoord.transform>[2]) =>
  (p: XY): XY =>
    gcoord.transform([p[0], p[1]], from, to) as XY;

export const wgs84ToGcj02 = via(gcoord.WGS84, gcoord.GCJ02);
export const gcj02ToBd09 = via(gcoord.GCJ02, gcoord.BD09);
export const bd09ToBd09mc = via(gcoord.BD09, gcoord.BD09MC);

const approxGcj02ToWgs84 = via(gcoord.GCJ02, gcoord.WGS84);
const approxBd09ToGcj02 = via(gcoord.BD09, gcoord.GCJ02);
const approxBd09mcToBd09 = via(gcoord.BD09MC, gcoord.BD09);

export function gcj02ToWgs84(p: XY): XY {
  return invertIteratively(wgs84ToGcj02, approxGcj02ToWgs84(p), p, DEG_TOLERANCE, DEG_STEP);
}

export function bd09ToGcj02(p: XY): XY {
  return invertIteratively(gcj02ToBd09, approxBd09ToGcj02(p), p, DEG_TOLERANCE, DEG_STEP);
}

export function bd09mcToBd09(p: XY): XY {
  return invertIteratively(bd09ToBd09mc, approxBd09mcToBd09(p), p, M_TOLERANCE, DEG_STEP);
}
