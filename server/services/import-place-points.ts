/**
 * Point layers (hydrants, units, sites): find the file's coordinate system, convert, and place
 * each row — county, township, a row of the same code, a row within metres.
 */
import type { Db } from '../../db/client';
import { locateImportRows } from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import { toWgs84 } from '../geo/crs/convert';
import type { CrsId } from '../geo/crs/systems';
import { type Detection, detectCrs } from '../import/detect-crs';
import { detectionReasonZh } from '../import/detect-reason-zh';
import type { HeaderMapping } from '../import/header-map';
import type { ImportLayer } from '../import/layers/types';
import type { ParsedRow } from '../import/row-values';
import { type Duplicate, type Placed, rowError } from './import-placed';
import { importRoadSegments } from './import-roads-cache';

export interface PointPlacement {
  detected: Detection;
  placed: Placed[];
  outsideCounty: number;
  /** WGS84 point per parsed row (null when it has none). */
  wgs: ([number, number] | null)[];
}

export async function placePoints(
  db: Db,
  layer: ImportLayer,
  parsed: ParsedRow[],
  mapping: HeaderMapping,
  county: { adcode: string; name: string; centreLon: number },
  options: { crs: CrsId | 'auto'; actor: Actor },
  duplicates: Duplicate[],
): Promise<PointPlacement> {
  const { detected, wgs, xColumn } = await rowPointsInWgs84(db, parsed, mapping, county, options.crs);
  const candidates = parsed.flatMap((p, i) => {
    const point = wgs[i];
    return p.errors.length === 0 && point
      ? [{ n: i, lon: point[0], lat: point[1], code: (p.values.code as string) ?? null }]
      : [];
  });
  const located = await locateImportRows(db, layer.table, county.adcode, layer.duplicateM, candidates, {
    key: layer.rowKey ?? 'id',
    code: layer.codeColumn ?? 'code',
  });
  let outsideCounty = 0;
  const placed: Placed[] = [];
  const { actor } = options;
  for (const l of located) {
    const p = parsed[l.n];
    const point = wgs[l.n];
    if (!p || !point) continue;
    if (!l.inside || (layer.townshipRequired && l.township === null)) {
      outsideCounty++;
      p.errors.push(
        rowError(p.row, xColumn, 'x', {
          zh: `点 (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) 不在${county.name}${l.inside ? '任何乡镇' : ''}内`,
          en: `the point (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) lies outside ${l.inside ? 'every township of ' : ''}the county`,
        }),
      );
      continue;
    }
    if (
      actor.role === 'township' &&
      (l.township !== actor.township || (l.existingId !== null && l.existingTownship !== actor.township))
    ) {
      p.errors.push(
        rowError(p.row, xColumn, 'x', {
          zh: '不在本乡镇：乡镇账号只能导入本乡镇的数据',
          en: 'not in your township: township users import rows of their own township only',
        }),
      );
      continue;
    }
    if (l.nearId !== null) {
      duplicates.push({
        row: p.row,
        kind: 'near-existing',
        code: (p.values.code as string) ?? null,
        existingId: l.nearId,
        existingCode: l.nearCode,
        distanceM: Math.round((l.nearM ?? 0) * 100) / 100,
      });
    }
    placed.push({
      i: l.n,
      existing: l.existingId !== null,
      values: p.values,
      json: {
        ...p.values,
        adcode: county.adcode,
        township_code: l.township,
        synthetic: false,
        geom: `SRID=4326;POINT(${point[0]} ${point[1]})`,
      },
    });
  }
  return { detected, placed, outsideCounty, wgs };
}

/**
 * The file's coordinate system, detected from the rows' points against the county's roads (or as
 * asked), with its reason in Chinese, and each row's point in WGS84.
 */
export async function rowPointsInWgs84(
  db: Db,
  parsed: ParsedRow[],
  mapping: HeaderMapping,
  county: { adcode: string; centreLon: number },
  crs: CrsId | 'auto',
): Promise<{ detected: Detection; wgs: ([number, number] | null)[]; xColumn: string }> {
  const raw = parsed.flatMap((p) => (p.raw ? [p.raw] : []));
  const roads = await importRoadSegments(db, county.adcode);
  const detected = detectCrs(raw, roads, { asked: crs, centreLon: county.centreLon });
  detected.reasonZh = detectionReasonZh(detected, '道路');
  const xColumn = mapping.fields.x ?? mapping.fields.xy ?? 'geometry';
  return { detected, wgs: rowsInWgs84(parsed, detected, xColumn), xColumn };
}

/** Each parsed row's point in WGS84 by the detected system (null when it has none); a point that does not convert is a row error on `xColumn`. */
function rowsInWgs84(parsed: ParsedRow[], detected: Detection, xColumn: string): ([number, number] | null)[] {
  return parsed.map((p): [number, number] | null => {
    if (!p.raw) return null;
    const [a, b] = detected.swapAxes ? [p.raw[1], p.raw[0]] : p.raw;
    let out: [number, number] = [Number.NaN, Number.NaN];
    try {
      out = toWgs84(detected.chosen, [a, b]);
    } catch {
      // reported below
    }
    if (!Number.isFinite(out[0]) || !Number.isFinite(out[1]) || Math.abs(out[0]) > 180 || Math.abs(out[1]) > 90) {
      p.errors.push(
        rowError(p.row, xColumn, 'x', {
          zh: `坐标按 ${detected.chosen} 无法换算`,
          en: `the coordinates do not convert from ${detected.chosen}`,
        }),
      );
      return null;
    }
    return out;
  });
}
