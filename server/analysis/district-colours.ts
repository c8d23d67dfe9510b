/**
 * Colours of first-due districts so that adjacent districts never share one: the district adjacency
 * graph of a cell grid (rook neighbours: districts sharing a cell edge) coloured by DSATUR (Brélaz
 * 1979) — repeatedly colour the district with the most differently coloured neighbours (ties: more
 * neighbours, then the smaller key), with the smallest colour its neighbours do not use. Planar maps
 * need at most 4 colours in theory; DSATUR uses 4–6 on real ones. Deterministic: the same districts
 * and keys give the same colours on every request. Pure.
 */

/** Districts (owner values ≥ 0) that share a cell edge, as an adjacency map over the owners present. */
export function districtAdjacency(
  grid: { cols: number; rows: number; cells: ArrayLike<number> },
  owner: ArrayLike<number>,
): Map<number, Set<number>> {
  const slot = new Int32Array(grid.cols * grid.rows).fill(-1);
  for (let k = 0; k < grid.cells.length; k++) slot[grid.cells[k] as number] = owner[k] as number;
  const adj = new Map<number, Set<number>>();
  const link = (a: number, b: number) => {
    if (a < 0 || b < 0 || a === b) return;
    adj.get(a)?.add(b);
    adj.get(b)?.add(a);
  };
  for (let k = 0; k < grid.cells.length; k++) {
    const o = owner[k] as number;
    if (o >= 0 && !adj.has(o)) adj.set(o, new Set());
  }
  for (let k = 0; k < grid.cells.length; k++) {
    const cell = grid.cells[k] as number;
    const o = owner[k] as number;
    if (o < 0) continue;
    const col = cell % grid.cols;
    if (col + 1 < grid.cols) link(o, slot[cell + 1] as number);
    if (cell + grid.cols < slot.length) link(o, slot[cell + grid.cols] as number);
  }
  return adj;
}

/**
 * DSATUR colours 0, 1, 2 … of the graph's vertices; `key(v)` breaks ties (smaller first), so give a
 * stable key (a unit id), not a position that changes between requests.
 * @example
 * dsaturColours(new Map([[0, new Set([1])], [1, new Set([0])]]), String); // Map { 0 => 0, 1 => 1 }
 */
export function dsaturColours(
  adj: ReadonlyMap<number, ReadonlySet<number>>,
  key: (v: number) => string,
): Map<number, number> {
  const colour = new Map<number, number>();
  const seen = new Map<number, Set<number>>([...adj.keys()].map((v) => [v, new Set<number>()]));
  const order = [...adj.keys()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  while (colour.size < adj.size) {
    let best = -1;
    for (const v of order) {
      if (colour.has(v)) continue;
      if (best < 0) {
        best = v;
        continue;
      }
      const [sv, sb] = [seen.get(v)?.size ?? 0, seen.get(best)?.size ?? 0];
      const [dv, db] = [adj.get(v)?.size ?? 0, adj.get(best)?.size ?? 0];
      if (sv > sb || (sv === sb && dv > db)) best = v;
    }
    const used = seen.get(best) ?? new Set<number>();
    let c = 0;
    while (used.has(c)) c++;
    colour.set(best, c);
    for (const w of adj.get(best) ?? []) seen.get(w)?.add(c);
  }
  return colour;
}
