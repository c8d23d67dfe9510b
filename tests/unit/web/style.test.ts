/**
 * The whole map style, assembled from the layer registry exactly as the app does, must be
 * valid MapLibre style JSON; and its filters must mean what the panel assumes (evaluated
 * with the style-spec's own expression engine, not a re-implementation).
 */
import { featureFilter, type LayerSpecification, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { tileLayersBefore } from '../../../web/map/basemap';
import { hiddenKey, townshipKey } from '../../../web/map/expressions';
import { registry } from '../../../web/map/layers';
import { buildStyle, initialState } from '../../../web/map/style';

const style = buildStyle(registry);
const layer = (id: string): LayerSpecification => {
  const found = style.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
};

describe('map style', () => {
  it('validates against the style spec', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('fetches nothing: no glyphs, sprite or remote source', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(JSON.stringify(style.sources)).not.toMatch(/https?:/);
  });

  it('draws in registry order with every label above every body', () => {
    const ids = style.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstLabel = style.layers.findIndex((l) => l.type === 'symbol' && l.id.endsWith('-label'));
    const lastBody = style.layers.findLastIndex((l) => !l.id.endsWith('-label'));
    expect(lastBody).toBeLessThan(firstLabel);
    const bodyModules = style.layers
      .slice(1, firstLabel)
      .map((l) => registry.findIndex((m) => m.layers.some((b) => b.id === l.id)));
    expect(bodyModules).toEqual([...bodyModules].sort((a, b) => a - b));
  });

  it('names only layers that exist (interaction, opacity, tile basemap slot)', () => {
    for (const m of registry) {
      for (const id of m.interactive) expect(layer(id).id).toBe(id);
      for (const o of m.opacity) expect(layer(o.layer).type).toBe(o.property.split('-')[0]);
    }
    expect(layer(tileLayersBefore).id).toBe(tileLayersBefore);
  });

  it('starts hidden layers hidden and hides only the classes modules ask for', () => {
    for (const m of registry) {
      for (const l of [...m.layers, ...m.labels]) {
        expect(layer(l.id).layout?.visibility ?? 'visible').toBe(m.defaultVisible ? 'visible' : 'none');
      }
    }
    expect(initialState(registry)?.[hiddenKey('hazards', 'status')]).toEqual({ default: ['rectified', 'verified'] });
    expect(initialState(registry)?.[hiddenKey('hydrants', 'status')]).toEqual({ default: [] });
  });
});

describe('filters through global state', () => {
  const hydrant = (townshipCode: string, status: string) => ({
    type: 'Point' as const,
    properties: { townshipCode, status, kind: 'municipal' },
  });
  const shown = (state: Record<string, unknown>, feature: ReturnType<typeof hydrant>) => {
    const spec = layer('hydrants-circle');
    if (spec.type !== 'circle') throw new Error('hydrants-circle is not a circle layer');
    const base = { [townshipKey]: '', [hiddenKey('hydrants', 'status')]: [], [hiddenKey('hydrants', 'kind')]: [] };
    return featureFilter(spec.filter, 'filter', { ...base, ...state }).filter({ zoom: 14 }, feature);
  };

  it('keeps every township when none is chosen', () => {
    expect(shown({}, hydrant('411121104', 'ok'))).toBe(true);
    expect(shown({}, hydrant('411121100', 'ok'))).toBe(true);
  });

  it('keeps only the chosen township (辛安镇 411121104)', () => {
    expect(shown({ [townshipKey]: '411121104' }, hydrant('411121104', 'ok'))).toBe(true);
    expect(shown({ [townshipKey]: '411121104' }, hydrant('411121100', 'ok'))).toBe(false);
  });

  it('drops classes hidden in the legend', () => {
    const state = { [hiddenKey('hydrants', 'status')]: ['faulty'] };
    expect(shown(state, hydrant('411121104', 'faulty'))).toBe(false);
    expect(shown(state, hydrant('411121104', 'ok'))).toBe(true);
  });
});
