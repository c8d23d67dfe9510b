/** What each panel shows once it has loaded: the selector of its headline figure, for tests that open every panel. */
import type { PanelId } from '../../web/state/panels';

export const panelHeadline: Record<PanelId, string> = {
  firecall: '[data-testid="duty-board"] [data-unit]',
  layers: '.layer[data-layer="units"] .toggle .count[data-count]',
  stations: '[data-testid="station-summary"] [data-metric="hr-outside"]',
  hydrants: '[data-testid="uncovered-by-risk"]',
  density: '[data-testid="county-card"] dl',
  edit: '[data-testid="asset-edit-panel"] h2',
  inspections: '[data-testid="inspections-panel"]',
  import: '[data-testid="import-list"]',
  bulletin: '[data-testid="bulletin-sheet"]',
  work: '[data-testid="work-panel"]',
};
