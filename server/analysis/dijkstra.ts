/**
 * Multi-source Dijkstra over the CSR road graph: every unit enters through one or more
 * seeds (the ends of the road edge it stands on) at its own start time — its turnout time
 * (出动时间; customary 5 min = 1 min turnout + 4 min drive, docs/standards.md §1) plus the way to the edge —
 * and the search stops at the cutoff, the largest threshold asked. Optionally it keeps, per
 * node, the fastest *other* unit too (second due), settling each node at most twice.
 */
import { BinaryHeap } from './binary-heap';
import type { RoadGraph } from './csr-graph';

export interface Seed {
  /** Graph node the unit enters at. */
  node: number;
  /** Seconds from the alarm when the unit is at that node. */
  startS: number;
  /** Index of the unit (source) the seed belongs to; several seeds may share one. */
  source: number;
}

export interface DijkstraOptions {
  /** Nodes slower than this (seconds) are left unreached; `≤ cutoff` is reached, as in pgr_drivingDistance. */
  cutoffS?: number;
  /** Also find, per node, the fastest source other than the first (second due). */
  secondDue?: boolean;
}

export interface Reach {
  cutoffS: number;
  /** Seconds to each node from the fastest source; Infinity when beyond the cutoff or unreachable. */
  timeS: Float64Array;
  /** Fastest source per node, -1 if none. */
  source: Int32Array;
  /** With `secondDue`: the fastest other source per node and its time (-1 / Infinity if none). */
  secondTimeS: Float64Array | null;
  secondSource: Int32Array | null;
  reachedCount: number;
}

type Arcs = Pick<RoadGraph, 'nodeCount' | 'firstArc' | 'arcHead' | 'arcCost'>;

/**
 * @example
 * const reach = dijkstra(graph, [{ node: 17, startS: 60, source: 0 }, { node: 240, startS: 90, source: 1 }], { cutoffS: 300 });
 * reach.timeS[42]; // seconds to node 42, Infinity if over 300 s
 * reach.source[42]; // 0 or 1: the first-due unit there
 */
export function dijkstra(graph: Arcs, seeds: readonly Seed[], options: DijkstraOptions = {}): Reach {
  const cutoffS = options.cutoffS ?? Infinity;
  return options.secondDue ? twoLabels(graph, seeds, cutoffS) : oneLabel(graph, seeds, cutoffS);
}

function oneLabel(graph: Arcs, seeds: readonly Seed[], cutoffS: number): Reach {
  const { nodeCount, firstArc, arcHead, arcCost } = graph;
  const timeS = new Float64Array(nodeCount).fill(Infinity);
  const source = new Int32Array(nodeCount).fill(-1);
  const settled = new Uint8Array(nodeCount);
  const heap = new BinaryHeap();
  for (const seed of seeds) {
    if (seed.startS <= cutoffS && seed.startS < (timeS[seed.node] as number)) {
      timeS[seed.node] = seed.startS;
      source[seed.node] = seed.source;
      heap.push(seed.startS, seed.node, seed.source);
    }
  }
  let reachedCount = 0;
  while (heap.pop()) {
    const v = heap.node;
    if (settled[v]) continue;
    settled[v] = 1;
    reachedCount++;
    const t = heap.key;
    const s = source[v] as number;
    const end = firstArc[v + 1] as number;
    for (let a = firstArc[v] as number; a < end; a++) {
      const w = arcHead[a] as number;
      const tw = t + (arcCost[a] as number);
      if (tw <= cutoffS && tw < (timeS[w] as number)) {
        timeS[w] = tw;
        source[w] = s;
        heap.push(tw, w, s);
      }
    }
  }
  return { cutoffS, timeS, source, secondTimeS: null, secondSource: null, reachedCount };
}

/**
 * Two labels per node from distinct sources. The k = 2 argument: if unit s is neither of the
 * two fastest at u, those two (one of them not the winner at w) reach w through u no later
 * than s, so relaxing settled labels only is exact.
 */
function twoLabels(graph: Arcs, seeds: readonly Seed[], cutoffS: number): Reach {
  const { nodeCount, firstArc, arcHead, arcCost } = graph;
  const t1 = new Float64Array(nodeCount).fill(Infinity);
  const s1 = new Int32Array(nodeCount).fill(-1);
  const t2 = new Float64Array(nodeCount).fill(Infinity);
  const s2 = new Int32Array(nodeCount).fill(-1);
  const settled = new Uint8Array(nodeCount);
  const heap = new BinaryHeap();
  /** Keeps the two fastest distinct sources seen at w; pushes only what improves them. */
  const offer = (w: number, s: number, t: number) => {
    if (t > cutoffS) return;
    if (s === s1[w]) {
      if (t < (t1[w] as number)) {
        t1[w] = t;
        heap.push(t, w, s);
      }
    } else if (t < (t1[w] as number)) {
      t2[w] = t1[w] as number;
      s2[w] = s1[w] as number;
      t1[w] = t;
      s1[w] = s;
      heap.push(t, w, s);
    } else if (t < (t2[w] as number)) {
      t2[w] = t;
      s2[w] = s;
      heap.push(t, w, s);
    }
  };
  for (const seed of seeds) offer(seed.node, seed.source, seed.startS);
  let reachedCount = 0;
  while (heap.pop()) {
    const v = heap.node;
    const s = heap.tag;
    const t = heap.key;
    const done = settled[v] as number;
    if (done === 0) {
      // The first pop is the fastest; on a tie it may be the label held in slot 2.
      if (s !== s1[v]) {
        t2[v] = t1[v] as number;
        s2[v] = s1[v] as number;
        s1[v] = s;
      }
      t1[v] = t;
      reachedCount++;
    } else if (done === 1 && s !== s1[v]) {
      t2[v] = t;
      s2[v] = s;
    } else {
      continue;
    }
    settled[v] = done + 1;
    const end = firstArc[v + 1] as number;
    for (let a = firstArc[v] as number; a < end; a++) offer(arcHead[a] as number, s, t + (arcCost[a] as number));
  }
  return { cutoffS, timeS: t1, source: s1, secondTimeS: t2, secondSource: s2, reachedCount };
}
