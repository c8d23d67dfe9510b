/**
 * Area layers (township boundaries, the county boundary): find the file's coordinate system by
 * how the polygons' outer vertices sit on the county boundary (townships) or on the county's
 * boundary as stored / its roads (a county), convert every vertex, and check each polygon as the
 * township boundary edit does — nothing outside the county and no overlap with another township
 * beyond 1 m (townships), every township of the county inside it (a county). A county matter:
 * brigade users only.
 */
import type { MultiPolygon } from 'geojson';
import type { Db } from '../../db/client';
import { countyBoundaryLines, placeCountyAreas, placeTownshipAreas } from '../../db/queries/import-areas';
import type { Actor } from '../auth/actor';
import { requireWriteScope } from '../auth/scope';
import { toWgs84 } from '../geo/crs/convert';
import type { RoadSegment } from '../geo/crs/road-fit';
import type { CrsId, XY } from '../geo/crs/systems';
import { type Detection, detectCrs } from '../import/detect-crs';
import { detectionReasonZh } from '../import/detect-reason-zh';
import type { ImportLayer } from '../import/layers/types';
import type { ParsedRow } from '../import/row-values';
import { type Duplicate, type Placed, rowError } from './import-placed';
import { importRoadSegments } from './import-roads-cache';

/** Township boundaries from another source differ from the county's by generalisation: tens of metres, not GCJ-02's hundreds. */
const AREA_FIT = { maxMedianM: 100, maxRatio: 0.5, minPoints: 5 };

/** Vertices of one feature only (a clean partition shares its inner edges): the file's outer boundary. */
function outerVertices(shapes: readonly (XY[][][] | null)[]): XY[] {
  const users = new Map<string, { p: XY; n: number }>();
  for (const shape of shapes) {
    const mine = new Set<string>();
    for (const polygon of shape ?? [])
      for (const ring of polygon)
        for (const p of ring) {
          const k = `${p[0]},${p[1]}`;
          if (mine.has(k)) continue;
          mine.add(k);
          const u = users.get(k);
          if (u) u.n++;
          else users.set(k, { p, n: 1 });
        }
  }
  return [...users.values()].filter((u) => u.n === 1).map((u) => u.p);
}

const segmentsOf = (lines: [number, number][][]): RoadSegment[] =>
  lines.flatMap((line) => line.slice(1).map((p, i) => [line[i] as XY, p as XY] as const));

export interface AreaPlacement {
  detected: Detection;
  placed: Placed[];
  outsideCounty: number;
  /** Each parsed row's label point in WGS84 (the preview map), null when it has none. */
  wgs: ([number, number] | null)[];
  /** The polygons as converted (WGS84), by parsed row. */
  shapes: (MultiPolygon | null)[];
}

export async function placeAreas(
  db: Db,
  layer: ImportLayer,
  parsed: ParsedRow[],
  county: { adcode: string; name: string; centreLon: number },
  options: { crs: CrsId | 'auto'; actor: Actor },
  duplicates: Duplicate[],
): Promise<AreaPlacement> {
  requireWriteScope(options.actor, null);
  const rules = layer.area;
  if (!rules) throw new RangeError(`layer ${layer.id} is not an area layer`);
  const codeColumn = layer.codeColumn ?? 'code';
  const townships = rules.topology === 'townships';
  // The reference the outer vertices must lie on: the county boundary, else (a county) its stored boundary or its roads.
  const firstCode = parsed.find((p) => typeof p.values[codeColumn] === 'string')?.values[codeColumn] as string;
  const reference = townships
    ? segmentsOf(await countyBoundaryLines(db, county.adcode))
    : firstCode
      ? [...segmentsOf(await countyBoundaryLines(db, firstCode)), ...(await importRoadSegments(db, firstCode))]
      : [];
  const outer = outerVertices(parsed.map((p) => p.shape));
  const detected = detectCrs(outer, reference, { asked: options.crs, centreLon: county.centreLon, fit: AREA_FIT });
  detected.reasonZh = detectionReasonZh(detected, townships ? '县界' : '已有县界或道路');
  detected.reason = `${townships ? 'outer vertices against the county boundary' : 'against the stored boundary or roads'}: ${detected.reason}`;
  const convert = (p: XY): XY => {
    const [a, b] = detected.swapAxes ? [p[1], p[0]] : p;
    return toWgs84(detected.chosen, [a, b]);
  };
  const shapes = parsed.map((p): MultiPolygon | null => {
    if (!p.shape || p.errors.length > 0) return null;
    const coordinates = p.shape.map((polygon) => polygon.map((ring) => ring.map(convert)));
    const fine = coordinates.every((pg) =>
      pg.every((ring) =>
        ring.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90),
      ),
    );
    if (!fine) {
      p.errors.push(
        rowError(p.row, 'geometry', 'geometry', {
          zh: `边界坐标按 ${detected.chosen} 无法换算`,
          en: `the boundary does not convert from ${detected.chosen}`,
        }),
      );
      return null;
    }
    return { type: 'MultiPolygon', coordinates };
  });
  const candidates = parsed.flatMap((p, n) => {
    const geom = shapes[n];
    return geom ? [{ n, code: p.values[codeColumn] as string, geom }] : [];
  });
  const located = townships
    ? await placeTownshipAreas(db, county.adcode, candidates)
    : await placeCountyAreas(db, candidates);
  const wgs: ([number, number] | null)[] = parsed.map(() => null);
  const placed: Placed[] = [];
  let outsideCounty = 0;
  for (const l of located) {
    const p = parsed[l.n] as ParsedRow;
    const problem = (zh: string, en: string) => p.errors.push(rowError(p.row, 'geometry', 'geometry', { zh, en }));
    if (!l.valid) problem('边界无效（自相交？）', 'the boundary is not valid (self-intersecting?)');
    else if (l.outsideM2 > 0) {
      outsideCounty++;
      problem(
        `超出${county.name}县界 ${Math.round(l.outsideM2)} 平方米`,
        `reaches ${Math.round(l.outsideM2)} m² outside the county (beyond 1 m)`,
      );
    } else if (l.label === null) problem(`边界不在${county.name}内`, 'the boundary lies outside the county');
    for (const o of l.overlaps ?? []) {
      duplicates.push({ row: p.row, kind: 'overlap', code: p.values[codeColumn] as string, existingCode: o.code });
      problem(`与乡镇 ${o.code} 重叠 ${o.m2} 平方米`, `overlaps township ${o.code} by ${o.m2} m² (beyond 1 m)`);
    }
    if (l.townshipsOutside && l.townshipsOutside.length > 0) {
      problem(
        `乡镇 ${l.townshipsOutside.join('、')} 超出此县界`,
        `townships ${l.townshipsOutside.join(', ')} reach outside this boundary (beyond 1 m)`,
      );
    }
    if (p.errors.length > 0 || l.geom === null || l.label === null) continue;
    wgs[l.n] = l.labelLon !== null && l.labelLat !== null ? [l.labelLon, l.labelLat] : null;
    placed.push({
      i: l.n,
      existing: l.existing,
      values: p.values,
      json: {
        ...p.values,
        ...(townships ? { adcode: county.adcode } : { focus: l.focus }),
        ...rules.constants,
        [rules.labelColumn]: l.label,
        ...(rules.areaColumn ? { [rules.areaColumn]: l.areaKm2 } : {}),
        geom: l.geom,
      },
    });
  }
  return { detected, placed, outsideCounty, wgs, shapes };
}
