/** Calls of the 警情 panel (issue 14) on the typed client: the fire call, the duty board, a duty change. */
import { parseResponse } from 'hono/client';
import { client } from '../../api';

export interface FireCallQuery {
  /** The county whose units respond (adcode); absent = the focus county. */
  county?: string | undefined;
  site?: number;
  lon?: number;
  lat?: number;
  units: 'available' | 'all';
  waterRadius: number;
}

export function fetchFireCall(q: FireCallQuery) {
  const query: Record<string, string> = { units: q.units, waterRadius: String(q.waterRadius) };
  if (q.county) query.county = q.county;
  if (q.site !== undefined) query.site = String(q.site);
  else {
    query.lon = (q.lon as number).toFixed(7);
    query.lat = (q.lat as number).toFixed(7);
  }
  return parseResponse(client['fire-call'].$get({ query }));
}
export type FireCall = Awaited<ReturnType<typeof fetchFireCall>>;

export function fetchDutyBoard() {
  return parseResponse(client.units.duty.$get());
}
export type DutyBoard = Awaited<ReturnType<typeof fetchDutyBoard>>;
export type DutyUnit = DutyBoard['units'][number];
export type DutyStatus = DutyUnit['status'];

export function putDuty(unitId: number, status: DutyStatus, note?: string) {
  return parseResponse(
    client.units[':id'].duty.$put({ param: { id: String(unitId) }, json: note ? { status, note } : { status } }),
  );
}
