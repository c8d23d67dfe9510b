/**
 * The 警情 panel's state (issue 14): the call located (a map click with the fire-call tool, a
 * search hit, a site), the server's whole answer, the duty board shown before a call, the unit
 * selection and water radius, and what the map layer draws (map-data.ts). Never touches the map:
 * the tool comes from atlas.tool, the drawing from the fire-call layer module.
 */
import { tick } from 'svelte';
import { type PlacedError, placed } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';
import {
  type DutyStatus,
  type DutyUnit,
  type FireCall,
  type FireCallQuery,
  fetchDutyBoard,
  fetchFireCall,
  putDuty,
} from './api';
import { fireCallMapData } from './map-data';

export const FIRE_CALL_TOOL = 'fire-call.locate';

export type CallPlace = { site: number } | { lon: number; lat: number };

export class FireCallState {
  answer = $state.raw<FireCall | undefined>(undefined);
  place = $state.raw<CallPlace | undefined>(undefined);
  units = $state<'available' | 'all'>('available');
  waterRadius = $state(500);
  loading = $state(false);
  error = $state.raw<PlacedError | undefined>(undefined);
  /** Click (or search pick) to answer on screen, ms, for the status line and the benchmark. */
  answerMs = $state<number | undefined>(undefined);
  /** Answers shown so far (e2e waits for the next one). */
  answers = $state(0);
  duty = $state.raw<DutyUnit[]>([]);
  dutyLoaded = $state(false);
  #asked = 0;

  constructor(private readonly atlas: Atlas) {}

  get picking(): boolean {
    return this.atlas.tool.isActive(FIRE_CALL_TOOL);
  }

  errorAt(at: string): string | undefined {
    return this.error?.at === at ? this.error.message : undefined;
  }

  /** The fire-call tool: every click on the map locates a call (a site under the click is that site). */
  togglePick(): void {
    if (this.picking) {
      this.atlas.tool.release(FIRE_CALL_TOOL);
      return;
    }
    this.atlas.tool.pickPoint(
      { owner: FIRE_CALL_TOOL, once: false, hitLayers: ['sites-circle'] },
      ({ lngLat, hit }) => {
        const site = hit?.source === 'sites' ? Number(hit.id) : Number.NaN;
        // the camera stays where the user clicked
        void this.locate(Number.isInteger(site) && site > 0 ? { site } : { lon: lngLat[0], lat: lngLat[1] }, false);
      },
    );
  }

  /** Asks the server; `fly`: bring the scene and the first route into view (a search, not a map click). */
  async locate(place: CallPlace, fly = true): Promise<void> {
    const started = performance.now();
    const asked = ++this.#asked;
    this.place = place;
    this.loading = true;
    this.error = undefined;
    const q: FireCallQuery = {
      ...place,
      units: this.units,
      waterRadius: this.waterRadius,
      county: this.atlas.countyParam,
    };
    try {
      const answer = await fetchFireCall(q);
      if (asked !== this.#asked) return;
      this.answer = answer;
      this.atlas.layer('fire-call').fill(fireCallMapData(answer));
      if (fly) {
        const first = answer.routes.features[0]?.geometry.coordinates ?? [];
        this.atlas.flyTo({ type: 'MultiPoint', coordinates: [[answer.point.lon, answer.point.lat], ...first] });
      }
      // on screen once Svelte has updated the DOM
      await tick();
      this.answerMs = Math.round(performance.now() - started);
      this.answers++;
    } catch (err) {
      if (asked === this.#asked) this.error = placed('locate', err);
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }

  /** Asks again with the current selection and radius. */
  refresh(): void {
    if (this.place) void this.locate(this.place, false);
  }

  clear(): void {
    this.#asked++;
    this.answer = undefined;
    this.place = undefined;
    this.atlas.layer('fire-call').fill(fireCallMapData(undefined));
    void this.loadDuty();
  }

  async loadDuty(): Promise<void> {
    try {
      this.duty = (await fetchDutyBoard()).units;
      this.dutyLoaded = true;
    } catch (err) {
      this.error = placed('duty', err);
    }
  }

  async setDuty(unitId: number, status: DutyStatus): Promise<void> {
    this.error = undefined;
    try {
      const after = await putDuty(unitId, status);
      this.duty = this.duty.map((d) => (d.unitId === unitId ? after : d));
      if (this.answer) this.refresh();
    } catch (err) {
      this.error = placed(`duty-${unitId}`, err);
    }
  }
}
