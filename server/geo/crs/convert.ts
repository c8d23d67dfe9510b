/**
 * Positions between any supported system (systems.ts) and WGS84, one [x, y] at a time; pure.
 * Gauss-Krüger and Web Mercator through proj4; GCJ-02, BD-09 and Baidu Mercator through
 * china-offsets.ts (gcoord forward, refined inverses).
 *
 * @example toWgs84('epsg:4547', [462830.864, 3708274.113]) // → ≈ [113.6, 33.5]
 */
import proj4 from 'proj4';
import { bd09mcToBd09, bd09ToBd09mc, bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, wgs84ToGcj02 } from './china-offsets';
import { GAUSS_KRUGER_ZONES } from './gauss-kruger';
import type { CrsId, XY } from './systems';

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const converters = new Map<CrsId, proj4.Converter>();

function projected(system: CrsId): proj4.Converter {
  let converter = converters.get(system);
  if (!converter) {
    const epsg = Number(system.slice('epsg:'.length));
    const definition = system === 'epsg:3857' ? 'EPSG:3857' : GAUSS_KRUGER_ZONES.get(epsg)?.proj4;
    if (!definition) throw new RangeError(`unsupported coordinate system ${system}`);
    converter = proj4(WGS84, definition);
    converters.set(system, converter);
  }
  return converter;
}

export function toWgs84(system: CrsId, p: XY): XY {
  switch (system) {
    case 'wgs84':
    case 'cgcs2000':
      return [p[0], p[1]];
    case 'gcj02':
      return gcj02ToWgs84(p);
    case 'bd09':
      return gcj02ToWgs84(bd09ToGcj02(p));
    case 'bd09mc':
      return gcj02ToWgs84(bd09ToGcj02(bd09mcToBd09(p)));
    default:
      return projected(system).inverse<XY>([p[0], p[1]]);
  }
}

export function fromWgs84(system: CrsId, p: XY): XY {
  switch (system) {
    case 'wgs84':
    case 'cgcs2000':
      return [p[0], p[1]];
    case 'gcj02':
      return wgs84ToGcj02(p);
    case 'bd09':
      return gcj02ToBd09(wgs84ToGcj02(p));
    case 'bd09mc':
      return bd09ToBd09mc(gcj02ToBd09(wgs84ToGcj02(p)));
    default:
      return projected(system).forward<XY>([p[0], p[1]]);
  }
}
