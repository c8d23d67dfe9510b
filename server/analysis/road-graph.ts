/**
 * Road LineStrings → the routing graph. Lines are noded where their end points meet
 * (positions compared after rounding, so a few centimetres of digitising noise still
 * join); interior vertices are shape only, as in a noded `roads` table. Each line is one
 * edge whose cost is its length over its class speed; `oneway` closes the way against the
 * drawing direction.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import { AnalysisInputError } from '../errors';
import { csrGraph, type RoadGraph } from './csr-graph';
import { type LocalProjection, projectionFor } from './local-projection';

export interface RoadProperties {
  class: string;
  /** One-way in the direction the line is drawn (the `roads.oneway` column). */
  oneway?: boolean;
  /** Overrides the class speed for this road, km/h. */
  speedKmh?: number;
}

export type RoadFeature = Feature<LineString | MultiLineString, RoadProperties>;

export interface RoadGraphOptions {
  /** km/h per road class — the `road_classes` table, defaults are assumptions, docs/standards.md §3. */
  speedsKmh: Readonly<Record<string, number>>;
  /** Defaults to a transverse Mercator centred on the roads. */
  projection?: LocalProjection;
  /** End points equal after rounding to this many decimal degrees share a node; 6 ≈ 0.1 m. */
  nodeDecimals?: number;
}

/**
 * @example
 * const g = buildRoadGraph(roads, { speedsKmh: { county: 45, village: 25 } });
 * g.componentSizes; // [34199] when the network is connected
 */
export function buildRoadGraph(
  roads: RoadFeature[] | FeatureCollection<LineString | MultiLineString, RoadProperties>,
  options: RoadGraphOptions,
): RoadGraph {
  const features = Array.isArray(roads) ? roads : roads.features;
  const parts = features.flatMap((f, i) => lineParts(f, i, options.speedsKmh));
  const projection =
    options.projection ?? projectionFor(parts.flatMap((p) => [p.line[0] as Position, p.line.at(-1) as Position]));
  const decimals = options.nodeDecimals ?? 6;

  const nodeOfKey = new Map<string, number>();
  const nodeX: number[] = [];
  const nodeY: number[] = [];
  const nodeAt = (pos: Position, x: number, y: number): number => {
    const key = `${(pos[0] as number).toFixed(decimals)} ${(pos[1] as number).toFixed(decimals)}`;
    let node = nodeOfKey.get(key);
    if (node === undefined) {
      node = nodeX.length;
      nodeOfKey.set(key, node);
      nodeX.push(x);
      nodeY.push(y);
    }
    return node;
  };

  const n = parts.length;
  const edgeSource = new Int32Array(n);
  const edgeTarget = new Int32Array(n);
  const edgeForwardS = new Float64Array(n);
  const edgeBackwardS = new Float64Array(n);
  const edgeLengthM = new Float64Array(n);
  const edgeId = new Float64Array(n);
  const geomStart = new Int32Array(n + 1);
  const geomX: number[] = [];
  const geomY: number[] = [];
  parts.forEach((part, e) => {
    let length = 0;
    part.line.forEach((pos, i) => {
      const [x, y] = projection.forward(pos[0] as number, pos[1] as number);
      if (i > 0) length += Math.hypot(x - (geomX.at(-1) as number), y - (geomY.at(-1) as number));
      geomX.push(x);
      geomY.push(y);
    });
    const first = geomStart[e] as number;
    geomStart[e + 1] = geomX.length;
    edgeSource[e] = nodeAt(part.line[0] as Position, geomX[first] as number, geomY[first] as number);
    edgeTarget[e] = nodeAt(part.line.at(-1) as Position, geomX.at(-1) as number, geomY.at(-1) as number);
    const seconds = length / (part.speedKmh / 3.6);
    edgeForwardS[e] = seconds;
    edgeBackwardS[e] = part.oneway ? Infinity : seconds;
    edgeLengthM[e] = length;
    edgeId[e] = part.id;
  });
  return csrGraph({
    projection,
    nodeId: Float64Array.from(nodeX, (_, i) => i),
    nodeX: Float64Array.from(nodeX),
    nodeY: Float64Array.from(nodeY),
    edgeId,
    edgeSource,
    edgeTarget,
    edgeForwardS,
    edgeBackwardS,
    edgeLengthM,
    geomStart,
    geomX: Float64Array.from(geomX),
    geomY: Float64Array.from(geomY),
  });
}

interface LinePart {
  id: number;
  line: Position[];
  speedKmh: number;
  oneway: boolean;
}

function lineParts(f: RoadFeature, index: number, speedsKmh: Readonly<Record<string, number>>): LinePart[] {
  const id = typeof f.id === 'number' ? f.id : index;
  const speedKmh = f.properties.speedKmh ?? speedsKmh[f.properties.class];
  if (speedKmh === undefined || !(speedKmh > 0)) {
    throw new AnalysisInputError(`road ${id}: no positive speed for class "${f.properties.class}"`, { road: id });
  }
  const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return lines.map((line) => {
    if (line.length < 2) throw new AnalysisInputError(`road ${id}: a line needs two positions`, { road: id });
    return { id, line, speedKmh, oneway: f.properties.oneway === true };
  });
}
