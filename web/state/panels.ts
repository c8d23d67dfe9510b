/**
 * The side panels and the map layers each one shows, as data (issue 10 §2). The app state
 * applies a panel's declaration when it opens: `shows` are on, `may` are on only while the panel
 * switches them on (a heat map toggle, a drafted unit), every other layer is off. The layers
 * panel shows the base map — the user's own toggles — which no other panel ever changes, so
 * leaving a panel restores it exactly.
 */
import type { MessageKey } from '../i18n';

export type PanelId =
  | 'layers'
  | 'firecall'
  | 'stations'
  | 'hydrants'
  | 'density'
  | 'import'
  | 'bulletin'
  | 'work'
  | 'edit'
  | 'inspections';

export interface PanelDeclaration {
  id: PanelId;
  label: MessageKey;
  /** 'base' = the user's layer toggles; otherwise exactly these layer modules. */
  shows: 'base' | readonly string[];
  /** Layer modules the panel may add while it is open. */
  may: readonly string[];
}

/** The frame every analysis is read against: boundaries and roads, nothing that buries the analysis. */
const frame = ['counties', 'townships', 'roads'] as const;

export const panels: readonly PanelDeclaration[] = [
  { id: 'layers', label: 'panel.layers', shows: 'base', may: [] },
  {
    id: 'firecall',
    label: 'panel.fireCall',
    // the call's own water list replaces the hydrant layer; a click finds the site within 50 m itself
    shows: [...frame, 'units', 'fire-call'],
    may: [],
  },
  {
    id: 'stations',
    label: 'panel.stations',
    // no hydrant dots and no sites' heat map over the response-time surface
    shows: [...frame, 'station-coverage', 'units'],
    may: ['station-draft'],
  },
  {
    id: 'hydrants',
    label: 'panel.hydrants',
    // the plan's own uncovered sites replace the sites layer
    shows: [...frame, 'hydrant-plan', 'hydrant-proposals', 'hydrants'],
    may: [],
  },
  {
    id: 'density',
    label: 'panel.density',
    shows: ['counties', 'townships', 'township-choropleth'],
    may: ['hazard-heat'],
  },
  {
    id: 'import',
    label: 'panel.import',
    // the preview's points over the layer they go into (the wizard switches that one on)
    shows: [...frame, 'import-preview'],
    may: ['hydrants', 'units', 'sites'],
  },
  // The bulletin is read against the township outlines; its score map goes into the .docx.
  { id: 'bulletin', label: 'panel.bulletin', shows: ['counties', 'townships', 'villages'], may: [] },
  // patrols are placed at a site or a point picked on the map: the streets to find one's way by
  { id: 'work', label: 'panel.work', shows: [...frame, 'villages', 'sites'], may: [] },
  // issue 13: the editable layers; the inspection run over the hydrants (or the overdue ones only)
  { id: 'edit', label: 'panel.edit', shows: [...frame, 'units', 'hydrants', 'sites'], may: [] },
  { id: 'inspections', label: 'panel.inspections', shows: [...frame, 'inspection-route'], may: ['hydrants'] },
];

export function panelDeclaration(id: PanelId): PanelDeclaration {
  const found = panels.find((p) => p.id === id);
  if (!found) throw new Error(`unknown panel ${id}`);
  return found;
}

/**
 * Layer modules shown: the base map's for the layers panel, else the declaration plus the
 * optional layers the panel has switched on (only those it declared), plus `focused`: layers of
 * features the user went to during this visit (search, a site row), dropped when the panel changes.
 * @example shownLayers(panelDeclaration('density'), new Set(['units']), new Set(['hazard-heat']))
 * // Set { 'counties', 'townships', 'township-choropleth', 'hazard-heat' }
 */
export function shownLayers(
  panel: PanelDeclaration,
  base: ReadonlySet<string>,
  optional: ReadonlySet<string>,
  focused: ReadonlySet<string> = new Set(),
): Set<string> {
  if (panel.shows === 'base') return new Set(base);
  return new Set([...panel.shows, ...panel.may.filter((id) => optional.has(id)), ...focused]);
}
