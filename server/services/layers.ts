/** Map layers: checks references the schema cannot (a township that exists), then reads. */
import type { Feature, FeatureCollection } from 'geojson';
import type { Db } from '../../db/client';
import {
  type LayerFilters,
  type LayerName,
  layerFeature,
  layerFeatures,
  townshipExists,
} from '../../db/queries/layers';
import { InvalidParameterError, NotFoundError } from '../errors';
import { withReboundFlags } from './hazard-rebound-flags';

export async function listLayer(db: Db, name: LayerName, filters: LayerFilters): Promise<FeatureCollection> {
  if (filters.township !== undefined && !(await townshipExists(db, filters.township))) {
    throw new InvalidParameterError(`unknown township ${filters.township}`, { township: filters.township });
  }
  const fc = await layerFeatures(db, name, filters);
  return name === 'hazards' ? withReboundFlags(fc) : fc;
}

export async function getLayerItem(db: Db, name: LayerName, id: string | number): Promise<Feature> {
  const feature = await layerFeature(db, name, id);
  if (!feature) throw new NotFoundError(`${name} ${id} not found`);
  return feature;
}
