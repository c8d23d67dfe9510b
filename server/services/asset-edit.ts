/**
 * Editing units, hydrants and sites (issue 13): create, change, delete — each one audited write
 * (server/auth/audit.ts) with the township scope checked on the locked row, before and after, and
 * optimistic concurrency on the row's `version` (kept by a BEFORE UPDATE trigger): a PATCH or
 * DELETE whose `If-Match` is not the current version is refused with 409 and the current row.
 * The township of a row is where its point lies; moving it moves it to that township.
 */
import type { Feature } from 'geojson';
import type { Db } from '../../db/client';
import {
  codeTaken,
  deleteRow,
  type EditTable,
  insertRow,
  nextCode,
  type RowSnapshot,
  referencesTo,
  rowSnapshot,
  updateRow,
} from '../../db/queries/asset-edit';
import { locatePoints } from '../../db/queries/hydrant-planning';
import { layerFeature } from '../../db/queries/layers';
import type { Actor } from '../auth/actor';
import { auditedWrite, type Who } from '../auth/audit';
import { requireWriteScope } from '../auth/scope';
import { AnalysisInputError, ConflictError, NotFoundError } from '../errors';
import type { CreateBody, EditLayer, PatchBody } from '../schemas/asset-edit';

/** Codes given to new rows without one: the demo data's series (data/synthetic). */
const CODE_SERIES = { hydrants: ['HY-', 4], sites: ['SI-', 5] } as const;

export interface EditAnswer {
  feature: Feature;
  version: number;
}

async function located(db: Db, lon: number, lat: number, layer: EditLayer) {
  const [where] = await locatePoints(db, [[lon, lat]]);
  if (!where?.adcode)
    throw new AnalysisInputError('该位置不在本县内 (the point lies outside the county)', { lon, lat });
  if (layer === 'sites' && !where.township) {
    throw new AnalysisInputError('场所必须位于某个乡镇内 (a site must lie inside a township)', { lon, lat });
  }
  return { adcode: where.adcode, township: where.township ?? null };
}

async function answer(db: Db, layer: EditTable, id: number): Promise<EditAnswer> {
  const feature = await layerFeature(db, layer, id);
  if (!feature) throw new NotFoundError(`${layer} ${id} not found`);
  return { feature, version: Number(feature.properties?.version) };
}

async function lockedRow(tx: Db, layer: EditLayer, id: number, actor: Actor, ifMatch: number) {
  const before = await rowSnapshot(tx, layer, id, true);
  if (!before) throw new NotFoundError(`${layer} ${id} not found`);
  requireWriteScope(actor, before.township_code);
  if (before.version !== ifMatch) {
    const current = await answer(tx, layer, id);
    throw new ConflictError(
      `已被他人修改（当前版本 ${before.version}，你的版本 ${ifMatch}）(changed by someone else: version ${before.version}, yours ${ifMatch})`,
      { expected: ifMatch, version: before.version, current: current.feature },
    );
  }
  return before;
}

async function checkCode(tx: Db, layer: EditLayer, code: string | undefined, exceptId?: number) {
  if (code !== undefined && (await codeTaken(tx, layer, code, exceptId))) {
    throw new ConflictError(`编号 ${code} 已存在 (code ${code} is taken)`, { code });
  }
}

const pointOf = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });

export async function createAsset<L extends EditLayer>(
  db: Db,
  who: Who,
  actor: Actor,
  layer: L,
  body: CreateBody<L>,
): Promise<EditAnswer> {
  return auditedWrite(db, who, { action: `${layer}.create`, table: layer }, async (tx) => {
    const { lon, lat, ...fields } = body;
    const place = await located(tx, lon, lat, layer);
    requireWriteScope(actor, place.township);
    let code = 'code' in fields ? (fields.code as string | undefined) : undefined;
    await checkCode(tx, layer, code);
    if (code === undefined && layer !== 'units') {
      const [prefix, width] = CODE_SERIES[layer as 'hydrants' | 'sites'];
      code = await nextCode(tx, layer as 'hydrants' | 'sites', prefix, width);
    }
    const id = await insertRow(tx, layer, {
      ...fields,
      code,
      adcode: place.adcode,
      townshipCode: place.township,
      synthetic: false,
      geom: pointOf(lon, lat),
    } as never);
    const after = (await rowSnapshot(tx, layer, id)) as RowSnapshot;
    return { result: await answer(tx, layer, id), after, rowId: id, adcode: place.adcode };
  });
}

export async function updateAsset<L extends EditLayer>(
  db: Db,
  who: Who,
  actor: Actor,
  layer: L,
  id: number,
  ifMatch: number,
  body: PatchBody<L>,
): Promise<EditAnswer> {
  return auditedWrite(db, who, { action: `${layer}.update`, table: layer, rowId: id }, async (tx) => {
    const before = await lockedRow(tx, layer, id, actor, ifMatch);
    const { lon, lat, ...fields } = body as PatchBody<L> & { lon?: number; lat?: number };
    await checkCode(tx, layer, (fields as { code?: string }).code, id);
    const values: Record<string, unknown> = { ...fields };
    if (lon !== undefined && lat !== undefined) {
      const place = await located(tx, lon, lat, layer);
      requireWriteScope(actor, place.township);
      Object.assign(values, { adcode: place.adcode, townshipCode: place.township, geom: pointOf(lon, lat) });
    }
    await updateRow(tx, layer, id, values as never);
    const after = (await rowSnapshot(tx, layer, id)) as RowSnapshot;
    return { result: await answer(tx, layer, id), before, after, adcode: after.adcode };
  });
}

export async function deleteAsset(
  db: Db,
  who: Who,
  actor: Actor,
  layer: EditLayer,
  id: number,
  ifMatch: number,
): Promise<{ deleted: number }> {
  return auditedWrite(db, who, { action: `${layer}.delete`, table: layer, rowId: id }, async (tx) => {
    const before = await lockedRow(tx, layer, id, actor, ifMatch);
    const refs = await referencesTo(tx, layer, id);
    if (Object.keys(refs).length > 0) {
      throw new ConflictError(
        `有关联记录，不能删除；可改为停用 (rows refer to it: ${JSON.stringify(refs)}; mark it out of service or closed instead)`,
        { references: refs },
      );
    }
    await deleteRow(tx, layer, id);
    return { result: { deleted: id }, before, adcode: before.adcode };
  });
}
