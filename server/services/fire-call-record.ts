/**
 * The scene site's record for the fire call (issue 14): category, risk, floors and height for
 * everyone who reads the map; its hazards (open ones with deadlines, overdue marked, rebounds) and
 * enforcement only for those who may read records of its township (server/auth/roles.ts); and the
 * hazardous-chemical sites within 1 km.
 */
import type { Db } from '../../db/client';
import { hazmatNear, siteEnforcement, siteHazards, siteRecordRow } from '../../db/queries/fire-call';
import type { Actor } from '../auth/actor';
import { roleMay } from '../auth/roles';

/** Hazardous-chemical sites are listed within this distance of the scene (issue 14). */
export const HAZMAT_RADIUS_M = 1000;
const OPEN = new Set(['open', 'rectifying', 'reopened']);

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Whether the actor may read hazard records of a township. */
function mayReadRecords(actor: Actor, townshipCode: string): boolean {
  if (!roleMay(actor.role, 'records:read')) return false;
  return actor.role !== 'township' || actor.township === townshipCode;
}

export async function hazmatAround(db: Db, lon: number, lat: number, siteId: number | null) {
  return (await hazmatNear(db, lon, lat, HAZMAT_RADIUS_M, siteId)).map((h) => ({
    siteId: h.id,
    code: h.code,
    name: h.name,
    distanceM: round1(h.distanceM),
  }));
}

export async function siteRecord(db: Db, siteId: number, actor: Actor, today: string) {
  const site = await siteRecordRow(db, siteId);
  if (!mayReadRecords(actor, site.townshipCode))
    return { ...site, recordsHidden: true, hazards: null, enforcement: null };
  const [hazards, enforcement] = await Promise.all([siteHazards(db, siteId), siteEnforcement(db, siteId)]);
  const listed = hazards.map((h) => ({
    ...h,
    open: OPEN.has(h.status),
    overdue: OPEN.has(h.status) && h.deadline < today,
    rebound: h.predecessorId !== null,
  }));
  return {
    ...site,
    recordsHidden: false,
    hazards: {
      open: listed.filter((h) => h.open).length,
      overdue: listed.filter((h) => h.overdue).length,
      rebounds: listed.filter((h) => h.rebound).length,
      total: listed.length,
      list: listed,
    },
    enforcement,
  };
}
