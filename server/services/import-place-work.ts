/**
 * Township work records through the import pipeline (issue 15 §1): a patrol takes its township
 * from its site (by code or name) or from the point of its free address (any coordinate system,
 * detected as for the point layers); a training from its township column (name or code); a village
 * visit from its township and its village (name or code, within that township). A township user
 * imports only rows of their own township; every other row is invalid with its reason.
 */
import type { Db } from '../../db/client';
import {
  countyTownships,
  countyVillages,
  pointTownships,
  type SiteRef,
  sitesByCodeOrName,
  type VillageRef,
} from '../../db/queries/import-work';
import type { Actor } from '../auth/actor';
import type { CrsId } from '../geo/crs/systems';
import type { Detection } from '../import/detect-crs';
import type { HeaderMapping } from '../import/header-map';
import type { ImportLayer } from '../import/layers/types';
import type { Bilingual } from '../import/messages';
import type { ParsedRow } from '../import/row-values';
import { rowPointsInWgs84 } from './import-place-points';
import { keepNewRecords } from './import-place-records';
import { type Duplicate, type Placed, rowError } from './import-placed';

export interface WorkPlacement {
  detected: Detection | null;
  placed: Placed[];
  outsideCounty: number;
  wgs: ([number, number] | null)[];
  /** The table's columns the rows write. */
  columns: string[];
}

type Found<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const has = (layer: ImportLayer, column: string) => layer.fields.some((f) => f.column === column);
const trimmed = (s: string) => s.normalize('NFKC').trim();

/** A township by its 9-digit code, its name, or its name without 镇 / 乡 / 街道 (when that is unique). */
function townshipFinder(townships: { code: string; name: string }[]) {
  const short = (name: string) => name.replace(/(街道办事处|街道|镇|乡)$/, '');
  return (text: string): Found<string> => {
    const t = trimmed(text);
    const hit =
      townships.find((w) => w.code === t || w.name === t) ??
      (townships.filter((w) => short(w.name) === short(t)).length === 1
        ? townships.find((w) => short(w.name) === short(t))
        : undefined);
    return hit
      ? { ok: true, value: hit.code }
      : { ok: false, reason: { zh: `本县没有乡镇「${t}」`, en: `no township "${t}" in the county` } };
  };
}

/** A village by its 12-digit code, else by its name or short name within the row's township. */
function villageFinder(villages: VillageRef[]) {
  return (text: string, township: string): Found<VillageRef> => {
    const t = trimmed(text);
    const byCode = villages.find((v) => v.code === t);
    if (byCode) {
      return byCode.township === township
        ? { ok: true, value: byCode }
        : { ok: false, reason: { zh: `行政村 ${t} 不属于该乡镇`, en: `village ${t} is not in the row's township` } };
    }
    const named = villages.filter((v) => v.township === township && (v.name === t || v.shortName === t));
    if (named.length === 1) return { ok: true, value: named[0] as VillageRef };
    return named.length > 1
      ? { ok: false, reason: { zh: `该乡镇有多个「${t}」，请填村代码`, en: `several villages "${t}": give the code` } }
      : { ok: false, reason: { zh: `该乡镇没有行政村「${t}」`, en: `no village "${t}" in the row's township` } };
  };
}

/** A site by its code, else by its name when one site of the county has it. */
function siteFinder(sites: SiteRef[]) {
  return (text: string): Found<SiteRef> => {
    const t = trimmed(text);
    const byCode = sites.find((s) => s.code === t);
    if (byCode) return { ok: true, value: byCode };
    const named = sites.filter((s) => s.name === t);
    if (named.length === 1) return { ok: true, value: named[0] as SiteRef };
    return named.length > 1
      ? {
          ok: false,
          reason: {
            zh: `有 ${named.length} 个场所名为「${t}」，请填场所编号`,
            en: `${named.length} sites are named "${t}": give the code`,
          },
        }
      : {
          ok: false,
          reason: { zh: `本县没有编号或名称为「${t}」的场所`, en: `no site with code or name "${t}" in the county` },
        };
  };
}

/** The file's coordinate system from the rows that give a point, and each row's point in WGS84. */
async function rowPoints(
  db: Db,
  parsed: ParsedRow[],
  mapping: HeaderMapping,
  county: { adcode: string; centreLon: number },
  crs: CrsId | 'auto',
): Promise<{ detected: Detection | null; wgs: ([number, number] | null)[] }> {
  const raw = parsed.flatMap((p) => (p.raw ? [p.raw] : []));
  if (raw.length === 0) return { detected: null, wgs: parsed.map(() => null) };
  const { detected, wgs } = await rowPointsInWgs84(db, parsed, mapping, county, crs);
  return { detected, wgs };
}

export async function placeWork(
  db: Db,
  layer: ImportLayer,
  parsed: ParsedRow[],
  mapping: HeaderMapping,
  county: { adcode: string; name: string; centreLon: number },
  options: { crs: CrsId | 'auto'; actor: Actor },
  duplicates: Duplicate[],
): Promise<WorkPlacement> {
  const { adcode } = county;
  const patrol = has(layer, 'site');
  const { detected, wgs } = patrol
    ? await rowPoints(db, parsed, mapping, county, options.crs)
    : { detected: null, wgs: parsed.map(() => null) };
  const valid = parsed.filter((p) => p.errors.length === 0);
  const findSite = siteFinder(
    patrol
      ? await sitesByCodeOrName(db, adcode, [
          ...new Set(valid.flatMap((p) => (typeof p.values.site === 'string' ? [trimmed(p.values.site)] : []))),
        ])
      : [],
  );
  const findTownship = townshipFinder(has(layer, 'township') ? await countyTownships(db, adcode) : []);
  const findVillage = villageFinder(has(layer, 'village') ? await countyVillages(db, adcode) : []);
  const pointAt = new Map(
    (
      await pointTownships(
        db,
        adcode,
        valid.flatMap((p) => {
          const i = parsed.indexOf(p);
          const w = wgs[i];
          return w && typeof p.values.site !== 'string' ? [{ n: i, lon: w[0], lat: w[1] }] : [];
        }),
      )
    ).map((r) => [r.n, r.township]),
  );
  const columnOf = (field: string) =>
    mapping.fields[field] ?? layer.fields.find((f) => f.column === field)?.zh ?? field;
  const refField = patrol ? 'site' : has(layer, 'village') ? 'village' : 'township';
  let outsideCounty = 0;
  const rows: Placed[] = [];
  for (const [i, p] of parsed.entries()) {
    if (p.errors.length > 0) continue;
    const fail = (field: string, reason: Bilingual) => p.errors.push(rowError(p.row, columnOf(field), field, reason));
    const json: Record<string, unknown> = { adcode, synthetic: false };
    let township: string | null = null;
    if (patrol) {
      const point = wgs[i];
      if (typeof p.values.site === 'string') {
        const site = findSite(p.values.site);
        if (!site.ok) {
          fail('site', site.reason);
          continue;
        }
        township = site.value.township;
        Object.assign(json, { site_id: site.value.id, address: null, geom: null });
      } else if (typeof p.values.address !== 'string' || !point) {
        fail('site', {
          zh: '须填场所（编号或名称），或填地址和坐标',
          en: 'give the site (code or name), or an address with its coordinates',
        });
        continue;
      } else {
        township = pointAt.get(i) ?? null;
        if (township === null) {
          outsideCounty++;
          fail('x', {
            zh: `点 (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) 不在${county.name}任何乡镇内`,
            en: `the point (${point[0].toFixed(6)}, ${point[1].toFixed(6)}) lies outside every township of the county`,
          });
          continue;
        }
        Object.assign(json, { site_id: null, geom: `SRID=4326;POINT(${point[0]} ${point[1]})` });
      }
    } else {
      const found = findTownship(String(p.values.township));
      if (!found.ok) {
        fail('township', found.reason);
        continue;
      }
      township = found.value;
      if (has(layer, 'village')) {
        const village = findVillage(String(p.values.village), township);
        if (!village.ok) {
          fail('village', village.reason);
          continue;
        }
        json.village_code = village.value.code;
      }
    }
    if (options.actor.role === 'township' && township !== options.actor.township) {
      fail(refField, {
        zh: '不在本乡镇：乡镇账号只能导入本乡镇的记录',
        en: "not in your township: township users import their own township's records only",
      });
      continue;
    }
    json.township_code = township;
    for (const f of layer.fields) if (!f.virtual && !(f.column in json)) json[f.column] = p.values[f.column] ?? null;
    rows.push({ i, existing: false, values: p.values, json });
  }
  const kept = await keepNewRecords(db, layer, parsed, rows, columnOf(refField), refField, duplicates);
  const columns = [
    'adcode',
    'township_code',
    'synthetic',
    ...(patrol ? ['site_id', 'geom'] : []),
    ...(has(layer, 'village') ? ['village_code'] : []),
    ...layer.fields.filter((f) => !f.virtual).map((f) => f.column),
  ];
  return { detected, placed: kept, outsideCounty, wgs, columns };
}
