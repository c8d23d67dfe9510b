/**
 * Protection circles, uncovered sites, gap stretches and proposals of the 消火栓规划 panel
 * (issue 5). The panel's state fills the data from /api/coverage/hydrants and /api/plan/hydrants;
 * this module only draws it.
 */
import type { FeatureCollection } from 'geojson';
import { emptySource, type LayerModule } from '../layer-module';

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

export const hydrantPlan = {
  id: 'hydrant-plan',
  title: 'layer.hydrantPlan',
  sources: { 'hydrant-plan': emptySource() },
  layers: [
    {
      id: 'hydrant-plan-circles',
      type: 'fill',
      source: 'hydrant-plan',
      paint: { 'fill-color': '#1c7ed6', 'fill-opacity': 0.15 },
    },
  ],
  labels: [],
  interactive: [],
  legend: [],
  opacity: [{ layer: 'hydrant-plan-circles', property: 'fill-opacity', base: 0.15 }],
  defaultVisible: false,
  lazy: true,
  load: async () => ({ 'hydrant-plan': empty }),
} satisfies LayerModule;
