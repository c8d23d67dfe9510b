/**
 * The road table: real OSM town streets plus the synthetic county network, noded into one
 * connected routing graph (each row one edge between two nodes), with a few one-way town streets.
 */
import * as turf from '@turf/turf';
import { type NodedNetwork, nodeLines } from '../../server/geo/node-lines';
import { distXY, roundPosition, type XY } from '../../server/geo/plane';
import { segmentHitsRings } from '../../server/geo/segments';
import { UnionFind } from '../../server/geo/union-find';
import type { GenContext } from './context';
import { chooseOneways } from './oneway';
import { type OsmLine, prepareOsmLines } from './osm-roads';
import type { RoadClass } from './road-classes';
import { synthesizeRoads } from './road-network';
import type { GenTownship } from './townships';
import type { DemoCountyData } from './types';
import type { GenVillage } from './villages';

interface LineAttrs {
  coords: XY[];
  cls: RoadClass;
  name: string | null;
  osmHighway: string | null;
}

export interface RoadEdge {
  from: number;
  to: number;
  coords: XY[];
  cls: RoadClass;
  name: string | null;
  osmHighway: string | null;
  oneway: boolean;
}

export interface RoadNetwork {
  rows: DemoCountyData['roads'];
  nodes: XY[];
  edges: RoadEdge[];
  /** The clipped OSM ways, whole (hydrants are laid along them). */
  osm: OsmLine[];
}

/** Points closer than this are one node (an engineering tolerance for OSM + synthetic lines, an assumption). */
const SNAP_M = 1;
/** "4–8 short one-way streets in town": enough to exercise directed routing. */
const ONEWAY_COUNT = 6;
const ONEWAY_LENGTH_M: [number, number] = [60, 400];

/**
 * Links every stray component (an OSM fragment cut off by the extract, a village the filters
 * isolated) to the nearest node outside it, Borůvka-style, until one component is left.
 */
function linkComponents(ctx: GenContext, net: NodedNetwork): LineAttrs[] {
  const uf = new UnionFind(net.nodes.length);
  for (const e of net.edges) uf.union(e.from, e.to);
  const links: LineAttrs[] = [];
  const roots = [...new Set(net.nodes.map((_, i) => uf.find(i)))];
  if (roots.length <= 1) return links;
  const members = new Map<number, number[]>();
  net.nodes.forEach((_, i) => {
    const r = uf.find(i);
    members.set(r, [...(members.get(r) ?? []), i]);
  });
  const sizes = roots.map((r) => members.get(r)?.length ?? 0);
  const mainRoot = roots[sizes.indexOf(Math.max(...sizes))] as number;
  for (const root of roots) {
    if (root === mainRoot) continue;
    const own = members.get(root) ?? [];
    let best: { d: number; a: XY; b: XY; j: number } | undefined;
    for (const i of own) {
      const a = net.nodes[i] as XY;
      net.nodes.forEach((b, j) => {
        if (uf.find(j) === uf.find(i)) return;
        const d = distXY(a, b);
        if ((best === undefined || d < best.d) && !segmentHitsRings(a, b, ctx.countyRings)) best = { d, a, b, j };
      });
    }
    if (!best) throw new Error('a road component cannot be linked inside the county');
    const inTown = ctx.inOsmBox(best.a, 500) && ctx.inOsmBox(best.b, 500);
    links.push({ coords: [best.a, best.b], cls: inTown ? 'urban_local' : 'village', name: null, osmHighway: null });
    uf.union(own[0] as number, best.j);
  }
  return links;
}

export function buildRoads(ctx: GenContext, townships: GenTownship[], villages: GenVillage[]): RoadNetwork {
  const osm = prepareOsmLines(ctx);
  let lines: LineAttrs[] = [
    ...osm.map((l) => ({ coords: l.coords, cls: l.cls, name: l.name, osmHighway: l.highway })),
    ...synthesizeRoads(ctx, townships, villages, osm).map((l) => ({ ...l, osmHighway: null })),
  ];
  let net = nodeLines(
    lines.map((l) => l.coords),
    SNAP_M,
  );
  for (let round = 0; round < 5; round++) {
    const links = linkComponents(ctx, net);
    if (links.length === 0) break;
    lines = [...lines, ...links];
    net = nodeLines(
      lines.map((l) => l.coords),
      SNAP_M,
    );
  }

  const length = (coords: XY[]) => coords.reduce((s, p, i) => (i === 0 ? 0 : s + distXY(coords[i - 1] as XY, p)), 0);
  const candidates = net.edges.flatMap((e, i) => {
    const line = lines[e.line] as LineAttrs;
    const len = length(e.coords);
    const town = ctx.inOsmBox(net.nodes[e.from] as XY) && ctx.inOsmBox(net.nodes[e.to] as XY);
    const minor = line.osmHighway !== null && (line.cls === 'urban_local' || line.cls === 'urban_collector');
    return minor && town && len >= ONEWAY_LENGTH_M[0] && len <= ONEWAY_LENGTH_M[1] ? [i] : [];
  });
  const oneway = chooseOneways(net.nodes.length, net.edges, candidates, ONEWAY_COUNT, ctx.rng.fork('oneway'));

  const edges: RoadEdge[] = net.edges.map((e, i) => {
    const line = lines[e.line] as LineAttrs;
    return {
      from: e.from,
      to: e.to,
      coords: e.coords,
      cls: line.cls,
      name: line.name,
      osmHighway: line.osmHighway,
      oneway: oneway.has(i),
    };
  });
  const rows = edges.map((e) => {
    const coordinates = e.coords.map((p) => roundPosition(ctx.proj.toLonLat(p)));
    const geom = { type: 'LineString' as const, coordinates };
    return {
      adcode: ctx.real.adcode,
      class: e.cls,
      name: e.name,
      oneway: e.oneway,
      source: e.osmHighway === null ? ('synthetic' as const) : ('osm' as const),
      osmHighway: e.osmHighway,
      lengthM: Math.round(turf.length(turf.feature(geom), { units: 'meters' }) * 100) / 100,
      geom,
    };
  });
  return { rows, nodes: net.nodes, edges, osm };
}
