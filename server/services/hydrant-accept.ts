/**
 * Accepting placement proposals (POST /api/plan/hydrants/accept): saved as planned municipal
 * hydrants in one transaction, or nothing is written.
 */
import type { Db } from '../../db/client';
import { hydrantsNear, insertPlannedHydrants, locatePoints, lockHydrantCodes } from '../../db/queries/hydrant-planning';
import { distanceMetres } from '../analysis/metric';
import { AnalysisInputError, ConflictError } from '../errors';

/** Two hydrants closer than this are one hydrant entered twice (an accept refuses them; assumption). */
export const DUPLICATE_M = 5;

export interface AcceptItem {
  lon: number;
  lat: number;
  roadName?: string | null;
}

/**
 * Saves proposals as planned municipal hydrants in one transaction: every point must lie in
 * the county and be no duplicate (within DUPLICATE_M of another item or of any hydrant),
 * else nothing is written. Codes continue the HY-nnnn numbering.
 */
export async function acceptHydrantProposals(
  db: Db,
  items: readonly AcceptItem[],
  /** Checks each new hydrant's township before anything is written (the township scope). */
  guard: (township: string | null) => void = () => {},
) {
  const points = items.map((p) => [p.lon, p.lat] as [number, number]);
  const located = await locatePoints(db, points);
  for (const l of located) guard(l.township ?? null);
  const outside = located.filter((l) => l.adcode === null).map((l) => l.i);
  if (outside.length > 0) {
    throw new AnalysisInputError(`proposals outside the county: items ${outside.join(', ')}`, { outside });
  }
  const twins: [number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (distanceMetres(items[i] as AcceptItem, items[j] as AcceptItem) < DUPLICATE_M) twins.push([i, j]);
    }
  }
  if (twins.length > 0) {
    throw new ConflictError(`duplicate proposals (closer than ${DUPLICATE_M} m): ${JSON.stringify(twins)}`, { twins });
  }
  const inserted = await db.transaction(async (tx) => {
    const maxCode = await lockHydrantCodes(tx);
    const near = await hydrantsNear(tx, points, DUPLICATE_M);
    if (near.length > 0) {
      throw new ConflictError(`proposals duplicate existing hydrants (closer than ${DUPLICATE_M} m)`, {
        duplicates: near,
      });
    }
    const width = Math.max(4, String(maxCode + items.length).length);
    return insertPlannedHydrants(
      tx,
      items.map((p, k) => ({
        adcode: located[k]?.adcode as string,
        township: located[k]?.township ?? null,
        code: `HY-${String(maxCode + k + 1).padStart(width, '0')}`,
        lon: p.lon,
        lat: p.lat,
        roadName: p.roadName ?? null,
      })),
    );
  });
  return { inserted };
}
