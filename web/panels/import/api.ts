/**
 * Calls of the 数据导入 panel (issue 12): the upload (multipart, so plain fetch with the
 * session-aware wrapper; the answer typed by the server's preview type), the import list and undo
 * over the typed client, and the template link.
 */
import { parseResponse } from 'hono/client';
import type { ImportPreview } from '../../../server/services/import-plan';
import { client } from '../../api';
import { sessionAwareFetch } from '../../auth/expiry';

export type { ImportPreview };
export const IMPORT_LAYERS = [
  'hydrants',
  'units',
  'sites',
  'hazards',
  'enforcement',
  'patrols',
  'trainings',
  'village-visits',
  'counties',
  'townships',
  'villages',
  'roads',
] as const;
/** The boundary layers: polygons, from GeoJSON / KML / Shapefile only. */
export const AREA_LAYERS: readonly ImportLayerId[] = ['counties', 'townships'];
export type ImportLayerId = (typeof IMPORT_LAYERS)[number];
/** The systems offered for an override (any epsg:4513–4554 is accepted by the server too). */
export const CRS_CHOICES = [
  'wgs84',
  'cgcs2000',
  'gcj02',
  'bd09',
  'bd09mc',
  'epsg:3857',
  'epsg:4547',
  'epsg:4526',
] as const;

export interface UploadOptions {
  layer: ImportLayerId;
  file: File;
  crs: string;
  mapping?: Record<string, string | null>;
  skipInvalid?: boolean;
  /** The county to import into (adcode); the focus county when absent. */
  county?: string;
}

/** An answer that is not 2xx, carrying the server's `{error}` body for errorMessage(). */
class UploadError extends Error {
  constructor(
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function upload<T>(o: UploadOptions, dryRun: boolean): Promise<T> {
  const form = new FormData();
  form.set('file', o.file);
  if (o.mapping) form.set('mapping', JSON.stringify(o.mapping));
  const query = new URLSearchParams({ crs: o.crs });
  if (dryRun) query.set('dryRun', '1');
  if (o.skipInvalid) query.set('skipInvalid', '1');
  if (o.county) query.set('county', o.county);
  const res = await sessionAwareFetch(`/api/import/${o.layer}?${query}`, { method: 'POST', body: form });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new UploadError(`${res.status}`, body);
  return body as T;
}

export const previewImport = (o: UploadOptions) => upload<ImportPreview>(o, true);
export const commitImport = (o: UploadOptions) =>
  upload<{ id: number; inserted: number; updated: number; unchanged: number; skipped: number }>(o, false);

export function fetchImports() {
  return parseResponse(client.imports.$get({ query: {} }));
}
export type ImportList = Awaited<ReturnType<typeof fetchImports>>['imports'];

export function undoImport(id: number) {
  return parseResponse(client.imports[':id'].undo.$post({ param: { id: String(id) } }));
}

export const templateUrl = (layer: ImportLayerId) => `/api/import/${layer}/template.xlsx`;
