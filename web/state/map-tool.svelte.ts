/**
 * The active map tool (`atlas.tool`): panels ask for a tool and get its result through a
 * callback or a promise, and never touch the map; web/map/interaction.ts feeds pointer and key
 * events in through `dispatch` and reads the cursor and hover layers from here.
 */
import type { Polygon } from 'geojson';
import { geodesicDistance, pathLength } from '../map/geodesic';
import {
  cursorFor,
  hoverLayersFor,
  type LngLat,
  type PickResult,
  selectState,
  step,
  type ToolEvent,
  type ToolOutput,
  type ToolRequest,
  type ToolState,
} from './tool-machine';

interface Listener {
  onPick?: (result: PickResult) => void;
  onPolygon?: (polygon: Polygon) => void;
  onMoved?: (lngLat: LngLat) => void;
  onEnd?: () => void;
}

export class MapTool {
  state = $state.raw<ToolState>(selectState);
  #listeners = new Map<string, Listener>();

  kind = $derived(this.state.kind);
  owner = $derived(this.state.kind === 'select' ? undefined : this.state.request.owner);
  /** Vertices of the line or polygon being drawn (move-point: from the old place to the new). */
  vertices = $derived<readonly LngLat[]>(
    this.state.kind === 'measure' || this.state.kind === 'draw-polygon'
      ? this.state.vertices
      : this.state.kind === 'move-point'
        ? [this.state.request.from, this.state.at]
        : [],
  );
  /** Where the moved point is now (move-point only). */
  movedTo = $derived<LngLat | undefined>(this.state.kind === 'move-point' ? this.state.at : undefined);
  /** The measure readout: along the polyline and straight from the first to the last point, metres. */
  readout = $derived.by(() => {
    const v = this.vertices;
    if (this.state.kind !== 'measure' || v.length < 2) return undefined;
    return {
      pathM: pathLength(v),
      straightM: geodesicDistance(v[0] as LngLat, v[v.length - 1] as LngLat),
      points: v.length,
    };
  });

  isActive(owner: string): boolean {
    return this.owner === owner;
  }

  cursor(hovering: boolean): string {
    return cursorFor(this.state, hovering);
  }

  hoverLayers(interactive: readonly string[]): string[] {
    return hoverLayersFor(this.state, interactive);
  }

  dispatch(event: ToolEvent): void {
    const next = step(this.state, event);
    this.state = next.state;
    for (const out of next.outputs) this.#deliver(out);
  }

  #deliver(out: ToolOutput): void {
    const l = this.#listeners.get(out.owner);
    if (out.type === 'pick') {
      l?.onPick?.(out.result);
      return;
    }
    if (out.type === 'polygon') l?.onPolygon?.(out.polygon);
    if (out.type === 'moved') l?.onMoved?.(out.lngLat);
    // a finished polygon ends its tool too
    this.#listeners.delete(out.owner);
    l?.onEnd?.();
  }

  /** The previous tool's owner hears its end before the new one is registered. */
  #request(request: ToolRequest, listener: Listener): void {
    this.dispatch({ type: 'request', request });
    this.#listeners.set(request.owner, listener);
  }

  /**
   * Clicks on the map become picks: `onPick` for each (once: the first only, then select).
   * @example atlas.tool.pickPoint({ owner: 'stations.add-unit', once: true }, ({ lngLat }) => add(lngLat))
   */
  pickPoint(
    opts: { owner: string; once: boolean; hitLayers?: string[] },
    onPick: (result: PickResult) => void,
    onEnd?: () => void,
  ): void {
    this.#request({ kind: 'pick-point', ...opts }, { onPick, ...(onEnd ? { onEnd } : {}) });
  }

  /** A polygon drawn on the map (click the vertices, double-click or 完成), or undefined if cancelled. */
  drawPolygon(owner: string): Promise<Polygon | undefined> {
    return new Promise((resolve) => {
      let done = false;
      this.#request(
        { kind: 'draw-polygon', owner },
        {
          onPolygon: (p) => {
            done = true;
            resolve(p);
          },
          onEnd: () => {
            if (!done) resolve(undefined);
          },
        },
      );
    });
  }

  /**
   * Drag (or click) a point to a new place; 完成 (Enter) resolves with it, cancel with undefined.
   * @example const to = await atlas.tool.movePoint('asset-edit.move', [113.6, 33.4]);
   */
  movePoint(owner: string, from: LngLat): Promise<LngLat | undefined> {
    return new Promise((resolve) => {
      let done = false;
      this.#request(
        { kind: 'move-point', owner, from },
        {
          onMoved: (p) => {
            done = true;
            resolve(p);
          },
          onEnd: () => {
            if (!done) resolve(undefined);
          },
        },
      );
    });
  }

  measure(owner = 'toolbar'): void {
    this.#request({ kind: 'measure', owner }, {});
  }

  /** Back to select (Esc, the cancel button, a panel switch). */
  cancel(): void {
    if (this.state.kind !== 'select') this.dispatch({ type: 'cancel' });
  }

  /** Ends the tool only if `owner` holds it (a panel's own toggle button). */
  release(owner: string): void {
    if (this.isActive(owner)) this.cancel();
  }
}
