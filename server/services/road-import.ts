/**
 * Road import (`npm run import:roads`): a file of real roads replaces a county's road network.
 * Tag mapping, clipping and noding are pure (`server/geo/roads/`), reading is `road-file-read.ts`; the write is one
 * transaction (delete the county's roads, insert the new edges, record the import), so a bad
 * file or a database error changes nothing. The station network cache notices the change by
 * itself: its fingerprint holds count and max(id) of roads, and the new rows take fresh serial
 * ids above every old one.
 */
import { basename } from 'node:path';
import type { Db } from '../../db/client';
import {
  countyRoadTotals,
  deleteCountyRoads,
  type ImportCounty,
  importCounty,
  insertImportedRoads,
  recordRoadImport,
} from '../../db/queries/roads-import';
import { RoadImportError } from '../geo/roads/errors';
import type { RoadFileFormat } from '../geo/roads/parse';
import { type ImportEdge, type ImportSummary, prepareRoads } from '../geo/roads/prepare';
import { readRoadFile } from './road-file-read';

/** Rows per INSERT statement (one JSON parameter each). */
export const INSERT_CHUNK = 2000;
/** Below this share of the length in the largest component the summary warns (DESIGN: one network). */
export const CONNECTED_WARN_SHARE = 0.95;

export interface RoadImportOptions {
  file: string;
  /** County adcode; default the focus county. */
  adcode?: string;
  dryRun?: boolean;
}

export interface RoadImportReport {
  file: string;
  format: RoadFileFormat;
  county: { adcode: string; name: string };
  dryRun: boolean;
  summary: ImportSummary;
  /** Roads of the county before the import (deleted unless dry run). */
  replaced: number;
  /** What the database holds afterwards (null on a dry run). */
  written: { importId: number; edges: number; km: number; importedAt: string } | null;
  warnings: { zh: string; en: string }[];
  ms: { read: number; prepare: number; write: number };
}

async function countyOf(db: Db, adcode: string | undefined): Promise<ImportCounty> {
  const county = await importCounty(db, adcode);
  if (county) return county;
  throw adcode === undefined
    ? new RoadImportError(
        '数据库中没有重点县（counties.focus），请先运行 npm run seed',
        'no focus county in the database (counties.focus): run npm run seed first',
      )
    : new RoadImportError(
        `数据库中没有行政区划代码为 ${adcode} 的县`,
        `no county with adcode ${adcode} in the database`,
      );
}

/**
 * Replaces the county's roads by `edges` in one transaction (a savepoint when `db` is already a
 * transaction, so a test can roll the whole import back). Any database error rolls back and
 * becomes a RoadImportError.
 */
export async function writeRoadImport(
  db: Db,
  adcode: string,
  edges: readonly Pick<ImportEdge, 'cls' | 'name' | 'oneway' | 'highway' | 'osmId' | 'coords'>[],
  record: { source: string; format: string; waysRead: number },
): Promise<{ replaced: number; importId: number; lengthKm: number; importedAt: string }> {
  try {
    return await db.transaction(async (tx) => {
      const replaced = await deleteCountyRoads(tx, adcode);
      for (let i = 0; i < edges.length; i += INSERT_CHUNK) {
        await insertImportedRoads(tx, adcode, edges.slice(i, i + INSERT_CHUNK));
      }
      const row = await recordRoadImport(tx, { adcode, ...record, edges: edges.length });
      return { replaced, importId: row.id, lengthKm: row.lengthKm, importedAt: row.importedAt };
    });
  } catch (e) {
    if (e instanceof RoadImportError) throw e;
    const detail = (e as Error).message.split('\n')[0] ?? String(e);
    throw new RoadImportError(
      `写入数据库失败，已全部回滚，道路未改变：${detail}`,
      `database write failed and was rolled back, roads unchanged: ${detail}`,
    );
  }
}

export async function importRoadFile(db: Db, options: RoadImportOptions): Promise<RoadImportReport> {
  const t0 = performance.now();
  const county = await countyOf(db, options.adcode);
  const read = await readRoadFile(options.file);
  const t1 = performance.now();
  const prepared = prepareRoads(read.ways, county.geom);
  const summary: ImportSummary = { ...prepared.summary, notLines: read.notLines };
  const t2 = performance.now();
  const warnings: RoadImportReport['warnings'] = [];
  if (summary.largestComponentShare < CONNECTED_WARN_SHARE) {
    const pct = (100 * summary.largestComponentShare).toFixed(1);
    warnings.push({
      zh: `路网不连通：最大连通分量只占总长度的 ${pct}%（共 ${summary.components} 个分量），其余道路上的点可能无法到达`,
      en: `the network is not connected: the largest component holds only ${pct} % of the length (${summary.components} components); places on the others may be unreachable`,
    });
  }
  const before = (await countyRoadTotals(db, county.adcode)).reduce((s, r) => s + r.edges, 0);
  let written: RoadImportReport['written'] = null;
  let replaced = before;
  if (!options.dryRun) {
    const w = await writeRoadImport(db, county.adcode, prepared.edges, {
      source: basename(options.file),
      format: read.format,
      waysRead: summary.waysRead,
    });
    replaced = w.replaced;
    written = { importId: w.importId, edges: prepared.edges.length, km: w.lengthKm, importedAt: w.importedAt };
  }
  return {
    file: basename(options.file),
    format: read.format,
    county: { adcode: county.adcode, name: county.name },
    dryRun: options.dryRun === true,
    summary,
    replaced,
    written,
    warnings,
    ms: { read: t1 - t0, prepare: t2 - t1, write: performance.now() - t2 },
  };
}
