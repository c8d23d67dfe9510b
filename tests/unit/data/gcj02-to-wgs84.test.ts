import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { FeatureCollection, MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CONVERTED_FILES, gcj02ToWgs84Exact, gcj02ToWgs84Geometry } from '../../../data/wuyang/gcj02-to-wgs84';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../data/wuyang/${name}`, import.meta.url), 'utf8')) as FeatureCollection<
    MultiPolygon,
    Record<string, unknown>
  >;

function flat(c: unknown): Position[] {
  return typeof (c as unknown[])[0] === 'number' ? [c as Position] : (c as unknown[]).flatMap(flat);
}

describe('gcj02ToWgs84Geometry', () => {
  for (const name of CONVERTED_FILES) {
    it(`reproduces the committed ${name}.wgs84.geojson to 1e-6° per vertex`, () => {
      const gcj = read(`${name}.gcj02.geojson`);
      const wgs = read(`${name}.wgs84.geojson`);
      expect(wgs.features.length).toBe(gcj.features.length);
      gcj.features.forEach((f, i) => {
        const committed = wgs.features[i];
        const ours = flat(gcj02ToWgs84Geometry(f.geometry).coordinates);
        const theirs = flat(committed?.geometry.coordinates);
        expect(ours.length).toBe(theirs.length);
        const worst = Math.max(
          ...ours.map((p, k) => {
            const q = theirs[k] as Position;
            return Math.max(
              Math.abs((p[0] as number) - (q[0] as number)),
              Math.abs((p[1] as number) - (q[1] as number)),
            );
          }),
        );
        expect(worst).toBeLessThanOrEqual(1e-6 + 1e-12);
        expect(committed?.properties.adcode).toBe(f.properties.adcode);
      });
    });
  }

  it('inverts the forward transform: WGS84 → GCJ-02 of the result is the input to 1e-9°', () => {
    const input: Position = [113.610565, 33.436278];
    const back = gcoord.transform(gcj02ToWgs84Exact(input), gcoord.WGS84, gcoord.GCJ02) as Position;
    expect(Math.abs((back[0] as number) - (input[0] as number))).toBeLessThan(1e-9);
    expect(Math.abs((back[1] as number) - (input[1] as number))).toBeLessThan(1e-9);
  });

  it('converts the DataV centre to the documented county seat (SOURCES.md)', () => {
    expect(gcj02ToWgs84Geometry({ type: 'Point', coordinates: [113.610565, 33.436278] }).coordinates).toEqual([
      113.604659, 33.438071,
    ]);
  });
});
