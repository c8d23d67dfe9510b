/**
 * Record layers (hazards, enforcement): each row names its site by code and takes the site's id,
 * township and county; a record of the same natural key (site, category, day …) already stored is
 * the same record and is left alone.
 */
import type { Db } from '../../db/client';
import { existingNaturalKeys, sitesByCode } from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import type { HeaderMapping } from '../import/header-map';
import type { ImportLayer } from '../import/layers/types';
import type { ParsedRow } from '../import/row-values';
import { type Duplicate, type Placed, rowError } from './import-placed';

export async function placeRecords(
  db: Db,
  layer: ImportLayer,
  parsed: ParsedRow[],
  mapping: HeaderMapping,
  adcode: string,
  actor: Actor,
  duplicates: Duplicate[],
): Promise<Placed[]> {
  const ref = layer.siteRef as string;
  const column = mapping.fields[ref] ?? ref;
  const codes = [...new Set(parsed.filter((p) => p.errors.length === 0).map((p) => p.values[ref] as string))];
  const sites = new Map((await sitesByCode(db, adcode, codes)).map((s) => [s.code, s]));
  const rows: Placed[] = [];
  for (const [i, p] of parsed.entries()) {
    if (p.errors.length > 0) continue;
    const site = sites.get(p.values[ref] as string);
    if (!site) {
      p.errors.push(
        rowError(p.row, column, ref, {
          zh: `本县没有编号为 ${p.values[ref]} 的场所`,
          en: `no site with code ${p.values[ref]} in the county`,
        }),
      );
      continue;
    }
    if (actor.role === 'township' && site.township !== actor.township) {
      p.errors.push(
        rowError(p.row, column, ref, {
          zh: '该场所不在本乡镇：乡镇账号只能导入本乡镇的记录',
          en: "the site is not in your township: township users import their own township's records only",
        }),
      );
      continue;
    }
    const json: Record<string, unknown> = { adcode, site_id: site.id, township_code: site.township, synthetic: false };
    for (const f of layer.fields) if (!f.virtual) json[f.column] = p.values[f.column];
    rows.push({ i, existing: false, values: p.values, json });
  }
  return keepNewRecords(db, layer, parsed, rows, column, ref, duplicates);
}

/**
 * Of the placed rows, drops a repeat of an earlier row of the file (an error on the row) and marks
 * a row whose natural key the table already holds as existing (left alone).
 */
export async function keepNewRecords(
  db: Db,
  layer: ImportLayer,
  parsed: ParsedRow[],
  rows: Placed[],
  column: string,
  field: string,
  duplicates: Duplicate[],
): Promise<Placed[]> {
  if (layer.key.kind !== 'natural') return rows;
  const keyOf = (r: Record<string, unknown>) =>
    (layer.key as { columns: readonly string[] }).columns.map((c) => String(r[c])).join('|');
  const stored = new Set(
    (
      await existingNaturalKeys(
        db,
        layer.table,
        layer.key.columns,
        rows.map((r) => r.json),
      )
    ).map(keyOf),
  );
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const key = keyOf(r.json);
    const p = parsed[r.i] as ParsedRow;
    const first = seen.get(key);
    if (first !== undefined) {
      duplicates.push({ row: p.row, kind: 'same-record', code: null, firstRow: first });
      p.errors.push(
        rowError(p.row, column, field, { zh: `与第 ${first} 行是同一条记录`, en: `the same record as row ${first}` }),
      );
      return false;
    }
    seen.set(key, p.row);
    r.existing = stored.has(key);
    if (r.existing) duplicates.push({ row: p.row, kind: 'same-record', code: null });
    return true;
  });
}
