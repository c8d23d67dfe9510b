/**
 * Township work records: recording a patrol, a training or publicity session, or a village visit
 * (the row's township must match its site, village or point — and, for a township user, be the
 * user's own), and the lists. The township check runs before anything is written.
 */
import type { Db } from '../../db/client';
import { townshipExists } from '../../db/queries/layers';
import {
  insertPatrol,
  insertTraining,
  insertVillageVisit,
  type ListFilter,
  listPatrols,
  listTrainings,
  listVillageVisits,
  type PatrolRow,
  pointInTownship,
  type TrainingRow,
  townshipOfSite,
  townshipOfVillage,
  type VillageVisitRow,
} from '../../db/queries/township-work';
import { InvalidParameterError, NotFoundError } from '../errors';
import type { PatrolInput, TrainingInput, VillageVisitInput } from '../schemas/township-work';
import { countyOf } from './county';

/** The township scope check of the caller (throws ForbiddenError). */
type Guard = (township: string) => void;

async function knownTownship(db: Db, code: string): Promise<void> {
  if (!(await townshipExists(db, code)))
    throw new InvalidParameterError(`unknown township ${code}`, { township: code });
}

export async function createPatrol(db: Db, p: PatrolInput, guard: Guard): Promise<PatrolRow> {
  guard(p.townshipCode);
  await knownTownship(db, p.townshipCode);
  if (p.siteId !== undefined) {
    const township = await townshipOfSite(db, p.siteId);
    if (township === null) throw new NotFoundError(`site ${p.siteId} not found`);
    if (township !== p.townshipCode) {
      throw new InvalidParameterError(`场所 ${p.siteId} 不在该乡镇 (site ${p.siteId} is in ${township})`, { township });
    }
  } else if (!(await pointInTownship(db, p.townshipCode, p.lonLat as [number, number]))) {
    throw new InvalidParameterError('位置不在该乡镇 (the point is outside the township)', { lonLat: p.lonLat });
  }
  return insertPatrol(db, {
    townshipCode: p.townshipCode,
    siteId: p.siteId ?? null,
    address: p.address ?? null,
    lonLat: p.lonLat ?? null,
    patrolledOn: p.patrolledOn,
    patroller: p.patroller,
    hazardsFound: p.hazardsFound,
    note: p.note ?? null,
  });
}

export async function createTraining(db: Db, t: TrainingInput, guard: Guard): Promise<TrainingRow> {
  guard(t.townshipCode);
  await knownTownship(db, t.townshipCode);
  return insertTraining(db, { ...t, note: t.note ?? null });
}

export async function createVillageVisit(db: Db, v: VillageVisitInput, guard: Guard): Promise<VillageVisitRow> {
  guard(v.townshipCode);
  const township = await townshipOfVillage(db, v.villageCode);
  if (township === null) throw new NotFoundError(`village ${v.villageCode} not found`);
  if (township !== v.townshipCode) {
    throw new InvalidParameterError(`行政村不在该乡镇 (village ${v.villageCode} is in ${township})`, { township });
  }
  return insertVillageVisit(db, { ...v, note: v.note ?? null });
}

/** A list's `county` is checked first (404 when the database has no such county). */
const checked =
  <T>(list: (db: Db, f: ListFilter) => Promise<T>) =>
  async (db: Db, f: ListFilter): Promise<T> => {
    if (f.county !== undefined) await countyOf(db, f.county);
    return list(db, f);
  };
export const patrolList = checked(listPatrols);
export const trainingList = checked(listTrainings);
export const villageVisitList = checked(listVillageVisits);
