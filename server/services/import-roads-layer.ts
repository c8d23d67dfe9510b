/**
 * The roads layer of the import pipeline (issue 12 §1): the road import (road-file-read.ts,
 * server/geo/roads/prepare.ts) behind POST /api/import/roads — a dry run answers the pipeline's
 * preview (ways read and kept, edges to write, the roads they replace, the warnings); a commit
 * replaces the county's network in the import's transaction, recording every road it removed
 * and wrote, so undo (import-commit.ts) puts the old network back. A county matter: brigade only.
 * Road files are OpenStreetMap data, WGS84 by definition: no detection.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../../db/client';
import { countyRoadCount, deleteRoadsRecorded, recordInsertedRoads } from '../../db/queries/import-roads';
import { insertImportRecord, lockImportTable } from '../../db/queries/imports';
import { importCounty, insertImportedRoads, recordRoadImport } from '../../db/queries/roads-import';
import { requireWriteScope } from '../auth/scope';
import { RoadImportError } from '../geo/roads/errors';
import { type ImportSummary, prepareRoads } from '../geo/roads/prepare';
import { ImportFileError } from '../import/file-error';
import type { ImportInput, ImportPreview, RoadsPreview } from './import-plan';
import { readRoadFile } from './road-file-read';
import { CONNECTED_WARN_SHARE, INSERT_CHUNK } from './road-import';

/** A road file's name as osmium and the GeoJSON reader need it (their format is by extension). */
function safeName(name: string): string {
  const base = basename(name).replace(/[^\w.\u4e00-\u9fff-]/g, '_');
  return /\.(osm\.pbf|pbf|osm|osm\.xml|geojson|json)$/i.test(base) ? base : `${base}.geojson`;
}

async function prepared(db: Db, input: ImportInput) {
  requireWriteScope(input.actor, null);
  const county = await importCounty(db, input.adcode);
  if (!county)
    throw new ImportFileError(400, 'invalid_parameter', {
      zh: '数据库中没有该县',
      en: 'no such county in the database',
    });
  const dir = mkdtempSync(join(tmpdir(), 'fireatlas-roads-'));
  try {
    const file = join(dir, safeName(input.fileName));
    writeFileSync(file, input.bytes);
    const read = await readRoadFile(file);
    const roads = prepareRoads(read.ways, county.geom);
    return { county, read, roads, summary: { ...roads.summary, notLines: read.notLines } as ImportSummary };
  } catch (e) {
    if (e instanceof RoadImportError) throw new ImportFileError(400, 'invalid_parameter', { zh: e.zh, en: e.en });
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function warningsOf(summary: ImportSummary): RoadsPreview['warnings'] {
  if (summary.edges === 0) return [{ zh: '县内没有可通行的道路', en: 'no drivable road inside the county' }];
  if (summary.largestComponentShare >= CONNECTED_WARN_SHARE) return [];
  const pct = (100 * summary.largestComponentShare).toFixed(1);
  return [
    {
      zh: `路网不连通：最大连通分量只占总长度的 ${pct}%（共 ${summary.components} 个分量）`,
      en: `the network is not connected: the largest component holds ${pct} % of the length (${summary.components} components)`,
    },
  ];
}

export async function planRoadLayer(db: Db, input: ImportInput): Promise<ImportPreview> {
  const { county, read, summary } = await prepared(db, input);
  const replaced = await countyRoadCount(db, county.adcode);
  return {
    layer: 'roads',
    file: {
      name: input.fileName,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      format: read.format,
      encoding: null,
      declaredCrs: 'wgs84 (OpenStreetMap)',
    },
    county: { adcode: county.adcode, name: county.name },
    areas: null,
    roads: { summary, replaced, warnings: warningsOf(summary) },
    columns: [],
    fields: [],
    mapping: { fields: {}, ambiguous: [], unmapped: [] },
    detected: null,
    rows: { read: summary.waysRead, valid: summary.waysKept, invalid: 0 },
    errors: [],
    outsideCounty: summary.waysOutside,
    duplicates: [],
    insert: summary.edges,
    update: 0,
    unchanged: 0,
    points: [],
  };
}

export async function commitRoadLayer(tx: Db, input: ImportInput) {
  await lockImportTable(tx, 'roads');
  const { county, read, roads, summary } = await prepared(tx, input);
  if (roads.edges.length === 0) {
    throw new ImportFileError(422, 'analysis_input', {
      zh: '县内没有可通行的道路，未导入 (no drivable road inside the county: nothing imported)',
      en: 'no drivable road inside the county: nothing imported',
    });
  }
  const { actor } = input;
  const id = await insertImportRecord(tx, {
    adcode: county.adcode,
    layer: 'roads',
    fileName: input.fileName,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    format: read.format,
    encoding: null,
    crsDetected: null,
    crsChosen: 'wgs84',
    evidence: null,
    mapping: {},
    rowsRead: summary.waysRead,
    rowsValid: summary.waysKept,
    rowsInvalid: 0,
    inserted: roads.edges.length,
    updated: 0,
    unchanged: 0,
    actor: actor.username,
    role: actor.role,
    township: actor.township,
  });
  const replaced = await deleteRoadsRecorded(tx, id, county.adcode);
  for (let i = 0; i < roads.edges.length; i += INSERT_CHUNK) {
    await insertImportedRoads(tx, county.adcode, roads.edges.slice(i, i + INSERT_CHUNK));
  }
  const inserted = await recordInsertedRoads(tx, id, county.adcode);
  await recordRoadImport(tx, {
    adcode: county.adcode,
    source: input.fileName,
    format: read.format,
    waysRead: summary.waysRead,
    edges: inserted,
  });
  const result = { id, inserted, updated: 0, unchanged: 0, skipped: 0, replaced };
  return { result, adcode: county.adcode, summary: { ...result, layer: 'roads', file: input.fileName } };
}
