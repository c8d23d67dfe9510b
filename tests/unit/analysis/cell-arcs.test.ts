/**
 * Outlines composed from one trace of a labelled grid (cell-arcs.ts) against the cell-by-cell
 * tracer every map area used before (cell-polygons.ts): on seeded random label grids (blobs, holes,
 * islands in holes, corner-only touches, cells outside), every union of labels asked gives the
 * same polygons, ring for ring and vertex for vertex (rings compared from their least vertex, the
 * polygons in a fixed order: the two tracers start rings at different sides).
 */
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { arcOutline, traceArcs, vertexPositions } from '../../../server/analysis/cell-arcs';
import { cellPolygons } from '../../../server/analysis/cell-polygons';
import { rng } from './hydrant-random';

/** Grid vertices as plain (i, j) coordinates: the identity projection over a 1 m grid. */
function plainGrid(cols: number, rows: number) {
  const projection = {
    lon0: 0,
    lat0: 0,
    forward: (x: number, y: number) => [x, y],
    inverse: (x: number, y: number) => [x, y],
  };
  return { projection, cellM: 1, x0: 0, y0: 0, cols, rows } as unknown as Parameters<typeof cellPolygons>[0];
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/** Open ring rotated to start at its least vertex (ring order and orientation kept). */
function canonicalRing(ring: Position[]): string[] {
  const open = ring.slice(0, -1).map(key);
  let best = 0;
  for (let i = 1; i < open.length; i++) if ((open[i] as string) < (open[best] as string)) best = i;
  return [...open.slice(best), ...open.slice(0, best)];
}

function canonical(polygons: Position[][][]): string[] {
  return polygons
    .map((rings) => {
      const [outer, ...holes] = rings.map(canonicalRing);
      return JSON.stringify([outer, holes.map((h) => h.join(' ')).sort()]);
    })
    .sort();
}

/** Labels 0..labels-1 in blobs (a random walk of paints), -1 in a few places (outside cells). */
function randomLabels(rand: () => number, cols: number, rows: number, labels: number): Int32Array {
  const label = new Int32Array(cols * rows).map(() => Math.floor(rand() * labels));
  for (let pass = 0; pass < 3; pass++) {
    for (let c = 0; c < label.length; c++) {
      const nb = [c - 1, c + 1, c - cols, c + cols].filter((x) => x >= 0 && x < label.length);
      if (rand() < 0.7) label[c] = label[nb[Math.floor(rand() * nb.length)] as number] as number;
    }
  }
  for (let c = 0; c < label.length; c++) if (rand() < 0.04) label[c] = -1;
  return label;
}

describe('outlines from one trace of a labelled grid', () => {
  it('equal the cell-by-cell outline of every union of labels asked, on 60 random grids', () => {
    let compared = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const rand = rng(seed);
      const cols = 3 + Math.floor(rand() * 30);
      const rows = 3 + Math.floor(rand() * 30);
      const labels = 2 + Math.floor(rand() * 6);
      const label = randomLabels(rand, cols, rows, labels);
      const grid = plainGrid(cols, rows);
      const arcs = traceArcs(grid, label);
      const toPositions = vertexPositions(grid, 6);
      for (let set = 1; set < 1 << labels; set++) {
        const member = (l: number) => ((set >> l) & 1) === 1;
        const cells = Uint8Array.from(label, (l) => (l >= 0 && member(l) ? 1 : 0));
        const expected = canonical(cellPolygons(grid, cells));
        expect(canonical(toPositions(arcOutline(arcs, member))), `seed ${seed}, labels ${set.toString(2)}`).toEqual(
          expected,
        );
        compared += expected.length;
      }
    }
    expect(compared, 'polygons compared').toBeGreaterThan(1000);
  });

  it('outlines a set of cells the same way whatever the other labels are (a finer partition, same text)', () => {
    for (let seed = 100; seed < 130; seed++) {
      const rand = rng(seed);
      const cols = 5 + Math.floor(rand() * 25);
      const rows = 5 + Math.floor(rand() * 25);
      const coarse = randomLabels(rand, cols, rows, 3);
      // Each label split in up to four by a second random field: the union of the parts is the coarse label.
      const extra = randomLabels(rand, cols, rows, 4);
      const fine = coarse.map((l, c) => (l < 0 ? -1 : l * 4 + Math.max(0, extra[c] as number)));
      const grid = plainGrid(cols, rows);
      const a = traceArcs(grid, coarse);
      const b = traceArcs(grid, fine);
      for (let set = 1; set < 8; set++) {
        const member = (l: number) => ((set >> l) & 1) === 1;
        expect(
          arcOutline(b, (l) => member(Math.floor(l / 4))),
          `seed ${seed}`,
        ).toEqual(arcOutline(a, member));
      }
    }
  });

  it('keeps a checkerboard corner touch as separate polygons turning left, and an island in a hole', () => {
    // 0 0 0 0 0
    // 0 1 1 1 0
    // 0 1 0 1 0     label 2 in the middle of the hole of label 1; 3 and 4 touch at a corner
    // 0 1 1 1 0
    // 3 4 0 0 0
    // 4 3 0 0 0  (row 0 at the bottom)
    const rowsTopDown = ['00000', '01110', '01210', '01110', '34000', '43000'];
    const rows = rowsTopDown.length;
    const label = new Int32Array(5 * rows);
    rowsTopDown.forEach((r, t) => {
      for (let c = 0; c < 5; c++) label[(rows - 1 - t) * 5 + c] = Number(r[c]);
    });
    const grid = plainGrid(5, rows);
    const arcs = traceArcs(grid, label);
    const toPositions = vertexPositions(grid, 6);
    for (const set of [[1], [2], [1, 2], [3], [4], [0], [0, 2], [3, 4, 2]]) {
      const member = (l: number) => set.includes(l);
      const cells = Uint8Array.from(label, (l) => (member(l) ? 1 : 0));
      expect(canonical(toPositions(arcOutline(arcs, member))), `labels ${set}`).toEqual(
        canonical(cellPolygons(grid, cells)),
      );
    }
    // The ring of label 1 has a hole; label 3 is two single cells touching nothing of its own.
    expect(arcOutline(arcs, (l) => l === 1)[0]?.length).toBe(2);
    expect(arcOutline(arcs, (l) => l === 3)).toHaveLength(2);
  });
});
