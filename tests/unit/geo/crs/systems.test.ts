import { describe, expect, it } from 'vitest';
import { GAUSS_KRUGER_ZONES, gaussKrugerEpsg } from '../../../../server/geo/crs/gauss-kruger';
import { parseCrsId } from '../../../../server/geo/crs/systems';

describe('parseCrsId', () => {
  it.each([
    ['wgs84', 'wgs84'],
    ['EPSG:4326', 'wgs84'],
    ['cgcs2000', 'cgcs2000'],
    ['epsg:4490', 'cgcs2000'],
    ['GCJ02', 'gcj02'],
    ['bd09', 'bd09'],
    ['BD09MC', 'bd09mc'],
    ['EPSG:3857', 'epsg:3857'],
    [' EPSG:4547 ', 'epsg:4547'],
    ['epsg:4513', 'epsg:4513'],
    ['epsg:4554', 'epsg:4554'],
  ])('%s → %s', (text, id) => {
    expect(parseCrsId(text)).toBe(id);
  });
  it.each(['', 'auto', 'epsg:4512', 'epsg:4555', 'epsg:2000', 'xian80'])('%s → undefined', (text) => {
    expect(parseCrsId(text)).toBeUndefined();
  });
});

describe('Gauss-Krüger zones (EPSG registry: 4513–4533 prefixed zones 25–45, 4534–4554 CM 75°E–135°E)', () => {
  it('has 42 codes; zone z ↔ EPSG 4513 + (z − 25) prefixed, 4534 + (z − 25) not; CM = 3z', () => {
    expect(GAUSS_KRUGER_ZONES.size).toBe(42);
    for (let zone = 25; zone <= 45; zone++) {
      const prefixed = GAUSS_KRUGER_ZONES.get(4513 + zone - 25);
      const cm = GAUSS_KRUGER_ZONES.get(4534 + zone - 25);
      expect(prefixed).toMatchObject({
        zone,
        centralMeridian: 3 * zone,
        prefixed: true,
        falseEasting: zone * 1e6 + 5e5,
      });
      expect(cm).toMatchObject({ zone, centralMeridian: 3 * zone, prefixed: false, falseEasting: 5e5 });
      expect(gaussKrugerEpsg(zone, true)).toBe(prefixed?.epsg);
      expect(gaussKrugerEpsg(zone, false)).toBe(cm?.epsg);
    }
    expect(GAUSS_KRUGER_ZONES.get(4526)).toMatchObject({ zone: 38, centralMeridian: 114 });
    expect(GAUSS_KRUGER_ZONES.get(4547)).toMatchObject({ zone: 38, centralMeridian: 114 });
    expect(() => gaussKrugerEpsg(24, true)).toThrow(RangeError);
    expect(() => gaussKrugerEpsg(46, false)).toThrow(RangeError);
  });
});
