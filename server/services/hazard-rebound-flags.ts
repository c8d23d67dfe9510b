/**
 * The hazards layer with each hazard's rebound flag (反弹), by the one rule of
 * server/analysis/hazard-rebound.ts — the same detector the township statistics and the bulletin
 * count with — so the layer legend's rebound count and the statistics agree (issue 15 §5).
 */
import type { FeatureCollection } from 'geojson';
import { DEFAULT_REBOUND_WINDOW_DAYS, detectRebounds } from '../analysis/hazard-rebound';

interface HazardProps {
  id: number;
  siteId: number;
  category: string;
  foundOn: string;
  verifiedOn: string | null;
}

/** Sets `rebound` ('yes' | 'no') and `reboundOf` (the predecessor's id or null) on every hazard feature. */
export function withReboundFlags(fc: FeatureCollection, windowDays = DEFAULT_REBOUND_WINDOW_DAYS): FeatureCollection {
  const inputs = fc.features.map((f) => f.properties as unknown as HazardProps);
  const predecessor = new Map(detectRebounds(inputs, windowDays).map((r) => [r.id, r.predecessorId]));
  for (const f of fc.features) {
    const id = (f.properties as unknown as HazardProps).id;
    const p = predecessor.get(id);
    Object.assign(f.properties ?? {}, { rebound: p === undefined ? 'no' : 'yes', reboundOf: p ?? null });
  }
  return fc;
}
