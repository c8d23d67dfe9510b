/**
 * District colouring: the adjacency graph of a grid partition against a brute force over every
 * pair of cells, and DSATUR colours proper (no two adjacent districts alike), few (≤ 6 on
 * Voronoi-like partitions of a grid, as first-due districts are) and stable (same input, same
 * colours, whatever order the graph is built in).
 */
import { describe, expect, it } from 'vitest';
import { districtAdjacency, dsaturColours } from '../../../server/analysis/district-colours';

/** A seeded LCG (Numerical Recipes constants): the same partitions on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (1664525 * s + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A cols × rows grid, some cells missing (no road), each other cell owned by its nearest seed (Voronoi). */
function partition(seed: number, cols: number, rows: number, seeds: number) {
  const rnd = random(seed);
  const pts = Array.from({ length: seeds }, () => [rnd() * cols, rnd() * rows] as const);
  const cells: number[] = [];
  const owner: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (rnd() < 0.1) continue;
      let best = 0;
      let bestD = Infinity;
      pts.forEach(([x, y], i) => {
        const d = (x - c) ** 2 + (y - r) ** 2;
        if (d < bestD) [best, bestD] = [i, d];
      });
      cells.push(r * cols + c);
      // Some cells unreachable (-1) as well.
      owner.push(rnd() < 0.03 ? -1 : best * 7 + 3);
    }
  }
  return { grid: { cols, rows, cells }, owner };
}

/** Brute force: every pair of present cells sharing an edge, owners differing. */
function bruteAdjacency(p: ReturnType<typeof partition>) {
  const pairs = new Set<string>();
  const at = new Map(p.grid.cells.map((cell, k) => [cell, p.owner[k] as number]));
  for (const [a, oa] of at) {
    for (const [b, ob] of at) {
      const [ra, ca, rb, cb] = [
        Math.floor(a / p.grid.cols),
        a % p.grid.cols,
        Math.floor(b / p.grid.cols),
        b % p.grid.cols,
      ];
      if (Math.abs(ra - rb) + Math.abs(ca - cb) !== 1 || oa < 0 || ob < 0 || oa === ob) continue;
      pairs.add(`${Math.min(oa, ob)}-${Math.max(oa, ob)}`);
    }
  }
  return pairs;
}

describe('districtAdjacency', () => {
  it.each([1, 2, 3, 4, 5])('equals the brute force over cell pairs (seed %i)', (seed) => {
    const p = partition(seed, 30, 24, 12);
    const adj = districtAdjacency(p.grid, p.owner);
    const found = new Set<string>();
    for (const [a, ns] of adj) for (const b of ns) found.add(`${Math.min(a, b)}-${Math.max(a, b)}`);
    expect(found).toEqual(bruteAdjacency(p));
    // Symmetric, no self loops, every owner present.
    for (const [a, ns] of adj) for (const b of ns) expect(adj.get(b)?.has(a)).toBe(true);
    expect(new Set(adj.keys())).toEqual(new Set(p.owner.filter((o) => o >= 0)));
  });
});

describe('dsaturColours', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'colours adjacent districts differently with at most 6 colours (seed %i)',
    (seed) => {
      const p = partition(seed, 40, 30, 25);
      const adj = districtAdjacency(p.grid, p.owner);
      const colour = dsaturColours(adj, (v) => String(v).padStart(6, '0'));
      expect(colour.size).toBe(adj.size);
      for (const [a, ns] of adj) for (const b of ns) expect(colour.get(a)).not.toBe(colour.get(b));
      expect(Math.max(...colour.values())).toBeLessThan(6);
    },
  );

  it('is stable: the same graph built in another order gets the same colours', () => {
    const p = partition(11, 40, 30, 25);
    const adj = districtAdjacency(p.grid, p.owner);
    const shuffled = new Map([...adj.entries()].reverse().map(([v, ns]) => [v, new Set([...ns].reverse())]));
    const key = (v: number) => String(v).padStart(6, '0');
    expect([...dsaturColours(shuffled, key)].sort((a, b) => a[0] - b[0])).toEqual(
      [...dsaturColours(adj, key)].sort((a, b) => a[0] - b[0]),
    );
  });

  it('colours a triangle with 3, a path with 2, lone districts with 0', () => {
    const tri = new Map([
      [1, new Set([2, 3])],
      [2, new Set([1, 3])],
      [3, new Set([1, 2])],
    ]);
    expect(new Set(dsaturColours(tri, String).values())).toEqual(new Set([0, 1, 2]));
    const path = new Map([
      [1, new Set([2])],
      [2, new Set([1, 3])],
      [3, new Set([2])],
    ]);
    expect([...dsaturColours(path, String)].sort()).toEqual([
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
    expect(dsaturColours(new Map([[5, new Set<number>()]]), String)).toEqual(new Map([[5, 0]]));
  });
});
