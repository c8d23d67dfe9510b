/**
 * Calls of the 周通报 and 乡镇工作 panels (issue 15) over the typed client: the bulletin and its file
 * links, the 督办通知 draft and save, and the township work records.
 */
import { parseResponse } from 'hono/client';
import { client } from './api';

export interface BulletinQuery {
  from: string;
  to: string;
  weights?: string;
  /** The county (adcode); absent = the focus county. */
  county?: string;
}

const query = (q: BulletinQuery): Record<string, string> => ({
  from: q.from,
  to: q.to,
  ...(q.weights ? { weights: q.weights } : {}),
  ...(q.county ? { county: q.county } : {}),
});

export function fetchBulletin(q: BulletinQuery) {
  return parseResponse(client.bulletin.$get({ query: query(q) }));
}
export type Bulletin = Awaited<ReturnType<typeof fetchBulletin>>;

/** Download links (.docx, .xlsx): plain URLs, the browser saves the file. */
export function bulletinFileUrl(ext: 'docx' | 'xlsx', q: BulletinQuery): string {
  return `/api/bulletin.${ext}?${new URLSearchParams(query(q))}`;
}

export function fetchNoticeDraft(township: string, asOf: string) {
  return parseResponse(client.notices.draft.$get({ query: { township, asOf } }));
}
export type NoticeDraft = Awaited<ReturnType<typeof fetchNoticeDraft>>;

export function saveNotice(body: {
  kind: 'supervision';
  townshipCode: string;
  issuedOn: string;
  replyBy: string;
  hazardIds: number[];
}) {
  return parseResponse(client.notices.$post({ json: body }));
}

export const noticeDocxUrl = (id: number): string => `/api/notices/${id}/docx`;

/** A 提示函 / 预警指南 / 案例警示 (no hazards named; to one township or to every one). */
export function saveLetter(body: {
  kind: 'reminder' | 'warning_guide' | 'case_warning';
  title: string;
  issuedOn: string;
  body: string;
  townshipCode?: string;
  replyBy?: string;
}) {
  return parseResponse(client.notices.$post({ json: body }));
}

type ListQuery = { county?: string; township?: string; from?: string; to?: string; limit?: string; offset?: string };

/** A records export (xlsx / csv, in the import's columns): a plain URL, the browser saves the file. */
export function workExportUrl(
  kind: 'patrols' | 'trainings' | 'village-visits',
  format: 'xlsx' | 'csv',
  q: { county?: string; township?: string; from?: string; to?: string },
): string {
  const params = Object.entries({ format, ...q }).filter((e): e is [string, string] => Boolean(e[1]));
  return `/api/${kind}/export?${new URLSearchParams(params)}`;
}

export const fetchPatrols = (q: ListQuery) => parseResponse(client.patrols.$get({ query: q }));
export const fetchTrainings = (q: ListQuery) => parseResponse(client.trainings.$get({ query: q }));
export const fetchVillageVisits = (q: ListQuery) => parseResponse(client['village-visits'].$get({ query: q }));
export type PatrolList = Awaited<ReturnType<typeof fetchPatrols>>;
export type TrainingList = Awaited<ReturnType<typeof fetchTrainings>>;
export type VillageVisitList = Awaited<ReturnType<typeof fetchVillageVisits>>;

export function postPatrol(json: {
  townshipCode: string;
  siteId?: number;
  address?: string;
  lonLat?: [number, number];
  patrolledOn: string;
  patroller: string;
  hazardsFound: number;
  note?: string;
}) {
  return parseResponse(client.patrols.$post({ json }));
}

export function postTraining(json: {
  townshipCode: string;
  heldOn: string;
  kind: 'training' | 'drill' | 'publicity' | 'banner' | 'leaflet';
  place: string;
  quantity: number;
  note?: string;
}) {
  return parseResponse(client.trainings.$post({ json }));
}

export function postVillageVisit(json: {
  townshipCode: string;
  villageCode: string;
  visitedOn: string;
  topic: string;
  note?: string;
}) {
  return parseResponse(client['village-visits'].$post({ json }));
}
