/**
 * The unit duty board (执勤状态, issue 14): each unit's status now — 在岗 available, 出动中 on a
 * call, 返回中 returning, 检修 maintenance / 训练 training (unavailable), 未执勤 off duty (built,
 * not on duty) — who set it and when. A unit never set is 在岗 when in service, else 未执勤.
 * Only 在岗 units are ranked by the fire call; the change is an audited write (routes/unit-duty.ts).
 */
import type { Db } from '../../db/client';
import { lockUnitDuty, type UnitDutyRow, unitDutyRows, upsertUnitDuty } from '../../db/queries/unit-duty';
import { NotFoundError } from '../errors';

export const DUTY_STATUSES = ['available', 'on_call', 'returning', 'maintenance', 'training', 'off_duty'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export interface UnitDuty {
  unitId: number;
  code: string;
  name: string;
  kind: string;
  unitStatus: string;
  townshipCode: string | null;
  staff: number;
  vehicles: number;
  turnoutS: number;
  lon: number;
  lat: number;
  status: DutyStatus;
  /** Whether the fire call ranks the unit (在岗 only). */
  available: boolean;
  /** false: never set, the status is the default of the unit's own status. */
  set: boolean;
  note: string | null;
  setBy: string | null;
  setAt: string | null;
}

export function dutyOf(row: UnitDutyRow): UnitDuty {
  const status = (row.dutyStatus ?? (row.unitStatus === 'in_service' ? 'available' : 'off_duty')) as DutyStatus;
  return {
    unitId: row.unitId,
    code: row.code,
    name: row.name,
    kind: row.kind,
    unitStatus: row.unitStatus,
    townshipCode: row.townshipCode,
    staff: row.staff,
    vehicles: row.vehicles,
    turnoutS: row.turnoutS,
    lon: row.lon,
    lat: row.lat,
    status,
    available: status === 'available',
    set: row.dutyStatus !== null,
    note: row.note,
    setBy: row.setBy,
    setAt: row.setAt,
  };
}

/** Every unit planned or closed aside (they answer no call). */
export async function dutyBoard(db: Db): Promise<UnitDuty[]> {
  return (await unitDutyRows(db)).filter((r) => r.unitStatus === 'in_service' || r.unitStatus === 'built').map(dutyOf);
}

/** Sets one unit's status (inside the audited write); `checkScope` sees the unit's township first. */
export async function setUnitDuty(
  tx: Db,
  unitId: number,
  change: { status: DutyStatus; note?: string | undefined },
  who: { username: string; nowMs: number },
  checkScope: (townshipCode: string | null) => void,
) {
  const row = await lockUnitDuty(tx, unitId);
  if (!row || (row.unitStatus !== 'in_service' && row.unitStatus !== 'built'))
    throw new NotFoundError(`没有这个执勤单位 (no unit ${unitId} on the duty board)`);
  checkScope(row.townshipCode);
  const before = dutyOf(row);
  await upsertUnitDuty(tx, {
    unitId,
    adcode: row.adcode,
    status: change.status,
    note: change.note ?? null,
    setBy: who.username,
    atMs: who.nowMs,
  });
  const after = dutyOf((await lockUnitDuty(tx, unitId)) as UnitDutyRow);
  return { before, after, adcode: row.adcode };
}
