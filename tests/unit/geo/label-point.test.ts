/**
 * The label point of a polygon (a 村界 kept as a point): inside the polygon by an independent
 * even-odd point-in-polygon test, for convex, concave (a U whose centroid lies outside), holed
 * (the centre is a hole) and multi-part shapes; null without area.
 */
import { describe, expect, it } from 'vitest';
import { labelPoint, type XY } from '../../../server/geo/label-point';

type Rings = XY[][];

/** Ray casting over every ring (holes included), written separately from the module. */
function inside(p: XY, rings: Rings): boolean {
  let c = false;
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as XY;
      const [x2, y2] = ring[i + 1] as XY;
      if (y1 > p[1] !== y2 > p[1] && p[0] < ((x2 - x1) * (p[1] - y1)) / (y2 - y1) + x1) c = !c;
    }
  }
  return c;
}

const square = (x: number, y: number, s: number): XY[] => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe('labelPoint', () => {
  it('lies inside convex, concave and holed polygons', () => {
    const u: XY[] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const shapes: Rings[] = [[square(113.5, 33.4, 0.01)], [u], [square(0, 0, 4), square(1, 1, 2)]];
    for (const rings of shapes) {
      const p = labelPoint([rings]);
      expect(p).not.toBeNull();
      expect(inside(p as XY, rings)).toBe(true);
    }
  });

  it('takes the largest part of a multipolygon, and gives null without area', () => {
    const p = labelPoint([[square(0, 0, 1)], [square(10, 10, 5)]]) as XY;
    expect(inside(p, [square(10, 10, 5)])).toBe(true);
    expect(
      labelPoint([
        [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      ]),
    ).toBeNull();
  });
});
