import { describe, expect, it } from 'vitest';
import { chooseOneways, isStronglyConnected } from '../../../data/synthetic/oneway';
import { Rng } from '../../../data/synthetic/prng';
import { nodeLines } from '../../../server/geo/node-lines';
import type { XY } from '../../../server/geo/plane';

const sorted = (edges: { coords: XY[] }[]) => edges.map((e) => JSON.stringify(e.coords)).sort();

describe('nodeLines', () => {
  it('splits two crossing lines into four edges meeting at the crossing', () => {
    const net = nodeLines([
      [
        [0, 0],
        [10, 0],
      ],
      [
        [5, -5],
        [5, 5],
      ],
    ]);
    expect(net.edges).toHaveLength(4);
    expect(net.nodes).toContainEqual([5, 0]);
  });

  it('snaps a line ending within 1 m of another into a T-junction', () => {
    const net = nodeLines([
      [
        [0, 0],
        [10, 0],
      ],
      [
        [4, 0.6],
        [4, 8],
      ],
    ]);
    expect(net.edges).toHaveLength(3);
    const junction = net.edges.find((e) => e.line === 1)?.from as number;
    expect(net.edges.filter((e) => e.from === junction || e.to === junction)).toHaveLength(3);
  });

  it('leaves lines farther apart than the snap distance alone', () => {
    const net = nodeLines([
      [
        [0, 0],
        [10, 0],
      ],
      [
        [4, 1.5],
        [4, 8],
      ],
    ]);
    expect(net.edges).toHaveLength(2);
  });

  it('splits at a vertex shared by two lines but not at a vertex of one line only', () => {
    const net = nodeLines([
      [
        [0, 0],
        [5, 1],
        [10, 0],
      ],
      [
        [5, 1],
        [5, 9],
      ],
      [
        [20, 0],
        [25, 1],
        [30, 0],
      ],
    ]);
    expect(net.edges).toHaveLength(4);
  });

  it('keeps one copy of a stretch drawn twice and cuts closed loops into two edges', () => {
    const twice = nodeLines([
      [
        [0, 0],
        [10, 0],
      ],
      [
        [10, 0],
        [0, 0],
      ],
    ]);
    expect(twice.edges).toHaveLength(1);
    const loop = nodeLines([
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
    ]);
    expect(loop.edges).toHaveLength(2);
    for (const e of loop.edges) expect(e.from).not.toBe(e.to);
  });

  it('is idempotent on sparse random lines: noding its own output changes nothing', () => {
    // Crossings closer than the 1 m snap to each other would merge differently on a second pass,
    // so the lines are spread over 2 km (the road network's scale), not packed into a few metres.
    for (const seed of [1, 2, 3]) {
      const rng = new Rng(seed);
      const lines: XY[][] = Array.from({ length: 30 }, () =>
        Array.from({ length: 3 }, (): XY => [rng.uniform(0, 2000), rng.uniform(0, 2000)]),
      );
      const once = nodeLines(lines);
      expect(once.edges.length).toBeGreaterThan(60);
      const twice = nodeLines(once.edges.map((e) => e.coords));
      expect(sorted(twice.edges)).toEqual(sorted(once.edges));
    }
  });
});

describe('one-way selection', () => {
  // A square with a tail: the tail edge can never be one-way.
  const edges = [
    { from: 0, to: 1 },
    { from: 1, to: 2 },
    { from: 2, to: 3 },
    { from: 3, to: 0 },
    { from: 3, to: 4 },
  ];

  it('detects a graph that is no longer strongly connected', () => {
    expect(isStronglyConnected(5, edges, new Set())).toBe(true);
    expect(isStronglyConnected(5, edges, new Set([4]))).toBe(false);
    expect(isStronglyConnected(5, edges, new Set([0, 1, 2, 3]))).toBe(true);
    // 0→1 and 2→1 one-way: node 1 has no way out.
    const vee = [
      { from: 0, to: 1 },
      { from: 2, to: 1 },
      { from: 2, to: 0 },
    ];
    expect(isStronglyConnected(3, vee, new Set([0, 1]))).toBe(false);
    expect(isStronglyConnected(3, vee, new Set([0]))).toBe(true);
  });

  it('picks only edges that keep the graph strongly connected', () => {
    const chosen = chooseOneways(5, edges, [0, 1, 2, 3, 4], 5, new Rng(3));
    expect(chosen.has(4)).toBe(false);
    expect(isStronglyConnected(5, edges, chosen)).toBe(true);
  });
});
