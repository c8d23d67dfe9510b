/**
 * Hydrant inspections (巡检, issue 13): recording one (audited, with the township scope on the
 * locked hydrant) makes the hydrant follow it at once — 故障 → `faulty`, 缺失 → `out_of_service`,
 * 完好 → `ok`; 无法检测 (parked car, covered) leaves status and last-inspected date as they were,
 * so the hydrant stays due. Coverage answers change at once: the hydrant index follows the table's
 * version (server/services/data-version.ts).
 */

import type { Db } from '../../db/client';
import { type RowSnapshot, rowSnapshot } from '../../db/queries/asset-edit';
import {
  dueHydrants,
  followInspection,
  insertInspection,
  insertPhoto,
  inspectionById,
  inspectionsOf,
  intervalsOf,
  photoById,
  setInterval,
} from '../../db/queries/inspections';
import { hydrantKind } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { auditedWrite, type Who } from '../auth/audit';
import { requireReadScope, requireWriteScope } from '../auth/scope';
import { chinaToday } from '../auth/today';
import { AnalysisInputError, InvalidParameterError, NotFoundError } from '../errors';
import { type InspectionInput, PHOTO_MAX_BYTES } from '../schemas/inspections';
import { countyOf } from './county';

/** The hydrant status an inspection result sets (null: unchanged). */
export const STATUS_AFTER = { ok: 'ok', faulty: 'faulty', missing: 'out_of_service', untestable: null } as const;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function decodePhotos(photos: InspectionInput['photos']) {
  return photos.map((p, i) => {
    const bytes = Buffer.from(p.data, 'base64');
    if (bytes.length > PHOTO_MAX_BYTES) {
      throw new InvalidParameterError(`photos.${i}: larger than ${PHOTO_MAX_BYTES / 1024} KB`);
    }
    return { mime: p.mime, bytes };
  });
}

export async function recordInspection(db: Db, who: Who, actor: Actor, hydrantId: number, input: InspectionInput) {
  const today = chinaToday(who.nowMs);
  if (input.date > addDays(today, 1)) throw new InvalidParameterError('date: an inspection cannot be in the future');
  const photos = decodePhotos(input.photos);
  return auditedWrite(
    db,
    who,
    { action: 'hydrant.inspect', table: 'hydrant_inspections', rowId: hydrantId },
    async (tx) => {
      const before = await rowSnapshot(tx, 'hydrants', hydrantId, true);
      if (!before) throw new NotFoundError(`hydrant ${hydrantId} not found`);
      requireWriteScope(actor, before.township_code);
      if (before.status === 'planned') {
        throw new AnalysisInputError('规划中的消火栓尚未建成，不能巡检 (a planned hydrant is not built yet)');
      }
      const id = await insertInspection(tx, {
        adcode: before.adcode,
        hydrantId,
        townshipCode: before.township_code,
        inspectedOn: input.date,
        inspector: actor.username,
        result: input.result,
        checks: input.checks,
        note: input.note ?? null,
        lon: input.position?.lon ?? null,
        lat: input.position?.lat ?? null,
        accuracyM: input.position?.accuracyM ?? null,
      });
      for (const p of photos) await insertPhoto(tx, id, p.mime, p.bytes);
      if (input.result !== 'untestable') await followInspection(tx, hydrantId, input.date, STATUS_AFTER[input.result]);
      const hydrant = (await rowSnapshot(tx, 'hydrants', hydrantId)) as RowSnapshot;
      const inspection = await inspectionById(tx, id);
      return {
        result: {
          inspection,
          hydrant: {
            id: hydrantId,
            status: hydrant.status,
            lastInspectedOn: hydrant.last_inspected_on,
            version: hydrant.version,
          },
        },
        before,
        after: { inspection, hydrant },
        rowId: id,
        adcode: before.adcode,
      };
    },
  );
}

export async function inspectionHistory(db: Db, actor: Actor, hydrantId: number) {
  const hydrant = await rowSnapshot(db, 'hydrants', hydrantId);
  if (!hydrant) throw new NotFoundError(`hydrant ${hydrantId} not found`);
  requireReadScope(actor, hydrant.township_code);
  return { hydrantId, code: hydrant.code, status: hydrant.status, inspections: await inspectionsOf(db, hydrantId) };
}

export async function inspectionPhoto(db: Db, actor: Actor, id: number) {
  const photo = await photoById(db, id);
  if (!photo) throw new NotFoundError(`photo ${id} not found`);
  requireReadScope(actor, photo.townshipCode);
  return { mime: photo.mime, bytes: Buffer.from(photo.data, 'base64') };
}

/**
 * The county of an inspection query: a township's own (its code's first six digits: townships tile
 * their county), else `county` (default the focus county; 404 when unknown); both must agree.
 */
export async function inspectionCounty(db: Db, q: { county?: string | undefined; township?: string | undefined }) {
  const own = q.township?.slice(0, 6);
  if (own !== undefined && q.county !== undefined && own !== q.county) {
    throw new InvalidParameterError(
      `乡镇 ${q.township} 不属于县 ${q.county} (township ${q.township} is not of county ${q.county})`,
      { township: q.township, county: q.county },
    );
  }
  return countyOf(db, own ?? q.county);
}

export async function dueList(
  db: Db,
  q: { county?: string | undefined; township?: string | undefined; asOf?: string | undefined },
  nowMs: number,
) {
  const asOf = q.asOf ?? chinaToday(nowMs);
  const county = await inspectionCounty(db, q);
  const [hydrants, intervals] = await Promise.all([
    dueHydrants(db, asOf, county, q.township),
    intervalsOf(db, county, hydrantKind.enumValues),
  ]);
  return { asOf, township: q.township ?? null, intervals, count: hydrants.length, hydrants };
}

export async function inspectionIntervals(db: Db, adcode: string) {
  return { adcode, intervals: await intervalsOf(db, adcode, hydrantKind.enumValues) };
}

export async function setInspectionIntervals(
  db: Db,
  who: Who,
  actor: Actor,
  adcode: string,
  intervals: { kind: string; days: number }[],
) {
  return auditedWrite(
    db,
    who,
    { action: 'inspection.intervals', table: 'inspection_intervals', rowId: adcode },
    async (tx) => {
      // a county setting: township users may not change it
      requireWriteScope(actor, null);
      const before = await intervalsOf(tx, adcode, hydrantKind.enumValues);
      for (const i of intervals) await setInterval(tx, adcode, i.kind, i.days);
      const after = await intervalsOf(tx, adcode, hydrantKind.enumValues);
      return { result: { adcode, intervals: after }, before, after, adcode };
    },
  );
}
