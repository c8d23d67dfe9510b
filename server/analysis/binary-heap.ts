/**
 * A binary min-heap of (key, node, tag) triples over growable typed arrays — the priority
 * queue of dijkstra.ts. No decrease-key: callers push again and skip stale pops.
 */
export class BinaryHeap {
  private keys: Float64Array;
  private nodes: Int32Array;
  private tags: Int32Array;
  size = 0;
  /** The triple removed by the last pop(). */
  key = 0;
  node = 0;
  tag = 0;

  /**
   * @example
   * const h = new BinaryHeap();
   * h.push(5, 1, 0); h.push(2, 7, 3);
   * h.pop(); // h.key === 2, h.node === 7, h.tag === 3
   */
  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
    this.tags = new Int32Array(capacity);
  }

  push(key: number, node: number, tag: number): void {
    if (this.size === this.keys.length) this.grow();
    const { keys, nodes, tags } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent] as number;
      if (pk <= key) break;
      keys[i] = pk;
      nodes[i] = nodes[parent] as number;
      tags[i] = tags[parent] as number;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
    tags[i] = tag;
  }

  /** Removes the smallest key into `key`, `node`, `tag`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    const { keys, nodes, tags } = this;
    this.key = keys[0] as number;
    this.node = nodes[0] as number;
    this.tag = tags[0] as number;
    const n = --this.size;
    const key = keys[n] as number;
    const node = nodes[n] as number;
    const tag = tags[n] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (keys[child + 1] as number) < (keys[child] as number)) child++;
      if ((keys[child] as number) >= key) break;
      keys[i] = keys[child] as number;
      nodes[i] = nodes[child] as number;
      tags[i] = tags[child] as number;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
    tags[i] = tag;
    return true;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    const keys = new Float64Array(capacity);
    const nodes = new Int32Array(capacity);
    const tags = new Int32Array(capacity);
    keys.set(this.keys);
    nodes.set(this.nodes);
    tags.set(this.tags);
    this.keys = keys;
    this.nodes = nodes;
    this.tags = tags;
  }
}
