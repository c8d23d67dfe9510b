/**
 * Whole first-due districts (split mode): every reachable cell to its fastest unit at any
 * threshold — not only within the threshold — coloured so that adjacent districts differ
 * (server/analysis/district-colours.ts), with the threshold's outline to draw on top.
 */
import { cellsFeature, km2 } from '../analysis/coverage-cells';
import { districtAdjacency, dsaturColours } from '../analysis/district-colours';
import type { Evaluation } from './station-evaluation';
import { unitRef } from './station-units';

export function districtLayer(ev: Evaluation, thresholdS: number) {
  const { timeS, source } = ev.surface;
  const n = ev.cg.grid.cells.length;
  // Reachable: a finite time (within the site cutoff; cells with no road near stay out).
  const owner = Int32Array.from({ length: n }, (_, k) =>
    Number.isFinite(timeS[k] as number) ? (source[k] as number) : -1,
  );
  const within = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const o = owner[k] as number;
    if (o >= 0 && (timeS[k] as number) <= thresholdS) within.set(o, (within.get(o) ?? 0) + 1);
  }
  const adj = districtAdjacency(ev.cg.grid, owner);
  // Unit ids are stable between requests; positions in the unit list are not.
  const colours = dsaturColours(adj, (v) => String(ev.units[v]?.id ?? v).padStart(12, '0'));
  const sources = [...adj.keys()].sort((a, b) => a - b);
  return {
    type: 'FeatureCollection' as const,
    thresholdS,
    colours: Math.max(0, ...colours.values()) + (colours.size > 0 ? 1 : 0),
    features: sources.map((s) =>
      cellsFeature(ev.cg, (k) => owner[k] === s, {
        unitId: unitRef(ev.units[s]),
        colour: colours.get(s) as number,
        neighbours: [...(adj.get(s) ?? [])].map((w) => unitRef(ev.units[w])),
        withinKm2: km2(within.get(s) ?? 0, ev.cg.grid.cellM),
      }),
    ),
    outline: cellsFeature(ev.cg, (k) => (timeS[k] as number) <= thresholdS, { thresholdS }),
  };
}
