/**
 * OSM tags (or our own `class` property) → a road we keep, or the reason it is dropped.
 *
 * Kept (drivable by a fire engine): the highway values of the OSRM car profile cited in
 * docs/standards.md §3 (motorway, trunk, primary, secondary, tertiary and their _link ramps,
 * unclassified, residential, living_street, service) plus `road` (OSM's "type unknown").
 * Dropped: footway, path, cycleway, steps, pedestrian, bridleway, corridor, track (no speed in
 * that profile: field and forest tracks, not a fire-engine route — a field beside one is
 * reached off road), construction/proposed/abandoned, and any value not listed.
 *
 * Class: a Chinese route number in `ref` decides first (GB/T 917 prefixes: G national,
 * S provincial, X county, Y township, C village); otherwise motorways are `national` (we have
 * no expressway class: 60 km/h, below the 80 km/h an expressway class would get) and the rest follow the county-seat
 * mapping `osmRoadClass` (trunk/primary → urban arterial, secondary/tertiary → collector, the
 * rest local).
 */
import { isRoadClass, osmRoadClass, type RoadClass } from './osm-highway';

export const DRIVABLE_HIGHWAYS: ReadonlySet<string> = new Set([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
]);

export type Oneway = 'no' | 'forward' | 'reverse';

export interface RoadTags {
  cls: RoadClass;
  /** The OSM highway value (null when the input gave only our `class`). */
  highway: string | null;
  name: string | null;
  oneway: Oneway;
  /** Vertical layer: roads on different layers (bridges, tunnels) are not joined where they cross. */
  layer: number;
}

export type TagResult = { kept: RoadTags } | { dropped: string };

type Props = Readonly<Record<string, unknown>>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

const REF_CLASS: Readonly<Record<string, RoadClass>> = {
  G: 'national',
  S: 'provincial',
  X: 'county',
  Y: 'township',
  C: 'village',
};

/** The class a Chinese route number (first of `;`-separated refs) implies, if any: "G107" → national. */
export function refRoadClass(ref: string | null): RoadClass | null {
  if (!ref) return null;
  const first = ref.split(';')[0]?.trim().toUpperCase() ?? '';
  const m = /^([GSXYC])\s*\d/.exec(first);
  return m ? (REF_CLASS[m[1] as string] ?? null) : null;
}

/**
 * OSM `oneway` (yes/true/1 forward, -1/reverse backward, no/false/0 two-way; reversible and
 * alternating count as two-way), with the implied one-ways of `junction=roundabout|circular`
 * and `highway=motorway` unless `oneway` says otherwise.
 */
export function onewayOf(props: Props): Oneway {
  const raw = str(props.oneway)?.toLowerCase() ?? (typeof props.oneway === 'boolean' ? String(props.oneway) : null);
  if (raw === 'yes' || raw === 'true' || raw === '1') return 'forward';
  if (raw === '-1' || raw === 'reverse') return 'reverse';
  if (raw !== null) return 'no';
  const junction = str(props.junction)?.toLowerCase();
  if (junction === 'roundabout' || junction === 'circular') return 'forward';
  if (str(props.highway) === 'motorway') return 'forward';
  return 'no';
}

/** `layer` tag, else 1 for a bridge, −1 for a tunnel, else 0. */
export function layerOf(props: Props): number {
  const raw = props.layer;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  if (Number.isInteger(n)) return n;
  const yes = (v: unknown) => {
    const s = str(v)?.toLowerCase();
    return s !== null && s !== undefined && s !== 'no';
  };
  if (yes(props.bridge)) return 1;
  if (yes(props.tunnel)) return -1;
  return 0;
}

export function roadTags(props: Props): TagResult {
  const highway = str(props.highway);
  const own = props.class;
  let cls: RoadClass;
  if (highway !== null) {
    if (!DRIVABLE_HIGHWAYS.has(highway)) return { dropped: `highway=${highway}` };
    const area = str(props.area);
    if (area === 'yes') return { dropped: 'area=yes' };
    cls =
      (isRoadClass(own) ? own : null) ??
      refRoadClass(str(props.ref)) ??
      (highway.replace(/_link$/, '') === 'motorway' ? 'national' : osmRoadClass(highway));
  } else if (isRoadClass(own)) {
    cls = own;
  } else if (own !== undefined) {
    return { dropped: `class=${String(own)}` };
  } else {
    return { dropped: 'no highway or class' };
  }
  return { kept: { cls, highway, name: str(props.name), oneway: onewayOf(props), layer: layerOf(props) } };
}
