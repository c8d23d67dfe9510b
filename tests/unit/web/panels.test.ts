/** Panel declarations (web/state/panels.ts): each panel's layers are data, applied exactly. */
import { describe, expect, it } from 'vitest';
import { registry } from '../../../web/map/layers';
import { panelDeclaration, panels, shownLayers } from '../../../web/state/panels';

const ids = new Set(registry.map((m) => m.id));

describe('panel declarations', () => {
  it('name only layer modules that exist, and never the tool overlay', () => {
    for (const p of panels) {
      if (p.shows === 'base') continue;
      for (const id of [...p.shows, ...p.may]) {
        expect(ids.has(id), `${p.id}: ${id}`).toBe(true);
        expect(id).not.toBe('map-tool');
      }
    }
  });

  it('the layers panel is the base map exactly; an analysis panel ignores it', () => {
    const base = new Set(['sites', 'hydrants', 'units']);
    expect(shownLayers(panelDeclaration('layers'), base, new Set())).toEqual(base);
    expect(shownLayers(panelDeclaration('hydrants'), base, new Set())).toEqual(
      new Set(['counties', 'townships', 'roads', 'hydrant-plan', 'hydrant-proposals', 'hydrants']),
    );
  });

  it('optional layers count only where declared; focused ones are added for the visit', () => {
    const density = panelDeclaration('density');
    expect(shownLayers(density, new Set(), new Set(['hazard-heat', 'sites']))).toEqual(
      new Set(['counties', 'townships', 'township-choropleth', 'hazard-heat']),
    );
    expect(shownLayers(panelDeclaration('stations'), new Set(), new Set(), new Set(['sites'])).has('sites')).toBe(true);
  });
});
