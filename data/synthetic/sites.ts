/**
 * SYNTHETIC sites: exactly the 15,500 places the brigade inspected in the report window
 * (docs/standards.md §6). Dense in the county-seat town (along its real streets, thicker near the
 * centre), clustered at township seats and villages, and always within 150 m of a road
 * (site-roads.ts pulls the stragglers in). The real OSM hospitals, schools, shops and the
 * railway station of the town become the first sites, under their real names and points.
 */
import type { Position } from 'geojson';
import { distXY, PolygonLookup, roundPosition, type XY } from '../../server/geo/plane';
import type { GenContext } from './context';
import { shortTownshipName } from './names';
import { type Rng, WeightedSampler } from './prng';
import { REPORT } from './report-figures';
import type { RoadNetwork } from './roads';
import { type Place, SITE_KINDS, type SiteCategory, type SiteKind } from './site-kinds';
import { bringSitesToRoads } from './site-roads';
import type { GenTownship } from './townships';
import type { DemoCountyData } from './types';
import type { GenVillage } from './villages';

export type SiteRow = DemoCountyData['sites'][number];

/** Share of all sites in the county-seat township; most of it in town. */
const SEAT_TOWNSHIP_SHARE = 0.4;
const TOWN_SHARE_OF_SEAT_TOWNSHIP = 0.88;
/** Share of a rural township's sites around its seat (the rest around its villages). */
const RURAL_SEAT_SHARE = 0.42;
const SEAT_SPREAD_M = 450;
const VILLAGE_SPREAD_M = 220;
/** Sites sit back from the street centreline by this much (buildings, not carriageways). */
const SETBACK_M: [number, number] = [12, 60];

/** OSM POI categories that are inspected sites, with their category and risk. */
const REAL_POI_SITES: Record<string, { category: SiteCategory; risk: number; floors: number; storeyM: number }> = {
  hospital: { category: 'medical', risk: 3, floors: 6, storeyM: 3.6 },
  school: { category: 'crowded', risk: 3, floors: 4, storeyM: 3.6 },
  railway_station: { category: 'crowded', risk: 3, floors: 2, storeyM: 6 },
  shop_or_other_amenity: { category: 'nine_small', risk: 1, floors: 1, storeyM: 3.5 },
};

interface Spot {
  geom: Position;
  place: Place;
  /** Street (town), seat street (township seat) or village, for name and address. */
  placeName: string;
  address: string;
}

function placeSeatTownship(ctx: GenContext, net: RoadNetwork, rng: Rng): () => { xy: XY; street: string | null } {
  const centre = ctx.proj.toXY(ctx.real.seat);
  const town = net.osm.filter((l) => l.coords.some((p) => ctx.inOsmBox(p)));
  const segs = town.flatMap((l) =>
    l.coords.slice(1).map((b, k) => ({ a: l.coords[k] as XY, b, name: l.name, len: distXY(l.coords[k] as XY, b) })),
  );
  // Denser towards the centre: a 1.5 km decay keeps the outskirts thinner.
  const sampler = new WeightedSampler(
    segs.map((s) => (ctx.inOsmBox(s.a) ? s.len * Math.exp(-distXY(s.a, centre) / 1500) : 0)),
  );
  return () => {
    const s = segs[sampler.draw(rng)] as (typeof segs)[number];
    const t = rng.next();
    const len = Math.max(s.len, 1e-9);
    const nx = -(s.b[1] - s.a[1]) / len;
    const ny = (s.b[0] - s.a[0]) / len;
    const off = rng.uniform(...SETBACK_M) * (rng.chance(0.5) ? 1 : -1);
    return {
      xy: [s.a[0] + t * (s.b[0] - s.a[0]) + off * nx, s.a[1] + t * (s.b[1] - s.a[1]) + off * ny],
      street: s.name,
    };
  };
}

function gaussianAround(rng: Rng, centre: XY, sigma: number): XY {
  return [centre[0] + rng.normal() * sigma, centre[1] + rng.normal() * sigma];
}

export function generateSites(
  ctx: GenContext,
  townships: GenTownship[],
  villages: GenVillage[],
  net: RoadNetwork,
): SiteRow[] {
  const rng = ctx.rng.fork('sites');
  const county = ctx.real.name;
  const lookup = new PolygonLookup(townships.map((t) => ({ key: t.code, geom: t.geom })));
  const byCode = new Map(townships.map((t) => [t.code, t]));
  const rows: SiteRow[] = [];
  const push = (code: string, kind: Omit<SiteKind, 'name' | 'weight'>, name: string, spot: Spot) => {
    const floors = rng.int(...kind.floors);
    const id = rows.length + 1;
    rows.push({
      id,
      adcode: ctx.real.adcode,
      townshipCode: code,
      code: `SI-${String(id).padStart(5, '0')}`,
      name,
      category: kind.category,
      riskLevel: rng.int(...kind.risk),
      address: spot.address,
      floors,
      heightM: Math.round((floors * kind.storeyM + rng.uniform(0.3, 1.5)) * 10) / 10,
      synthetic: true,
      geom: { type: 'Point', coordinates: spot.geom },
    });
  };

  for (const poi of ctx.real.pois) {
    const kind = REAL_POI_SITES[poi.category];
    const code = lookup.find(poi.geom.coordinates);
    if (!kind || !poi.name || !code) continue;
    const name = poi.category === 'railway_station' ? `${poi.name}站` : poi.name;
    const township = byCode.get(code) as GenTownship;
    push(code, { ...kind, risk: [kind.risk, kind.risk], floors: [kind.floors, kind.floors] }, name, {
      geom: poi.geom.coordinates,
      place: 'town',
      placeName: township.name,
      address: `${county}${township.name}`,
    });
  }

  const firstGenerated = rows.length;
  const seatCode = ctx.real.seatTownshipCode;
  const rural = townships.filter((t) => t.code !== seatCode);
  const ruralWeights = rural.map((t) => t.villageCount * rng.uniform(0.8, 1.2));
  const ruralTotal = ruralWeights.reduce((a, b) => a + b, 0);
  const remaining = REPORT.sitesInspected - rows.length;
  const seatQuota = Math.round(remaining * SEAT_TOWNSHIP_SHARE);
  const quotas = new Map<string, number>([[seatCode, seatQuota]]);
  let given = seatQuota;
  rural.forEach((t, i) => {
    const q =
      i === rural.length - 1
        ? remaining - given
        : Math.round(((remaining - seatQuota) * (ruralWeights[i] as number)) / ruralTotal);
    quotas.set(t.code, q);
    given += q;
  });

  const townSpot = placeSeatTownship(ctx, net, rng);
  const kindSamplers = new Map<Place, WeightedSampler>(
    (['town', 'seat', 'village'] as const).map((p) => [p, new WeightedSampler(SITE_KINDS.map((k) => k.weight[p]))]),
  );
  for (const t of townships) {
    const own = villages.filter((v) => v.townshipCode === t.code);
    const quota = quotas.get(t.code) ?? 0;
    const seatStreet = `${shortTownshipName(t.name)}大街`;
    for (let n = 0; n < quota; ) {
      const roll = rng.next();
      let xy: XY;
      let spot: Omit<Spot, 'geom'>;
      if (t.code === seatCode && roll < TOWN_SHARE_OF_SEAT_TOWNSHIP) {
        const s = townSpot();
        xy = s.xy;
        const street = s.street ?? '城关';
        spot = { place: 'town', placeName: street, address: `${county}${t.name}${street}${rng.int(1, 320)}号` };
      } else if (t.code !== seatCode && roll < RURAL_SEAT_SHARE) {
        xy = gaussianAround(rng, t.seatXY, SEAT_SPREAD_M);
        spot = { place: 'seat', placeName: t.name, address: `${county}${t.name}${seatStreet}${rng.int(1, 180)}号` };
      } else {
        const v = rng.pick(own);
        xy = gaussianAround(rng, v.xy, VILLAGE_SPREAD_M);
        spot = {
          place: 'village',
          placeName: v.shortName,
          address: `${county}${t.name}${v.shortName}${rng.int(1, 9)}组`,
        };
      }
      const geom = roundPosition(ctx.proj.toLonLat(xy));
      if (lookup.find(geom) !== t.code) continue;
      const kind = SITE_KINDS[(kindSamplers.get(spot.place) as WeightedSampler).draw(rng)] as SiteKind;
      push(t.code, kind, kind.name({ rng, place: spot.placeName, countyName: county }), { ...spot, geom });
      n++;
    }
  }
  bringSitesToRoads(ctx, rows, firstGenerated, net.edges, lookup);
  return rows;
}
