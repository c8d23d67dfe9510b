/**
 * Map layers: checks references the schema cannot (a township that exists), then reads. A
 * layer's answer is built once per version of the tables it reads and kept as JSON text, its
 * gzip and an ETag, so a repeated read costs one version lookup (server/http/cached-json.ts).
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Feature } from 'geojson';
import type { Db } from '../../db/client';
import {
  type LayerFilters,
  type LayerName,
  layerFeature,
  layerFeatures,
  layerTables,
  townshipExists,
} from '../../db/queries/layers';
import { InvalidParameterError, NotFoundError } from '../errors';
import { type VersionedCache, versionedCache } from './data-version';
import { withReboundFlags } from './hazard-rebound-flags';

export interface CachedJson {
  json: string;
  gzip: Uint8Array;
  /** A strong validator of the JSON text (its SHA-1). */
  etag: string;
}

/** Filter combinations held per layer and version (bbox requests make them unbounded). */
const MAX_FILTERS_PER_LAYER = 32;

const filtersKey = (f: LayerFilters) =>
  JSON.stringify([f.township, f.kind, f.status, f.category, f.bbox, f.limit] satisfies unknown[]);

export function cachedJson(value: unknown): CachedJson {
  const json = JSON.stringify(value);
  return {
    json,
    gzip: gzipSync(json, { level: 6 }),
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
  };
}

const caches = new Map<LayerName, VersionedCache<LayerFilters, CachedJson>>();

function cacheOf(name: LayerName): VersionedCache<LayerFilters, CachedJson> {
  let cache = caches.get(name);
  if (!cache) {
    cache = versionedCache(
      layerTables(name),
      async (db: Db, filters: LayerFilters) => {
        const fc = await layerFeatures(db, name, filters);
        // Hazards carry their rebound flag by the statistics' own rule (issue 15 §5).
        return cachedJson(name === 'hazards' ? withReboundFlags(fc) : fc);
      },
      filtersKey,
      MAX_FILTERS_PER_LAYER,
    );
    caches.set(name, cache);
  }
  return cache;
}

export async function listLayer(db: Db, name: LayerName, filters: LayerFilters): Promise<CachedJson> {
  if (filters.township !== undefined && !(await townshipExists(db, filters.township))) {
    throw new InvalidParameterError(`unknown township ${filters.township}`, { township: filters.township });
  }
  return (await cacheOf(name).get(db, filters)).value;
}

export async function getLayerItem(db: Db, name: LayerName, id: string | number): Promise<Feature> {
  const feature = await layerFeature(db, name, id);
  if (!feature) throw new NotFoundError(`${name} ${id} not found`);
  return feature;
}
