/**
 * Nodes a set of polylines (metres): splits every line where it crosses or touches another (or
 * itself) and at vertices shared between lines, snapping points closer than `snapM` together, so
 * each output edge runs between two nodes and no two edges meet except at a shared node — the
 * shape a routing graph needs. Duplicate edges (the same stretch drawn twice) are kept once, the
 * first line winning.
 *
 * @example nodeLines([[[0, 0], [10, 0]], [[5, -5], [5, 5]]]).edges.length // → 4
 */
import { distXY, type XY } from './plane';
import { projectOnSegment, segmentCrossing } from './segments';

export interface NodedEdge {
  /** Index of the input line this edge comes from. */
  line: number;
  from: number;
  to: number;
  coords: XY[];
}

export interface NodedNetwork {
  nodes: XY[];
  edges: NodedEdge[];
}

interface Segment {
  line: number;
  k: number;
  a: XY;
  b: XY;
}

interface Split {
  seg: number;
  t: number;
  p: XY;
}

const CELL_M = 200;

function cellKey(cx: number, cy: number): number {
  return (cx + 50000) * 100000 + (cy + 50000);
}

/** Candidate segment pairs from a uniform grid over segment bounding boxes. */
function candidatePairs(segs: Segment[], pad: number): [number, number][] {
  const grid = new Map<number, number[]>();
  segs.forEach((s, i) => {
    const cx0 = Math.floor((Math.min(s.a[0], s.b[0]) - pad) / CELL_M);
    const cx1 = Math.floor((Math.max(s.a[0], s.b[0]) + pad) / CELL_M);
    const cy0 = Math.floor((Math.min(s.a[1], s.b[1]) - pad) / CELL_M);
    const cy1 = Math.floor((Math.max(s.a[1], s.b[1]) + pad) / CELL_M);
    for (let cx = cx0; cx <= cx1; cx++) {
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = cellKey(cx, cy);
        const list = grid.get(key);
        if (list) list.push(i);
        else grid.set(key, [i]);
      }
    }
  });
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  for (const list of grid.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number;
        const j = list[y] as number;
        const key = i * segs.length + j;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([i, j]);
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function findSplits(segs: Segment[], snapM: number): Split[] {
  const splits: Split[] = [];
  for (const [i, j] of candidatePairs(segs, snapM)) {
    const s = segs[i] as Segment;
    const r = segs[j] as Segment;
    // Consecutive segments of one line meet at their shared vertex by construction.
    if (s.line === r.line && Math.abs(s.k - r.k) === 1) continue;
    const c = segmentCrossing(s.a, s.b, r.a, r.b);
    if (c) {
      splits.push({ seg: i, t: c.t, p: c.point }, { seg: j, t: c.u, p: c.point });
    }
    // An end lying within snapM of the other segment is a T-junction (or an overlap): split there.
    for (const [from, onto, ontoIdx] of [
      [s, r, j],
      [r, s, i],
    ] as const) {
      for (const e of [from.a, from.b]) {
        const pr = projectOnSegment(e, onto.a, onto.b);
        if (pr.dist <= snapM) splits.push({ seg: ontoIdx, t: pr.t, p: e });
      }
    }
  }
  return splits;
}

/** Union-find clustering of points closer than snapM; the representative is the lowest index. */
function clusterPoints(points: XY[], snapM: number): Int32Array {
  const parent = new Int32Array(points.length).map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const grid = new Map<number, number[]>();
  points.forEach((p, i) => {
    const cx = Math.floor(p[0] / snapM);
    const cy = Math.floor(p[1] / snapM);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(cellKey(cx + dx, cy + dy)) ?? []) {
          if (distXY(p, points[j] as XY) <= snapM) {
            const a = find(i);
            const b = find(j);
            if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
    }
    const key = cellKey(cx, cy);
    const list = grid.get(key);
    if (list) list.push(i);
    else grid.set(key, [i]);
  });
  return parent.map((_, i) => find(i));
}

function polylineLength(coords: XY[]): number {
  let len = 0;
  for (let i = 1; i < coords.length; i++) len += distXY(coords[i - 1] as XY, coords[i] as XY);
  return len;
}

function nodeOnce(lines: readonly XY[][], snapM: number): NodedNetwork {
  const segs: Segment[] = [];
  lines.forEach((coords, line) => {
    for (let k = 1; k < coords.length; k++) segs.push({ line, k: k - 1, a: coords[k - 1] as XY, b: coords[k] as XY });
  });
  const splits = findSplits(segs, snapM);

  // Every vertex first, then split points, so a cluster's representative is a real vertex when it has one.
  const points: XY[] = [];
  const vertexIndex: number[][] = lines.map((coords) => coords.map((p) => points.push(p) - 1));
  const splitIndex = splits.map((s) => points.push(s.p) - 1);
  const cluster = clusterPoints(points, snapM);

  const splitsBySeg = new Map<number, { t: number; c: number }[]>();
  splits.forEach((s, i) => {
    const list = splitsBySeg.get(s.seg) ?? [];
    list.push({ t: s.t, c: cluster[splitIndex[i] as number] as number });
    splitsBySeg.set(s.seg, list);
  });

  // Each line as a sequence of clusters, its splits inserted in order along each segment.
  let segCursor = 0;
  const sequences = lines.map((coords, line) => {
    const seq: number[] = [];
    const push = (c: number) => {
      if (seq[seq.length - 1] !== c) seq.push(c);
    };
    const vi = vertexIndex[line] as number[];
    for (let k = 0; k < coords.length - 1; k++) {
      push(cluster[vi[k] as number] as number);
      const extra = (splitsBySeg.get(segCursor++) ?? []).sort((p, q) => p.t - q.t || p.c - q.c);
      for (const { c } of extra) push(c);
    }
    if (coords.length > 0) push(cluster[vi[coords.length - 1] as number] as number);
    return seq;
  });

  const occurrences = new Map<number, number>();
  const isNode = new Set<number>();
  for (const seq of sequences) {
    for (const c of seq) occurrences.set(c, (occurrences.get(c) ?? 0) + 1);
    if (seq.length > 0) {
      isNode.add(seq[0] as number);
      isNode.add(seq[seq.length - 1] as number);
    }
  }
  for (const [c, n] of occurrences) if (n >= 2) isNode.add(c);

  const nodeId = new Map<number, number>();
  const nodes: XY[] = [];
  const idOf = (c: number): number => {
    let id = nodeId.get(c);
    if (id === undefined) {
      id = nodes.push(points[c] as XY) - 1;
      nodeId.set(c, id);
    }
    return id;
  };

  const edges: NodedEdge[] = [];
  const seenPieces = new Map<string, XY[][]>();
  const emit = (line: number, piece: number[]) => {
    if (piece.length < 2) return;
    const first = piece[0] as number;
    const last = piece[piece.length - 1] as number;
    if (first === last) {
      // A closed loop: cut it at its middle vertex so every edge joins two distinct nodes.
      if (piece.length < 4) return;
      const mid = Math.floor(piece.length / 2);
      emit(line, piece.slice(0, mid + 1));
      emit(line, piece.slice(mid));
      return;
    }
    const coords = piece.map((c) => points[c] as XY);
    const key = first < last ? `${first}-${last}` : `${last}-${first}`;
    const twins = seenPieces.get(key) ?? [];
    const len = polylineLength(coords);
    const mid = coords[Math.floor(coords.length / 2)] as XY;
    const duplicate = twins.some((t) => Math.abs(polylineLength(t) - len) < 2 && projectOnPolyline(mid, t) < 2);
    if (duplicate) return;
    twins.push(coords);
    seenPieces.set(key, twins);
    edges.push({ line, from: idOf(first), to: idOf(last), coords });
  };
  sequences.forEach((seq, line) => {
    let start = 0;
    for (let i = 1; i < seq.length; i++) {
      if (isNode.has(seq[i] as number)) {
        emit(line, seq.slice(start, i + 1));
        start = i;
      }
    }
  });
  return { nodes, edges };
}

const sameCoords = (a: XY[], b: XY[]) =>
  a.length === b.length && a.every((p, i) => p[0] === b[i]?.[0] && p[1] === b[i]?.[1]);

/** Snapping can bring a node within snapM of an edge it was not near before; re-node until nothing changes. */
const MAX_PASSES = 6;

export function nodeLines(lines: readonly XY[][], snapM = 1): NodedNetwork {
  let net = nodeOnce(lines, snapM);
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = nodeOnce(
      net.edges.map((e) => e.coords),
      snapM,
    );
    const stable =
      next.edges.length === net.edges.length &&
      next.edges.every((e, i) => sameCoords(e.coords, (net.edges[i] as NodedEdge).coords));
    if (stable) return net;
    net = { nodes: next.nodes, edges: next.edges.map((e) => ({ ...e, line: (net.edges[e.line] as NodedEdge).line })) };
  }
  return net;
}

function projectOnPolyline(p: XY, coords: XY[]): number {
  let best = Infinity;
  for (let i = 1; i < coords.length; i++) {
    best = Math.min(best, projectOnSegment(p, coords[i - 1] as XY, coords[i] as XY).dist);
  }
  return best;
}
