/**
 * Built-up streets for hydrant spacing and placement, from road edges: the county-seat OSM
 * network whole, other roads clipped to a radius around each township seat, and the pieces
 * merged into whole streets — hydrantSpacing counts hydrants as consecutive only along one
 * LineString, so a street cut at every junction would hide gaps that span a junction.
 * Pure: the service loads the edges (db/queries/hydrant-planning.ts).
 */
import type { Position } from 'geojson';
import { chainageAt, roadLine, segmentWithin, slice } from '../analysis/hydrant-road-line';
import { metresToChord, writeEcef } from '../analysis/metric';

export interface StreetEdge {
  readonly name: string | null;
  readonly township: string | null;
  readonly coordinates: readonly Position[];
}

export interface Street {
  readonly name: string | null;
  readonly township: string | null;
  readonly coordinates: Position[];
}

export interface SeatPoint {
  readonly code: string;
  readonly lon: number;
  readonly lat: number;
}

/**
 * The pieces of an edge within `radiusM` of some seat (exact on the ellipsoid, like the
 * coverage), each credited to that seat's township.
 * @example
 * clipToSeats(edge, seats, 700); // [{ name, township: '411121104', coordinates: […] }]
 */
export function clipToSeats(edge: StreetEdge, seats: readonly SeatPoint[], radiusM: number): StreetEdge[] {
  const line = roadLine(edge.coordinates);
  const chord = metresToChord(radiusM);
  const p = new Float64Array(3);
  const out: StreetEdge[] = [];
  for (const seat of seats) {
    writeEcef(seat.lon, seat.lat, p, 0);
    const intervals: [number, number][] = [];
    for (let i = 0; i + 1 < line.coordinates.length; i++) {
      const t = segmentWithin(line, i, p, 0, chord);
      if (t) intervals.push([chainageAt(line, i, t[0]), chainageAt(line, i, t[1])]);
    }
    for (const [from, to] of union(intervals)) {
      if (to - from < 1) continue; // a metre grazing the circle is no street
      out.push({ name: edge.name, township: seat.code, coordinates: slice(line, from, to) });
    }
  }
  return out;
}

function union(intervals: [number, number][]): [number, number][] {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of intervals) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/**
 * Edges of the same name and township linked end to end (exact shared end positions)
 * through every node where exactly two of them meet; unnamed edges link among themselves the
 * same way. Where three or more meet the street ends, as it would on the ground.
 * @example
 * mergeStreets([{ name: '人民路', township: 'x', coordinates: [a, b] }, { name: '人民路', township: 'x', coordinates: [c, b] }]);
 * // [{ name: '人民路', township: 'x', coordinates: [a, b, c] }]
 */
export function mergeStreets(edges: readonly StreetEdge[]): Street[] {
  const groups = new Map<string, StreetEdge[]>();
  for (const e of edges) {
    const key = `${e.township ?? ''}\u0000${e.name ?? ''}`;
    const g = groups.get(key) ?? [];
    g.push(e);
    groups.set(key, g);
  }
  const out: Street[] = [];
  for (const g of groups.values()) {
    const first = g[0] as StreetEdge;
    for (const coordinates of chain(g.map((e) => e.coordinates))) {
      out.push({ name: first.name, township: first.township, coordinates });
    }
  }
  return out;
}

const key = (p: Position) => `${p[0]},${p[1]}`;

function chain(lines: readonly (readonly Position[])[]): Position[][] {
  const at = new Map<string, number[]>();
  const ends = lines.map((l) => [key(l[0] as Position), key(l[l.length - 1] as Position)] as const);
  ends.forEach(([a, b], i) => {
    for (const k of [a, b]) {
      const list = at.get(k) ?? [];
      list.push(i);
      at.set(k, list);
    }
  });
  const degree = (k: string) => at.get(k)?.length ?? 0;
  const used = new Uint8Array(lines.length);
  const out: Position[][] = [];
  const walk = (start: number, reversed: boolean) => {
    used[start] = 1;
    const coords = [...(lines[start] as Position[])];
    if (reversed) coords.reverse();
    for (;;) {
      const end = key(coords[coords.length - 1] as Position);
      const here = at.get(end) ?? [];
      if (here.length !== 2) break;
      const next = here.find((j) => !used[j]);
      if (next === undefined) break;
      used[next] = 1;
      const piece = [...(lines[next] as Position[])];
      if (key(piece[0] as Position) !== end) piece.reverse();
      coords.push(...piece.slice(1));
    }
    out.push(coords);
  };
  lines.forEach((_, i) => {
    if (used[i]) return;
    const [a, b] = ends[i] as readonly [string, string];
    if (degree(a) !== 2) walk(i, false);
    else if (degree(b) !== 2) walk(i, true);
  });
  // What is left are closed loops (every node of degree 2): start anywhere.
  lines.forEach((_, i) => {
    if (!used[i]) walk(i, false);
  });
  return out;
}
