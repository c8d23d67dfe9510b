/**
 * What the user asked to edit from a popup (issue 13): a unit, hydrant or site to change or move,
 * a hydrant to inspect, a site to enter a hazard on — or a new row at a picked point. The editing
 * and inspection panels read it; the popup's action buttons set it. Given by context (App.svelte).
 */
import type { Feature } from 'geojson';
import { getContext, setContext } from 'svelte';

export type EditLayer = 'units' | 'hydrants' | 'sites';

export type EditRequest =
  | { mode: 'edit' | 'move'; layer: EditLayer; feature: Feature }
  | { mode: 'create'; layer: EditLayer; lngLat: [number, number] }
  | { mode: 'inspect'; feature: Feature }
  | { mode: 'hazard'; feature: Feature }
  /** A township whose boundary is drawn anew (brigade). */
  | { mode: 'boundary'; feature: Feature };

export class EditTarget {
  current = $state.raw<EditRequest | undefined>(undefined);

  set(request: EditRequest | undefined): void {
    this.current = request;
  }
}

const key = Symbol('edit-target');
export function setEditTarget(target: EditTarget): EditTarget {
  return setContext(key, target);
}
export function getEditTarget(): EditTarget {
  return getContext<EditTarget>(key);
}
