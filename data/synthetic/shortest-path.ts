/** Dijkstra over a small undirected graph given as edge lists (the generator's road skeleton). */

export interface WeightedEdge {
  a: number;
  b: number;
  w: number;
}

export interface ShortestPathTree {
  dist: Float64Array;
  /** Edge index used to reach each node, -1 at the source and unreached nodes. */
  via: Int32Array;
}

export function adjacency(n: number, edges: readonly WeightedEdge[]): number[][] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e, i) => {
    adj[e.a]?.push(i);
    adj[e.b]?.push(i);
  });
  return adj;
}

export function dijkstra(adj: number[][], edges: readonly WeightedEdge[], source: number): ShortestPathTree {
  const n = adj.length;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  dist[source] = 0;
  // Binary heap of [dist, node].
  const heap: [number, number][] = [[0, source]];
  const push = (item: [number, number]) => {
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heap[p] as [number, number])[0] <= item[0]) break;
      heap[i] = heap[p] as [number, number];
      i = p;
    }
    heap[i] = item;
  };
  const pop = (): [number, number] => {
    const top = heap[0] as [number, number];
    const last = heap.pop() as [number, number];
    if (heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      let m = -1;
      let best = last[0];
      for (const c of [l, l + 1]) {
        const item = heap[c];
        if (item && item[0] < best) {
          best = item[0];
          m = c;
        }
      }
      if (m < 0) break;
      heap[i] = heap[m] as [number, number];
      i = m;
    }
    heap[i] = last;
    return top;
  };
  while (heap.length > 0) {
    const [d, u] = pop();
    if (d > (dist[u] as number)) continue;
    for (const ei of adj[u] ?? []) {
      const e = edges[ei] as WeightedEdge;
      const v = e.a === u ? e.b : e.a;
      const nd = d + e.w;
      if (nd < (dist[v] as number)) {
        dist[v] = nd;
        via[v] = ei;
        push([nd, v]);
      }
    }
  }
  return { dist, via };
}

/** Edge indices on the tree path from the source to `target` (empty when unreached). */
export function pathEdges(tree: ShortestPathTree, edges: readonly WeightedEdge[], target: number): number[] {
  const out: number[] = [];
  let v = target;
  while ((tree.via[v] as number) >= 0) {
    const ei = tree.via[v] as number;
    out.push(ei);
    const e = edges[ei] as WeightedEdge;
    v = e.a === v ? e.b : e.a;
  }
  return out;
}
