/** Calls of the 巡检 panel (issue 13): record an inspection, its log, the due list and the route. */
import { parseResponse } from 'hono/client';
import type { InspectionInput } from '../../../server/schemas/inspections';
import { client } from '../../api';

export type InspectionBody = Omit<InspectionInput, 'checks' | 'photos'> &
  Partial<Pick<InspectionInput, 'checks' | 'photos'>>;

export function recordInspection(hydrantId: number, body: InspectionBody) {
  return parseResponse(client.hydrants[':id'].inspections.$post({ param: { id: String(hydrantId) }, json: body }));
}

export function fetchInspections(hydrantId: number) {
  return parseResponse(client.hydrants[':id'].inspections.$get({ param: { id: String(hydrantId) } }));
}
export type InspectionLog = Awaited<ReturnType<typeof fetchInspections>>;

export function fetchDue(township: string) {
  return parseResponse(client.inspections.due.$get({ query: { township } }));
}
export type DueList = Awaited<ReturnType<typeof fetchDue>>;

export function fetchRoute(township: string) {
  return parseResponse(client.inspections.route.$get({ query: { township } }));
}
export type InspectionRoute = Awaited<ReturnType<typeof fetchRoute>>;

/** A county's inspection intervals (adcode; the focus county when undefined). */
export function fetchIntervals(county?: string) {
  return parseResponse(client.inspections.intervals.$get({ query: { county } }));
}

export function saveIntervals(
  intervals: { kind: 'municipal' | 'site' | 'water_crane' | 'natural'; days: number }[],
  county?: string,
) {
  return parseResponse(client.inspections.intervals.$put({ query: { county }, json: { intervals } }));
}
