/**
 * The map-tool state machine (web/state/tool-machine.ts): one tool at a time, picks handed to
 * their owner, a polygon closed on finish, the measure line, Esc back to select, and the cursor
 * each tool keeps whatever is under the pointer.
 */
import { describe, expect, it } from 'vitest';
import {
  closedPolygon,
  cursorFor,
  hoverLayersFor,
  selectState,
  step,
  type ToolEvent,
  type ToolState,
} from '../../../web/state/tool-machine';

function run(state: ToolState, ...events: ToolEvent[]) {
  const outputs = [];
  let s = state;
  for (const e of events) {
    const next = step(s, e);
    s = next.state;
    outputs.push(...next.outputs);
  }
  return { state: s, outputs };
}

const pickOnce: ToolEvent = { type: 'request', request: { kind: 'pick-point', owner: 'a', once: true } };
const pickMany: ToolEvent = {
  type: 'request',
  request: { kind: 'pick-point', owner: 'w', once: false, hitLayers: ['hydrants-circle'] },
};

describe('tool machine', () => {
  it('starts in select; a click there produces nothing', () => {
    expect(run(selectState, { type: 'click', lngLat: [1, 2] })).toEqual({ state: selectState, outputs: [] });
  });

  it('pick-point once: one pick, then back to select with an end for the owner', () => {
    const r = run(selectState, pickOnce, { type: 'click', lngLat: [113.6, 33.4] });
    expect(r.state).toEqual(selectState);
    expect(r.outputs).toEqual([
      { type: 'pick', owner: 'a', result: { lngLat: [113.6, 33.4] } },
      { type: 'ended', owner: 'a' },
    ]);
  });

  it('pick-point many: picks with the hit feature until cancelled', () => {
    const hit = { layer: 'hydrants-circle', source: 'hydrants', id: 7 };
    const r = run(
      selectState,
      pickMany,
      { type: 'click', lngLat: [1, 1] },
      { type: 'click', lngLat: [2, 2], hit },
      { type: 'cancel' },
    );
    expect(r.state).toEqual(selectState);
    expect(r.outputs).toEqual([
      { type: 'pick', owner: 'w', result: { lngLat: [1, 1] } },
      { type: 'pick', owner: 'w', result: { lngLat: [2, 2], hit } },
      { type: 'ended', owner: 'w' },
    ]);
  });

  it('a new tool replaces the old one, whose owner hears the end', () => {
    const r = run(selectState, pickMany, { type: 'request', request: { kind: 'measure', owner: 'toolbar' } });
    expect(r.state.kind).toBe('measure');
    expect(r.outputs).toEqual([{ type: 'ended', owner: 'w' }]);
  });

  it('draw-polygon: vertices, a double click (two clicks on one spot) closes the ring', () => {
    const r = run(
      selectState,
      { type: 'request', request: { kind: 'draw-polygon', owner: 'plan' } },
      { type: 'click', lngLat: [0, 0] },
      { type: 'click', lngLat: [1, 0] },
      { type: 'click', lngLat: [1, 1] },
      { type: 'click', lngLat: [1, 1] },
      { type: 'dblclick' },
    );
    expect(r.state).toEqual(selectState);
    expect(r.outputs).toEqual([
      {
        type: 'polygon',
        owner: 'plan',
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
    ]);
  });

  it('draw-polygon: finish with fewer than 3 vertices does nothing; undo takes the last one back', () => {
    const r = run(
      selectState,
      { type: 'request', request: { kind: 'draw-polygon', owner: 'plan' } },
      { type: 'click', lngLat: [0, 0] },
      { type: 'click', lngLat: [1, 0] },
      { type: 'finish' },
      { type: 'undo' },
    );
    expect(r.state).toMatchObject({ kind: 'draw-polygon', vertices: [[0, 0]] });
    expect(r.outputs).toEqual([]);
    expect(closedPolygon([[0, 0]])).toBeUndefined();
  });

  it('measure: points, finish keeps the line, the next click starts a new one; Esc ends', () => {
    const measure: ToolEvent = { type: 'request', request: { kind: 'measure', owner: 'toolbar' } };
    let r = run(selectState, measure, { type: 'click', lngLat: [0, 0] }, { type: 'click', lngLat: [0, 1] });
    expect(r.state).toMatchObject({
      kind: 'measure',
      vertices: [
        [0, 0],
        [0, 1],
      ],
      done: false,
    });
    r = run(r.state, { type: 'finish' });
    expect(r.state).toMatchObject({ done: true });
    r = run(r.state, { type: 'click', lngLat: [5, 5] });
    expect(r.state).toMatchObject({ kind: 'measure', vertices: [[5, 5]], done: false });
    r = run(r.state, { type: 'cancel' });
    expect(r).toEqual({ state: selectState, outputs: [{ type: 'ended', owner: 'toolbar' }] });
  });

  it('move-point: a drag moves the point, a move without the button does not, 完成 hands it back', () => {
    const request: ToolEvent = { type: 'request', request: { kind: 'move-point', owner: 'm', from: [113.6, 33.4] } };
    const dragged = run(
      selectState,
      request,
      { type: 'drag', lngLat: [1, 1] }, // no button down: ignored
      { type: 'drag-start', lngLat: [113.6, 33.4] },
      { type: 'drag', lngLat: [113.601, 33.4] },
      { type: 'drag-end', lngLat: [113.602, 33.401] },
      { type: 'drag', lngLat: [5, 5] }, // after the button is up: ignored
    );
    expect(dragged.state).toMatchObject({ kind: 'move-point', at: [113.602, 33.401], dragging: false });
    expect(cursorFor(dragged.state, false)).toBe('grab');
    expect(cursorFor(step(dragged.state, { type: 'drag-start', lngLat: [0, 0] }).state, false)).toBe('grabbing');
    const clicked = run(dragged.state, { type: 'click', lngLat: [113.7, 33.5] }, { type: 'finish' });
    expect(clicked.state).toEqual(selectState);
    expect(clicked.outputs).toEqual([{ type: 'moved', owner: 'm', lngLat: [113.7, 33.5] }]);
    expect(run(dragged.state, { type: 'cancel' }).outputs).toEqual([{ type: 'ended', owner: 'm' }]);
  });

  it('cursor: pointer over a feature in select, crosshair in every other tool whatever is hovered', () => {
    expect(cursorFor(selectState, false)).toBe('');
    expect(cursorFor(selectState, true)).toBe('pointer');
    for (const request of [
      { kind: 'pick-point', owner: 'a', once: true },
      { kind: 'draw-polygon', owner: 'b' },
      { kind: 'measure', owner: 'c' },
    ] as const) {
      const s = step(selectState, { type: 'request', request }).state;
      expect(cursorFor(s, false)).toBe('crosshair');
      expect(cursorFor(s, true)).toBe('crosshair');
    }
  });

  it('hover layers: the interactive ones in select, the pick tool’s own, none while drawing', () => {
    expect(hoverLayersFor(selectState, ['units-icon', 'townships-fill'])).toEqual(['units-icon', 'townships-fill']);
    expect(hoverLayersFor(step(selectState, pickMany).state, ['units-icon'])).toEqual(['hydrants-circle']);
    expect(hoverLayersFor(step(selectState, pickOnce).state, ['units-icon'])).toEqual([]);
    const measuring = step(selectState, { type: 'request', request: { kind: 'measure', owner: 'c' } }).state;
    expect(hoverLayersFor(measuring, ['units-icon'])).toEqual([]);
  });
});
