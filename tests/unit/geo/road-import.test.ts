/**
 * The pure road import: tag mapping, one-way handling, reading GeoJSON, clipping and noding
 * (checked against brute-force segment intersection and against the routing graph built by
 * the server's `buildRoadGraph`).
 */
import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { MultiPolygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../data/synthetic/prng';
import { buildRoadGraph } from '../../../server/analysis/road-graph';
import { RoadImportError } from '../../../server/geo/roads/errors';
import { osmRoadClass } from '../../../server/geo/roads/osm-highway';
import { detectFormat, osmWayId, parseGeoJson, type RawWay } from '../../../server/geo/roads/parse';
import { type ImportEdge, prepareRoads } from '../../../server/geo/roads/prepare';
import { layerOf, onewayOf, refRoadClass, roadTags } from '../../../server/geo/roads/tags';
import { UnionFind } from '../../../server/geo/union-find';
import { readRoadFile } from '../../../server/services/road-file-read';

const fixture = (name: string) => new URL(`../../fixtures/roads/${name}`, import.meta.url).pathname;
const county = (
  JSON.parse(readFileSync(new URL('../../../data/wuyang/county-boundary.wgs84.geojson', import.meta.url), 'utf8')) as {
    features: { geometry: MultiPolygon }[];
  }
).features[0]?.geometry as MultiPolygon;

const way = (coords: Position[], props: Record<string, unknown>, osmId: number | null = null): RawWay => ({
  osmId,
  parts: [coords],
  props,
});

describe('tag mapping', () => {
  it('keeps the drivable highway values and maps them like the county-seat generator', () => {
    for (const h of [
      'trunk',
      'primary',
      'secondary',
      'tertiary',
      'unclassified',
      'residential',
      'living_street',
      'service',
      'primary_link',
    ]) {
      const r = roadTags({ highway: h });
      expect('kept' in r && r.kept.cls, h).toBe(osmRoadClass(h));
    }
    expect(osmRoadClass('primary')).toBe('urban_arterial');
    expect(osmRoadClass('tertiary')).toBe('urban_collector');
    expect(osmRoadClass('residential')).toBe('urban_local');
  });

  it('drops non-drivable ways and says why', () => {
    for (const h of [
      'footway',
      'path',
      'cycleway',
      'steps',
      'pedestrian',
      'track',
      'bridleway',
      'construction',
      'proposed',
      'bus_stop',
    ]) {
      expect(roadTags({ highway: h })).toEqual({ dropped: `highway=${h}` });
    }
    expect(roadTags({ highway: 'service', area: 'yes' })).toEqual({ dropped: 'area=yes' });
    expect(roadTags({ name: 'x' })).toEqual({ dropped: 'no highway or class' });
    expect(roadTags({ class: 'freeway' })).toEqual({ dropped: 'class=freeway' });
  });

  it('takes a Chinese route number first, then motorway → national, and our own class property', () => {
    expect(refRoadClass('G107')).toBe('national');
    expect(refRoadClass('S237;G4')).toBe('provincial');
    expect(refRoadClass('x012')).toBe('county');
    expect(refRoadClass('Y 003')).toBe('township');
    expect(refRoadClass('C101')).toBe('village');
    expect(refRoadClass('Z001')).toBeNull();
    expect(refRoadClass('Gate 3')).toBeNull();
    const cls = (p: Record<string, unknown>) => {
      const r = roadTags(p);
      return 'kept' in r ? r.kept.cls : r.dropped;
    };
    expect(cls({ highway: 'primary', ref: 'S237' })).toBe('provincial');
    expect(cls({ highway: 'residential', ref: 'C101' })).toBe('village');
    expect(cls({ highway: 'motorway' })).toBe('national');
    expect(cls({ highway: 'motorway_link' })).toBe('national');
    expect(cls({ class: 'township' })).toBe('township');
    expect(cls({ class: 'county', highway: 'residential' })).toBe('county');
  });

  it('reads oneway=yes/true/1/-1, roundabouts and motorways, and oneway=no over an implied one-way', () => {
    for (const v of ['yes', 'true', '1', 'YES', true]) expect(onewayOf({ oneway: v }), String(v)).toBe('forward');
    expect(onewayOf({ oneway: '-1' })).toBe('reverse');
    for (const v of ['no', 'false', '0', 'reversible', 'alternating', false])
      expect(onewayOf({ oneway: v })).toBe('no');
    expect(onewayOf({ junction: 'roundabout' })).toBe('forward');
    expect(onewayOf({ junction: 'circular' })).toBe('forward');
    expect(onewayOf({ junction: 'roundabout', oneway: 'no' })).toBe('no');
    expect(onewayOf({ highway: 'motorway' })).toBe('forward');
    expect(onewayOf({ highway: 'primary' })).toBe('no');
  });

  it('puts bridges above and tunnels below unless layer says otherwise', () => {
    expect(layerOf({})).toBe(0);
    expect(layerOf({ bridge: 'yes' })).toBe(1);
    expect(layerOf({ bridge: 'viaduct' })).toBe(1);
    expect(layerOf({ bridge: 'no' })).toBe(0);
    expect(layerOf({ tunnel: 'yes' })).toBe(-1);
    expect(layerOf({ bridge: 'yes', layer: '2' })).toBe(2);
    expect(layerOf({ layer: 'x' })).toBe(0);
  });
});

describe('reading', () => {
  it('detects the format by extension and rejects anything else', () => {
    expect(detectFormat('henan-latest.osm.pbf')).toBe('pbf');
    expect(detectFormat('a/b/C.OSM')).toBe('osm-xml');
    expect(detectFormat('roads.geojson')).toBe('geojson');
    expect(() => detectFormat('roads.shp')).toThrow(RoadImportError);
    expect(() => detectFormat('roads.shp')).toThrow(/不支持的文件类型.*unsupported file type/s);
  });

  it('names the Debian package when osmium is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(readRoadFile(fixture('wuyang-east.osm'))).rejects.toThrow(
        /未找到 osmium.*osmium-tool.*osmium not found.*apt-get install osmium-tool/s,
      );
    } finally {
      process.env.PATH = path;
    }
  });

  it('reads OSM way ids in the usual spellings', () => {
    expect(osmWayId('w123')).toBe(123);
    expect(osmWayId('way/456')).toBe(456);
    expect(osmWayId(789)).toBe(789);
    expect(osmWayId('n123')).toBeNull();
    expect(osmWayId('relation/5')).toBeNull();
  });

  it('reads lines and multilines of a FeatureCollection, counting the rest', () => {
    const r = parseGeoJson(readFileSync(fixture('wuyang-east.geojson'), 'utf8'), 'wuyang-east.geojson');
    expect(r.ways.map((w) => w.osmId)).toEqual([501, 502, 503, 505, 506]);
    expect(r.ways[1]?.parts).toHaveLength(2);
    expect(r.notLines).toBe(1);
    expect(() => parseGeoJson(readFileSync(fixture('broken.geojson'), 'utf8'), 'broken.geojson')).toThrow(
      /无法解析 GeoJSON.*cannot parse GeoJSON/s,
    );
    expect(() => parseGeoJson('{"type":"Feature"}', 'x.geojson')).toThrow(/FeatureCollection/);
  });
});

/** Brute force: where do two segments meet (touching included)? Planar in degrees, as PostGIS. */
function meet(a: Position, b: Position, c: Position, d: Position): Position | null {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const [cx, cy] = c as [number, number];
  const [dx, dy] = d as [number, number];
  const den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
  if (den === 0) return null;
  const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
  const u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return null;
  return [ax + t * (bx - ax), ay + t * (by - ay)];
}

const near = (p: Position, q: Position, tolDeg = 2e-6) =>
  Math.abs((p[0] as number) - (q[0] as number)) <= tolDeg && Math.abs((p[1] as number) - (q[1] as number)) <= tolDeg;

/** Every place two edges of one layer meet must be an end of both (the graph joins only there). */
function unnodedMeetings(edges: readonly ImportEdge[]): string[] {
  const bad: string[] = [];
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const e = edges[i] as ImportEdge;
      const f = edges[j] as ImportEdge;
      if (e.layer !== f.layer) continue;
      const endsE = [e.coords[0] as Position, e.coords.at(-1) as Position];
      const endsF = [f.coords[0] as Position, f.coords.at(-1) as Position];
      for (let s = 1; s < e.coords.length; s++) {
        for (let k = 1; k < f.coords.length; k++) {
          const p = meet(
            e.coords[s - 1] as Position,
            e.coords[s] as Position,
            f.coords[k - 1] as Position,
            f.coords[k] as Position,
          );
          if (p && !(endsE.some((q) => near(p, q)) && endsF.some((q) => near(p, q)))) bad.push(`${i}×${j} at ${p}`);
        }
      }
    }
  }
  return bad;
}

const graphOf = (edges: readonly ImportEdge[]) =>
  buildRoadGraph(
    edges.map((e, i) => ({
      type: 'Feature' as const,
      id: i,
      properties: { class: e.cls, oneway: e.oneway },
      geometry: { type: 'LineString' as const, coordinates: e.coords },
    })),
    {
      speedsKmh: {
        national: 60,
        provincial: 60,
        county: 45,
        township: 35,
        village: 25,
        urban_arterial: 40,
        urban_collector: 30,
        urban_local: 20,
      },
    },
  );

describe('prepareRoads on the GeoJSON fixture', () => {
  const r = parseGeoJson(readFileSync(fixture('wuyang-east.geojson'), 'utf8'), 'wuyang-east.geojson');
  const { edges, summary } = prepareRoads(r.ways, county);

  it('clips at the county line, nodes the crossings and keeps one component', () => {
    expect(summary).toMatchObject({
      waysRead: 5,
      waysKept: 3,
      waysOutside: 0,
      waysClipped: 1,
      edges: 8,
      onewayEdges: 1,
      components: 1,
    });
    expect(summary.dropped).toEqual({ 'highway=footway': 1, 'class=motorway_bogus': 1 });
    expect(unnodedMeetings(edges)).toEqual([]);
    expect(graphOf(edges).componentSizes).toHaveLength(1);
    const outline = turf.lineString(county.coordinates[0]?.[0] as Position[]);
    for (const e of edges) {
      for (const p of e.coords) {
        const onLine = turf.pointToLineDistance(p, outline, { units: 'meters' }) < 0.05;
        expect(turf.booleanPointInPolygon(p, county) || onLine, `${p}`).toBe(true);
      }
    }
    const east = edges.filter((e) => e.osmId === 501).flatMap((e) => e.coords.map((p) => p[0] as number));
    // The county line at 33.578° N runs at 113.849246° E (linear between outline vertices 63 and 64).
    const lineX = 113.848448 + ((33.578 - 33.567644) / (33.589169 - 33.567644)) * (113.850001 - 113.848448);
    expect(Math.max(...east)).toBeCloseTo(lineX, 6);
  });

  it('maps the ref X012 to a county road, one-way in its drawing direction', () => {
    const oneway = edges.filter((e) => e.oneway);
    expect(oneway).toHaveLength(1);
    expect(oneway[0]).toMatchObject({ cls: 'county', osmId: 506, name: '单行县道' });
    expect(oneway[0]?.coords[0]).toEqual([113.834, 33.574]);
  });

  it('turns oneway=-1 around so the row is one-way in its drawing direction', () => {
    const { edges: rev } = prepareRoads(
      [
        way(
          [
            [113.83, 33.58],
            [113.84, 33.58],
          ],
          { highway: 'residential', oneway: '-1' },
        ),
      ],
      county,
    );
    expect(rev).toHaveLength(1);
    expect(rev[0]?.oneway).toBe(true);
    expect(rev[0]?.coords).toEqual([
      [113.84, 33.58],
      [113.83, 33.58],
    ]);
  });

  it('refuses a file with no drivable line, or with every road outside the county', () => {
    expect(() =>
      prepareRoads(
        [
          way(
            [
              [113.83, 33.58],
              [113.84, 33.58],
            ],
            { highway: 'footway' },
          ),
        ],
        county,
      ),
    ).toThrow(/没有可通行的道路线.*no drivable road line/s);
    expect(() =>
      prepareRoads(
        [
          way(
            [
              [113.852, 33.574],
              [113.856, 33.574],
            ],
            { highway: 'primary' },
          ),
        ],
        county,
      ),
    ).toThrow(/全部位于县界之外.*outside the county/s);
  });
});

describe('noding against brute force', () => {
  it('nodes a bridge only at its ends, not with the street it passes over', () => {
    const ways = [
      way(
        [
          [113.83, 33.58],
          [113.84, 33.58],
        ],
        { highway: 'primary' },
        1,
      ),
      way(
        [
          [113.835, 33.575],
          [113.835, 33.578],
        ],
        { highway: 'primary' },
        2,
      ),
      way(
        [
          [113.835, 33.578],
          [113.835, 33.582],
        ],
        { highway: 'primary', bridge: 'yes', layer: '1' },
        3,
      ),
      way(
        [
          [113.835, 33.582],
          [113.835, 33.585],
        ],
        { highway: 'primary' },
        4,
      ),
      // A bridge ramp landing on the interior of a ground street: the street must split there.
      way(
        [
          [113.838, 33.576],
          [113.838, 33.58],
        ],
        { highway: 'service', bridge: 'yes' },
        5,
      ),
    ];
    const { edges, summary } = prepareRoads(ways, county);
    expect(edges.filter((e) => e.osmId === 1)).toHaveLength(2); // split at the ramp only, not under the bridge
    expect(edges.filter((e) => e.osmId === 1).flatMap((e) => [e.coords[0], e.coords.at(-1)])).toContainEqual([
      113.838, 33.58,
    ]);
    expect(edges.filter((e) => e.osmId === 3)).toHaveLength(1);
    const crossings = edges.flatMap((e) =>
      edges
        .filter((f) => f.layer !== e.layer)
        .flatMap((f) =>
          e.coords.slice(1).flatMap((q, s) =>
            f.coords.slice(1).flatMap((r, k) => {
              const p = meet(e.coords[s] as Position, q, f.coords[k] as Position, r);
              return p ? [p] : [];
            }),
          ),
        ),
    );
    expect(crossings.some((p) => near(p, [113.835, 33.58]))).toBe(true); // the bridge does cross the street
    expect(graphOf(edges).nodeCount).toBe(8);
    // Two components: the bridged street (2, 3, 4) and the street with its ramp (1, 5).
    expect(summary.components).toBe(2);
    expect(graphOf(edges).componentSizes.sort()).toEqual([4, 4]);
  });

  it('random streets: every meeting is a node, and the graph has the components of the lines', () => {
    // Straight streets (a polyline doubling back on itself would overlap itself, and the
    // overlap is kept once by design): 30 of them, up to ~2 km long, over a 5 km square.
    const rng = new Rng(20240601);
    const lines: Position[][] = [];
    for (let i = 0; i < 30; i++) {
      const a: Position = [113.6 + rng.uniform(0, 0.05), 33.53 + rng.uniform(0, 0.045)];
      lines.push([a, [(a[0] as number) + rng.uniform(-0.012, 0.012), (a[1] as number) + rng.uniform(-0.01, 0.01)]]);
    }
    const { edges, summary } = prepareRoads(
      lines.map((l, i) => way(l, { highway: 'residential' }, i + 1)),
      county,
    );
    expect(summary.waysOutside).toBe(0);
    expect(unnodedMeetings(edges)).toEqual([]);
    // Brute force: two lines connect when they come within the 1 m snap distance (for straight
    // segments that is a crossing, or an end within 1 m of the other: a T-junction).
    const kx = 111195 * Math.cos((33.55 * Math.PI) / 180);
    const ky = 111195;
    const xy = (p: Position): [number, number] => [(p[0] as number) * kx, (p[1] as number) * ky];
    const pointSeg = (p: Position, a: Position, b: Position) => {
      const [px, py] = xy(p);
      const [ax, ay] = xy(a);
      const [bx, by] = xy(b);
      const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / l2));
      return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
    };
    const uf = new UnionFind(lines.length);
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        const [a0, a1] = lines[i] as [Position, Position];
        const [b0, b1] = lines[j] as [Position, Position];
        const d = Math.min(pointSeg(a0, b0, b1), pointSeg(a1, b0, b1), pointSeg(b0, a0, a1), pointSeg(b1, a0, a1));
        if (meet(a0, a1, b0, b1) || d <= 1) uf.union(i, j);
      }
    }
    const expected = new Set(lines.map((_, i) => uf.find(i))).size;
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThan(lines.length);
    const graph = graphOf(edges);
    expect(graph.componentSizes).toHaveLength(expected);
    expect(summary.components).toBe(expected);
    // Each component of lines is one graph component (graph edges are reordered: find them by id).
    const graphEdge = new Map<number, number>();
    graph.edgeId.forEach((id, g) => {
      graphEdge.set(id, g);
    });
    const componentOfLine = (line: number) => {
      const e = edges.findIndex((x) => x.osmId === line + 1);
      return graph.component[graph.edgeSource[graphEdge.get(e) as number] as number];
    };
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) {
        expect(componentOfLine(i) === componentOfLine(j), `lines ${i} and ${j}`).toBe(uf.find(i) === uf.find(j));
      }
    }
    // Noding splits a line but keeps its length (snapping moves a node by at most 1 m).
    lines.forEach((l, i) => {
      const before = turf.length(turf.lineString(l), { units: 'meters' });
      const after = edges
        .filter((e) => e.osmId === i + 1)
        .reduce((s, e) => s + turf.length(turf.lineString(e.coords), { units: 'meters' }), 0);
      expect(Math.abs(after - before), `line ${i}`).toBeLessThan(2);
    });
  });
});
