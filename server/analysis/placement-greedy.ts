/**
 * Greedy weighted maximal covering (Church & ReVelle's MCLP, solved greedily): choose up to
 * `count` candidates, each time the one whose not-yet-covered elements weigh most. Coverage
 * is monotone submodular, so greedy reaches at least 1 − 1/e of the optimum (Nemhauser,
 * Wolsey & Fisher 1978). The lazy variant keeps each candidate's last gain in a max-heap:
 * gains only shrink, so a stale top whose refreshed gain still beats the next top is the
 * plain greedy choice — the same picks, in the same order, with far fewer evaluations.
 * Ties go to the lower candidate index in both.
 */

/** Candidate c covers elements setElems[setStart[c] .. setStart[c + 1] − 1]. */
export interface CoverInstance {
  /** Element weights, all ≥ 0. */
  readonly weight: Float64Array;
  /** CSR offsets, length candidates + 1. */
  readonly setStart: Int32Array;
  readonly setElems: Int32Array;
}

/**
 * Candidates chosen by the lazy greedy, in rank order; stops early when nothing is left to gain.
 * @example
 * // candidate 0 covers {0, 1}, candidate 1 covers {1, 2}; element weights 1, 1, 5
 * const inst = { weight: Float64Array.of(1, 1, 5), setStart: Int32Array.of(0, 2, 4), setElems: Int32Array.of(0, 1, 1, 2) };
 * lazyGreedy(inst, 2); // [1, 0]
 */
export function lazyGreedy(inst: CoverInstance, count: number): number[] {
  const covered = new Uint8Array(inst.weight.length);
  const heap = new MaxHeap();
  const candidates = inst.setStart.length - 1;
  for (let c = 0; c < candidates; c++) {
    const g = gain(inst, covered, c);
    if (g > 0) heap.push(g, c);
  }
  const chosen: number[] = [];
  while (chosen.length < count && heap.size > 0) {
    const c = heap.pop();
    const g = gain(inst, covered, c);
    if (g <= 0) continue;
    // Every other candidate's true gain is at most its key, so (g, c) ≥ the new top wins.
    if (heap.size === 0 || heap.before(g, c, heap.topKey, heap.topId)) {
      chosen.push(c);
      cover(inst, covered, c);
    } else heap.push(g, c);
  }
  return chosen;
}

/**
 * The textbook greedy, every gain recomputed every round — the oracle for lazyGreedy.
 * @example
 * plainGreedy(inst, 2); // [1, 0], as lazyGreedy
 */
export function plainGreedy(inst: CoverInstance, count: number): number[] {
  const covered = new Uint8Array(inst.weight.length);
  const candidates = inst.setStart.length - 1;
  const chosen: number[] = [];
  while (chosen.length < count) {
    let best = -1;
    let bestGain = 0;
    for (let c = 0; c < candidates; c++) {
      const g = gain(inst, covered, c);
      if (g > bestGain) {
        best = c;
        bestGain = g;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    cover(inst, covered, best);
  }
  return chosen;
}

/**
 * Total weight covered by a set of candidates.
 * @example
 * coverValue(inst, [0, 1]); // 7
 */
export function coverValue(inst: CoverInstance, chosen: readonly number[]): number {
  const covered = new Uint8Array(inst.weight.length);
  let total = 0;
  for (const c of chosen) {
    total += gain(inst, covered, c);
    cover(inst, covered, c);
  }
  return total;
}

/** Weight of candidate c's elements not yet covered, summed in set order (so lazy = plain). */
function gain(inst: CoverInstance, covered: Uint8Array, c: number): number {
  const { weight, setStart, setElems } = inst;
  let g = 0;
  for (let k = setStart[c] as number; k < (setStart[c + 1] as number); k++) {
    const e = setElems[k] as number;
    if (!covered[e]) g += weight[e] as number;
  }
  return g;
}

function cover(inst: CoverInstance, covered: Uint8Array, c: number): void {
  for (let k = inst.setStart[c] as number; k < (inst.setStart[c + 1] as number); k++)
    covered[inst.setElems[k] as number] = 1;
}

/** Max-heap of (key, id): larger key first, then smaller id. */
class MaxHeap {
  private keys: number[] = [];
  private ids: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  get topKey(): number {
    return this.keys[0] as number;
  }

  get topId(): number {
    return this.ids[0] as number;
  }

  /** True when (k1, i1) comes before (k2, i2). */
  before(k1: number, i1: number, k2: number, i2: number): boolean {
    return k1 > k2 || (k1 === k2 && i1 < i2);
  }

  push(key: number, id: number): void {
    const { keys, ids } = this;
    let i = keys.length;
    keys.push(key);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(key, id, keys[p] as number, ids[p] as number)) break;
      keys[i] = keys[p] as number;
      ids[i] = ids[p] as number;
      i = p;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** Removes the top and returns its id. */
  pop(): number {
    const { keys, ids } = this;
    const top = ids[0] as number;
    const key = keys.pop() as number;
    const id = ids.pop() as number;
    const n = keys.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(keys[r] as number, ids[r] as number, keys[l] as number, ids[l] as number) ? r : l;
      if (!this.before(keys[c] as number, ids[c] as number, key, id)) break;
      keys[i] = keys[c] as number;
      ids[i] = ids[c] as number;
      i = c;
    }
    keys[i] = key;
    ids[i] = id;
    return top;
  }
}
