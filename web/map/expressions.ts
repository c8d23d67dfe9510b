/**
 * Style-expression builders shared by the layer modules. Filters read the app's choices from
 * MapLibre global state (`['global-state', key]`, MapLibre ≥ 5.6), so choosing a township or
 * hiding a class is one `setGlobalStateProperty` call and no layer's filter is ever rewritten.
 */
import type { ExpressionSpecification, StateSpecification } from '@maplibre/maplibre-gl-style-spec';

/** Global-state key of the chosen township's 9-digit code; '' = whole county. */
export const townshipKey = 'township';

/** Global-state key holding the values of `prop` hidden in layer `layerId`'s legend. */
export function hiddenKey(layerId: string, prop: string): string {
  return `hidden.${layerId}.${prop}`;
}

/** `['match', ['get', prop], k1, v1, …, fallback]` from a table (colours, widths) keyed by class. */
export function matchProp(
  prop: string,
  table: Readonly<Record<string, string | number>>,
  fallback: string | number = '#888888',
): ExpressionSpecification {
  const pairs = Object.entries(table).flat();
  return ['match', ['get', prop], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** The same for numeric keys (risk levels), which arrive as numbers. */
export function matchNumber(
  prop: string,
  table: Readonly<Record<number, number | string>>,
  fallback: number | string,
): ExpressionSpecification {
  const pairs = Object.entries(table).flatMap(([k, v]) => [Number(k), v]);
  return ['match', ['to-number', ['get', prop]], ...pairs, fallback] as unknown as ExpressionSpecification;
}

/** Features of the chosen township (all when none is chosen). */
export function inTownship(prop = 'townshipCode'): ExpressionSpecification {
  return [
    'any',
    ['==', ['global-state', townshipKey], ''],
    ['==', ['to-string', ['get', prop]], ['global-state', townshipKey]],
  ];
}

/** Features whose `prop` is not among the values hidden in the legend. */
export function notHidden(layerId: string, prop: string): ExpressionSpecification {
  return ['!', ['in', ['get', prop], ['global-state', hiddenKey(layerId, prop)]]];
}

/** `hover` feature-state switch, for highlight paint (STYLE.md §13). */
export function onHover(
  hovered: number | string | ExpressionSpecification,
  normal: number | string | ExpressionSpecification,
): ExpressionSpecification {
  return ['case', ['boolean', ['feature-state', 'hover'], false], hovered, normal];
}

/**
 * Zoom-interpolated value, e.g. `byZoom([10, 2], [16, 7])`. Outputs may be data expressions
 * (`onHover(…)`): `zoom` must stay the input of the top-level interpolate.
 */
export function byZoom(...stops: [number, number | ExpressionSpecification][]): ExpressionSpecification {
  return ['interpolate', ['linear'], ['zoom'], ...stops.flat()] as ExpressionSpecification;
}

/** Default global state for a set of hidden-class keys plus the township. */
export function defaultState(hiddenKeys: string[]): StateSpecification {
  const state: StateSpecification = { [townshipKey]: { default: '' } };
  for (const key of hiddenKeys) state[key] = { default: [] };
  return state;
}

/** `['all', …]` over expressions (typed, so filters compose without casts). */
export function all(...conditions: ExpressionSpecification[]): ExpressionSpecification {
  return ['all', ...conditions];
}
