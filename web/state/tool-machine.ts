/**
 * The map-tool state machine, pure (tests/unit/web/tool-machine.test.ts): one active tool at a
 * time — `select` (hover, popups), `pick-point` (a what-if hydrant, a hypothetical unit),
 * `draw-polygon` (a plan area), `measure` (a polyline and the straight line, geodesic) or
 * `move-point` (drag a feature's point to a new place, or click there; 完成 hands it back).
 * `step` takes the state and a pointer or key event and returns the next state and, where a tool
 * produced something, the result to hand to whoever asked for the tool. No MapLibre here: the
 * map (web/map/interaction.ts) turns its events into these.
 */
import type { Polygon } from 'geojson';

export type LngLat = [number, number];

/** A feature under the pointer, on one of the layers the tool asked about. */
export interface Hit {
  layer: string;
  source: string;
  id: string | number;
}

export interface PickResult {
  lngLat: LngLat;
  /** The top-most feature of the tool's `hitLayers` under the click, if any. */
  hit?: Hit;
}

export interface PickPointRequest {
  kind: 'pick-point';
  /** Who asked (e.g. 'hydrants.what-if'): the panel shows its button pressed while this is active. */
  owner: string;
  /** One pick, then back to select; otherwise picks until cancelled. */
  once: boolean;
  /** Style layers whose features a click reports (`hit`) and hover highlights. */
  hitLayers?: string[];
}

export interface DrawPolygonRequest {
  kind: 'draw-polygon';
  owner: string;
}

export interface MeasureRequest {
  kind: 'measure';
  owner: string;
}

export interface MovePointRequest {
  kind: 'move-point';
  owner: string;
  /** Where the point is now. */
  from: LngLat;
}

export type ToolRequest = PickPointRequest | DrawPolygonRequest | MeasureRequest | MovePointRequest;

export type ToolState =
  | { kind: 'select' }
  | { kind: 'pick-point'; request: PickPointRequest }
  | { kind: 'draw-polygon'; request: DrawPolygonRequest; vertices: LngLat[] }
  | { kind: 'measure'; request: MeasureRequest; vertices: LngLat[]; done: boolean }
  /** `at` follows the drag; `dragging` while the button is down. */
  | { kind: 'move-point'; request: MovePointRequest; at: LngLat; dragging: boolean };

export type ToolEvent =
  | { type: 'request'; request: ToolRequest }
  | { type: 'click'; lngLat: LngLat; hit?: Hit }
  | { type: 'dblclick' }
  /** The visible 完成 button, or Enter. */
  | { type: 'finish' }
  /** Esc or the visible cancel button. */
  | { type: 'cancel' }
  /** Backspace: the last vertex off. */
  | { type: 'undo' }
  /** Button down on the map, the pointer moving with it held, button up (move-point drags). */
  | { type: 'drag-start'; lngLat: LngLat }
  | { type: 'drag'; lngLat: LngLat }
  | { type: 'drag-end'; lngLat: LngLat };

/** What the tool hands back to the one who asked: a pick, a finished polygon, or an end. */
export type ToolOutput =
  | { type: 'pick'; owner: string; result: PickResult }
  | { type: 'polygon'; owner: string; polygon: Polygon }
  | { type: 'moved'; owner: string; lngLat: LngLat }
  /** The tool ended without a result (cancelled, or replaced by another tool). */
  | { type: 'ended'; owner: string };

export interface Step {
  state: ToolState;
  outputs: ToolOutput[];
}

export const selectState: ToolState = { kind: 'select' };

const same = (a: LngLat | undefined, b: LngLat) => a !== undefined && a[0] === b[0] && a[1] === b[1];

function initial(request: ToolRequest): ToolState {
  switch (request.kind) {
    case 'pick-point':
      return { kind: 'pick-point', request };
    case 'draw-polygon':
      return { kind: 'draw-polygon', request, vertices: [] };
    case 'measure':
      return { kind: 'measure', request, vertices: [], done: false };
    case 'move-point':
      return { kind: 'move-point', request, at: request.from, dragging: false };
  }
}

/** The closed polygon of ≥ 3 vertices, counter-clockwise or not as drawn. */
export function closedPolygon(vertices: readonly LngLat[]): Polygon | undefined {
  if (vertices.length < 3) return undefined;
  const ring = vertices.map((v) => [v[0], v[1]]);
  ring.push([vertices[0]?.[0] ?? 0, vertices[0]?.[1] ?? 0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * One event on the current tool.
 * @example
 * step(selectState, { type: 'request', request: { kind: 'measure', owner: 'toolbar' } }).state.kind // 'measure'
 */
export function step(state: ToolState, event: ToolEvent): Step {
  const ended = (): ToolOutput[] => (state.kind === 'select' ? [] : [{ type: 'ended', owner: state.request.owner }]);
  switch (event.type) {
    case 'request':
      return { state: initial(event.request), outputs: ended() };
    case 'cancel':
      return { state: selectState, outputs: ended() };
    case 'click': {
      if (state.kind === 'pick-point') {
        const result: PickResult = event.hit ? { lngLat: event.lngLat, hit: event.hit } : { lngLat: event.lngLat };
        const pick: ToolOutput = { type: 'pick', owner: state.request.owner, result };
        if (state.request.once) return { state: selectState, outputs: [pick, ...ended()] };
        return { state, outputs: [pick] };
      }
      if (state.kind === 'draw-polygon') {
        // the two clicks of a double click land on the same spot: one vertex
        if (same(state.vertices.at(-1), event.lngLat)) return { state, outputs: [] };
        return { state: { ...state, vertices: [...state.vertices, event.lngLat] }, outputs: [] };
      }
      if (state.kind === 'move-point') return { state: { ...state, at: event.lngLat }, outputs: [] };
      if (state.kind === 'measure') {
        if (state.done) return { state: { ...state, vertices: [event.lngLat], done: false }, outputs: [] };
        if (same(state.vertices.at(-1), event.lngLat)) return { state, outputs: [] };
        return { state: { ...state, vertices: [...state.vertices, event.lngLat] }, outputs: [] };
      }
      return { state, outputs: [] };
    }
    case 'drag-start':
    case 'drag':
    case 'drag-end': {
      if (state.kind !== 'move-point') return { state, outputs: [] };
      if (event.type !== 'drag-start' && !state.dragging) return { state, outputs: [] };
      return { state: { ...state, at: event.lngLat, dragging: event.type !== 'drag-end' }, outputs: [] };
    }
    case 'dblclick':
    case 'finish': {
      if (state.kind === 'move-point' && event.type === 'finish') {
        return { state: selectState, outputs: [{ type: 'moved', owner: state.request.owner, lngLat: state.at }] };
      }
      if (state.kind === 'draw-polygon') {
        const polygon = closedPolygon(state.vertices);
        if (!polygon) return { state, outputs: [] };
        return { state: selectState, outputs: [{ type: 'polygon', owner: state.request.owner, polygon }] };
      }
      if (state.kind === 'measure' && state.vertices.length >= 2) {
        return { state: { ...state, done: true }, outputs: [] };
      }
      return { state, outputs: [] };
    }
    case 'undo': {
      if ((state.kind === 'draw-polygon' || state.kind === 'measure') && state.vertices.length > 0) {
        return {
          state: {
            ...state,
            vertices: state.vertices.slice(0, -1),
            ...(state.kind === 'measure' ? { done: false } : {}),
          } as ToolState,
          outputs: [],
        };
      }
      return { state, outputs: [] };
    }
  }
}

/** The map's cursor for a tool; `hovering` = a feature the tool reacts to is under the pointer. */
export function cursorFor(state: ToolState, hovering: boolean): string {
  if (state.kind === 'select') return hovering ? 'pointer' : '';
  if (state.kind === 'move-point') return state.dragging ? 'grabbing' : 'grab';
  return 'crosshair';
}

/** Style layers whose features answer hover (and, in select, clicks) under this tool. */
export function hoverLayersFor(state: ToolState, interactive: readonly string[]): string[] {
  if (state.kind === 'select') return [...interactive];
  if (state.kind === 'pick-point') return [...(state.request.hitLayers ?? [])];
  return [];
}
