/**
 * Picks a few town streets to be one-way without breaking the network: after each pick the
 * directed graph must still be strongly connected (every node reaches every other), or the
 * pick is undone.
 */
import type { Rng } from './prng';

export interface GraphEdge {
  from: number;
  to: number;
}

/** Every node reaches node 0 and is reached from it; one-way edges only run from → to. */
export function isStronglyConnected(
  nodeCount: number,
  edges: readonly GraphEdge[],
  oneway: ReadonlySet<number>,
): boolean {
  if (nodeCount === 0) return true;
  const forward: number[][] = Array.from({ length: nodeCount }, () => []);
  const backward: number[][] = Array.from({ length: nodeCount }, () => []);
  edges.forEach((e, i) => {
    forward[e.from]?.push(e.to);
    backward[e.to]?.push(e.from);
    if (!oneway.has(i)) {
      forward[e.to]?.push(e.from);
      backward[e.from]?.push(e.to);
    }
  });
  const reachesAll = (adj: number[][]) => {
    const seen = new Uint8Array(nodeCount);
    const stack = [0];
    seen[0] = 1;
    let count = 1;
    while (stack.length > 0) {
      for (const v of adj[stack.pop() as number] ?? []) {
        if (!seen[v]) {
          seen[v] = 1;
          count++;
          stack.push(v);
        }
      }
    }
    return count === nodeCount;
  };
  return reachesAll(forward) && reachesAll(backward);
}

export function chooseOneways(
  nodeCount: number,
  edges: readonly GraphEdge[],
  candidates: readonly number[],
  count: number,
  rng: Rng,
): Set<number> {
  const chosen = new Set<number>();
  for (const ei of rng.shuffle([...candidates])) {
    if (chosen.size >= count) break;
    chosen.add(ei);
    if (!isStronglyConnected(nodeCount, edges, chosen)) chosen.delete(ei);
  }
  return chosen;
}
