/**
 * The user's what-ifs in 消火栓规划: the map's pick-point tool (held by this panel while what-if
 * mode is on) adds a hypothetical hydrant where the map is clicked, or assumes a clicked hydrant
 * faulty; the server's what-if answers the delta. Errors go to the panel's state (`whatIf`).
 */
import { type PlacedError, placed } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';
import { fetchHydrantWhatIf, type HydrantStatus, type HydrantWhatIf } from './api';

/** Owner of the pick-point tool in what-if mode. */
export const WHAT_IF_TOOL = 'hydrants.what-if';

/** What the what-ifs need of the panel's state. */
interface Host {
  readonly atlas: Atlas;
  readonly radius: number;
  readonly statuses: readonly HydrantStatus[];
  error: PlacedError | undefined;
}

export class WhatIfs {
  hypothetical = $state.raw<[number, number][]>([]);
  faulty = $state.raw<{ id: number; code: string; lon: number; lat: number }[]>([]);
  whatIf = $state.raw<HydrantWhatIf | undefined>(undefined);

  constructor(readonly host: Host) {}

  get active(): boolean {
    return this.host.atlas.tool.isActive(WHAT_IF_TOOL);
  }

  /** What-if mode on or off: a click on a hydrant assumes it faulty; anywhere else drops a hypothetical hydrant. */
  toggle(): void {
    const atlas = this.host.atlas;
    if (this.active) {
      atlas.tool.release(WHAT_IF_TOOL);
      return;
    }
    atlas.tool.pickPoint({ owner: WHAT_IF_TOOL, once: false, hitLayers: ['hydrants-circle'] }, ({ lngLat, hit }) => {
      const original = hit && atlas.layer('hydrants').byId.get(String(hit.id));
      if (original && original.geometry.type === 'Point') {
        const [lon = 0, lat = 0] = original.geometry.coordinates;
        const props = original.properties as { id: number; code: string };
        this.toggleFaulty({ id: props.id, code: props.code, lon, lat });
      } else {
        this.addHypothetical(lngLat);
      }
    });
  }

  addHypothetical(lngLat: [number, number]): void {
    this.hypothetical = [...this.hypothetical, lngLat];
    void this.run();
  }

  toggleFaulty(h: { id: number; code: string; lon: number; lat: number }): void {
    this.faulty = this.faulty.some((f) => f.id === h.id)
      ? this.faulty.filter((f) => f.id !== h.id)
      : [...this.faulty, h];
    void this.run();
  }

  clear(): void {
    this.hypothetical = [];
    this.faulty = [];
    this.whatIf = undefined;
    this.#request++;
  }

  #request = 0;
  async run(): Promise<void> {
    const n = ++this.#request;
    if (this.hypothetical.length === 0 && this.faulty.length === 0) {
      this.whatIf = undefined;
      return;
    }
    try {
      const answer = await fetchHydrantWhatIf({
        county: this.host.atlas.countyParam,
        radius: this.host.radius,
        statuses: [...this.host.statuses],
        add: [...this.hypothetical],
        faulty: this.faulty.map((f) => f.id),
      });
      if (n === this.#request) {
        this.whatIf = answer;
        if (this.host.error?.at === 'whatIf') this.host.error = undefined;
      }
    } catch (err) {
      if (n === this.#request) this.host.error = placed('whatIf', err);
    }
  }
}
