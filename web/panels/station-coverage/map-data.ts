/** The 站点覆盖 layer's sources built from a coverage answer and the panel's toggles (pure). */
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerData } from '../../map/layer-module';
import { stationSources } from '../../map/layers/station-coverage';
import type { Comparison, Coverage } from './api';
import { districtFeatures, wholeDistricts } from './coverage-districts';

type GapFeature = Coverage['gaps']['features'][number];

const emptyFc = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/**
 * Every source of the coverage layer, built from the answer and the panel's toggles: split mode
 * shows the districts instead of the surface, the ERF layer its personnel (one reading at a time).
 */
export function coverageMapData(
  c: Coverage | undefined,
  o: { threshold: number; gap: GapFeature | undefined; showRings: boolean; comparison: Comparison | undefined },
): LayerData | undefined {
  if (!c) return undefined;
  const data: LayerData = Object.fromEntries(stationSources.map((s) => [s, emptyFc()]));
  // Split mode shows the districts instead of the surface, the ERF layer its personnel (one reading at a time).
  if (c.mode !== 'split' && !c.erf) {
    data['station-coverage'] = {
      type: 'FeatureCollection',
      features: c.surface.features.map((f, i) => ({ ...f, id: i }) as Feature),
    };
  }
  data['station-coverage-districts'] =
    c.mode === 'split'
      ? wholeDistricts(c)
      : districtFeatures(
          c.isochrones.features,
          c.units.map((u) => u.id),
          c.mode,
          o.threshold,
        );
  if (o.gap) data['station-coverage-gaps'] = { type: 'FeatureCollection', features: [o.gap] };
  if (o.showRings) {
    data['station-coverage-rings'] = {
      type: 'FeatureCollection',
      features: c.rings.features.filter((f) => f.properties?.thresholdS === o.threshold),
    };
  }
  if (c.erf) {
    const max = Math.max(1, ...c.erf.features.map((f) => f.properties.personnel));
    data['station-coverage-erf'] = {
      type: 'FeatureCollection',
      features: c.erf.features.map((f) => ({
        ...f,
        properties: { ...f.properties, shade: f.properties.personnel / max },
      })),
    };
  }
  const cmp = o.comparison;
  if (cmp) {
    data['station-coverage-change'] = {
      type: 'FeatureCollection',
      features: [
        { ...cmp.newlyCovered, properties: { ...cmp.newlyCovered.properties, kind: 'newly' } },
        { ...cmp.noLongerCovered, properties: { ...cmp.noLongerCovered.properties, kind: 'lost' } },
      ].filter((f) => f.properties.cells > 0),
    };
    data['station-coverage-change-sites'] = changeSites(cmp);
  }
  return data;
}

/** The high-risk sites gaining (+) or losing (−) cover in a comparison, as points; feature id = site id (rows fly to them). */
export function changeSites(cmp: Comparison): FeatureCollection {
  const point = (g: Comparison['highRiskGaining'][number], kind: 'gain' | 'lost'): Feature => ({
    type: 'Feature',
    id: g.siteId,
    properties: { siteId: g.siteId, name: g.name, kind },
    geometry: { type: 'Point', coordinates: [g.lon, g.lat] },
  });
  return {
    type: 'FeatureCollection',
    features: [...cmp.highRiskGaining.map((g) => point(g, 'gain')), ...cmp.highRiskLosing.map((g) => point(g, 'lost'))],
  };
}
