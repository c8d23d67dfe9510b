/** Camera moves to a feature: fit a polygon's bounds, fly to a point. */
import type { Geometry, Position } from 'geojson';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';

function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positions);
  }
}

/** `[[west, south], [east, north]]` of a geometry. */
export function boundsOf(g: Geometry): [[number, number], [number, number]] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x = 0, y = 0] of positions(g)) {
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  }
  return [
    [w, s],
    [e, n],
  ];
}

/** Where a popup points: the point itself, or the middle of a shape's bounds. */
export function anchorOf(g: Geometry): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0] ?? 0, g.coordinates[1] ?? 0];
  const [[w, s], [e, n]] = boundsOf(g);
  return [(w + e) / 2, (s + n) / 2];
}

/** Street zoom for a point target: every site is drawn from zoom 12, labels from 16. */
const pointZoom = 16;

export function flyToGeometry(map: MapLibreMap, g: Geometry, animate = true): void {
  if (g.type === 'Point') {
    map.flyTo({ center: g.coordinates as [number, number], zoom: Math.max(map.getZoom(), pointZoom), animate });
    return;
  }
  map.fitBounds(boundsOf(g) as LngLatBoundsLike, { padding: 40, animate, maxZoom: pointZoom });
}
