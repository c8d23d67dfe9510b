/** Request schemas of GET /api/coverage/stations and /api/coverage/stations/compare. */
import { z } from 'zod';
import { DEFAULT_THRESHOLDS_S } from '../analysis/isochrones';
import { CountyParam, queryInt, queryNumber, safeText } from './params';

const idList = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}(,\d{1,9})*$/, `${name} must be unit ids separated by commas`)
    .transform((s) => [...new Set(s.split(',').map(Number))]);

const MAX_THRESHOLDS = 8;

/** Seconds, 1 … 3600 (the site routing cutoff), comma-separated; unsorted is fine, duplicates dropped. */
const Thresholds = z
  .string()
  .trim()
  .regex(/^\d{1,4}(,\d{1,4})*$/, 'thresholds must be seconds separated by commas')
  .transform((s, ctx) => {
    const values = s.split(',').map((p) => Number(p.trim()));
    // Each threshold is a polygon set to trace: a long list is a denial of service, not a question.
    if (values.length > MAX_THRESHOLDS) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_THRESHOLDS} thresholds` });
      return z.NEVER;
    }
    for (const v of values) {
      if (!Number.isInteger(v) || v <= 0 || v > 3600) {
        ctx.addIssue({ code: 'custom', message: 'each threshold must be an integer number of seconds in 1…3600' });
        return z.NEVER;
      }
    }
    return [...new Set(values)].sort((a, b) => a - b);
  });

const Units = z
  .union([z.enum(['in_service', 'all']), idList('units')])
  .transform((u) => (u === 'in_service' || u === 'all' ? { kind: u } : { kind: 'ids' as const, ids: u }));

/** `id:seconds` pairs, e.g. `1:90,5:120`: turnout times tried live (0 … 1800 s), not saved. */
const Turnouts = z
  .string()
  .trim()
  .regex(/^\d{1,9}:\d{1,4}(,\d{1,9}:\d{1,4})*$/, 'turnout must be unit-id:seconds pairs separated by commas')
  .transform((s, ctx) => {
    const pairs = s.split(',').map((p) => p.split(':').map(Number) as [number, number]);
    if (pairs.some(([, t]) => t > 1800)) {
      ctx.addIssue({ code: 'custom', message: 'each turnout must be 0…1800 seconds' });
      return z.NEVER;
    }
    return new Map(pairs);
  });

const Cell = queryInt(25, 1000, 'cell must be an integer number of metres');

/** The main threshold (s): every headline figure, the high-risk list and the comparison refer to it. */
const Threshold = queryInt(1, 3600, 'threshold must be whole seconds').default(300);

/** The off-road leg (docs/standards.md §3): speed from the road to a cell or site, and the farthest a road may be. */
const offRoadFields = {
  /** km/h, default 15 (the OSRM car profile's service speed: unmapped lanes and yards). */
  off_road_speed: queryNumber(1, 60, 'off_road_speed').default(15),
  /** Metres, default 200; cells and sites farther from every road have no road access. */
  off_road_max: queryInt(25, 500, 'off_road_max must be whole metres in 25…500').default(200),
};

const MAX_HYPOTHETICAL = 20;
const UNIT_KINDS = ['station', 'township_team', 'micro_station'] as const;

/**
 * Hypothetical units tried live (not saved): `kind:lon:lat:turnout` separated by commas, e.g.
 * `station:113.6102:33.4391:60`; they answer as h1, h2 … in order (the ids a saved scenario gives them).
 */
const Hypothetical = z
  .string()
  .trim()
  .max(2000, 'hypothetical: at most 2000 characters')
  .regex(
    /^[a-z_]+:-?\d{1,3}(\.\d{1,10})?:-?\d{1,2}(\.\d{1,10})?:\d{1,4}(,[a-z_]+:-?\d{1,3}(\.\d{1,10})?:-?\d{1,2}(\.\d{1,10})?:\d{1,4})*$/,
    'hypothetical must be kind:lon:lat:turnout entries separated by commas',
  )
  .transform((s, ctx) => {
    const out = s.split(',').map((e) => {
      const [kind, lon, lat, turnout] = e.split(':');
      return {
        kind: kind as (typeof UNIT_KINDS)[number],
        lon: Number(lon),
        lat: Number(lat),
        turnoutS: Number(turnout),
      };
    });
    const bad = out.find(
      (h) => !UNIT_KINDS.includes(h.kind) || Math.abs(h.lon) > 180 || Math.abs(h.lat) > 90 || h.turnoutS > 1800,
    );
    if (bad || out.length > MAX_HYPOTHETICAL) {
      ctx.addIssue({
        code: 'custom',
        message: `hypothetical: at most ${MAX_HYPOTHETICAL} units of kind ${UNIT_KINDS.join(' | ')}, lon/lat in range, turnout 0…1800 s`,
      });
      return z.NEVER;
    }
    return out;
  });

const coverageFields = {
  /** The county (adcode) to run on; default the focus county. A scenario runs on its own county. */
  county: CountyParam,
  thresholds: Thresholds.default([...DEFAULT_THRESHOLDS_S]),
  mode: z.enum(['dissolve', 'split', 'overlap']).default('dissolve'),
  /** Default in_service; not with `scenario`. */
  units: Units.optional(),
  /** Turnout overrides of selected units, tried without saving a scenario; not with `scenario`. */
  turnout: Turnouts.optional(),
  /** Adds built units (the second squad) to the selection; not with `scenario`. */
  include_built: z
    .enum(['true', 'false'])
    .transform((s) => s === 'true')
    .optional(),
  cell: Cell.default(100),
  /** Township teams' target, s: no national figure, default the station's 300 s (TEAM_STANDARD_DEFAULT_S). */
  team_standard: queryInt(60, 3600).default(300),
  /** Effective response force layer (personnel reachable within this many seconds per cell). */
  erf: queryInt(1, 3600, 'erf must be whole seconds').optional(),
  /** Units of a saved scenario instead of `units` / `include_built`. */
  scenario: queryInt(1, 2_147_483_647).optional(),
  threshold: Threshold,
  ...offRoadFields,
  /** Hypothetical units tried live; not with `scenario`. */
  hypothetical: Hypothetical.optional(),
};

const scenarioAlone = {
  check: (q: {
    scenario?: number;
    units?: unknown;
    include_built?: boolean;
    turnout?: unknown;
    hypothetical?: unknown;
  }) =>
    q.scenario === undefined ||
    (q.units === undefined && q.include_built === undefined && q.turnout === undefined && q.hypothetical === undefined),
  message: 'scenario chooses the units: leave out units, include_built, turnout and hypothetical',
  path: ['scenario'],
};

/**
 * The parts of the coverage answer that can be asked for alone (`parts=surface,gaps,…`, in any order;
 * default every part). The units, the query echo (scenario, thresholds, mode), the assumptions and the
 * timing always come.
 */
export const coverageParts = [
  'isochrones',
  'surface',
  'gaps',
  'districts',
  'sites',
  'highRiskOutside',
  'noRoadAccessSites',
  'rings',
  'erf',
  'summary',
] as const;
export type CoveragePart = (typeof coverageParts)[number];

const Parts = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const asked = s.split(',').map((p) => p.trim());
    const unknown = asked.filter((p) => !(coverageParts as readonly string[]).includes(p));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `parts must be among ${coverageParts.join(', ')}` });
      return z.NEVER;
    }
    return coverageParts.filter((p) => asked.includes(p));
  });

export const StationCoverageQuery = z
  .strictObject({ ...coverageFields, parts: Parts.optional() })
  .refine(scenarioAlone.check, { message: scenarioAlone.message, path: scenarioAlone.path });

/** Sort keys of the per-site table (GET /api/coverage/stations/sites[.csv|.xlsx]). */
export const siteSortKeys = [
  'name',
  'category',
  'township',
  'firstUnit',
  'firstEta',
  'secondUnit',
  'secondEta',
] as const;
export type SiteSortKey = (typeof siteSortKeys)[number];

const siteTableFields = {
  ...coverageFields,
  /** high_risk_outside: risk level ≥ 3 and first-due ETA over `threshold` (or not reached); all: every site. */
  scope: z.enum(['all', 'high_risk_outside']).default('high_risk_outside'),
  /** 9-digit township code: only that township's sites. */
  township: z
    .string()
    .regex(/^\d{9}$/, 'township must be a 9-digit code')
    .optional(),
  sort: z.enum(siteSortKeys).default('firstEta'),
  dir: z.enum(['asc', 'desc']).default('desc'),
};

/** The per-site export: the coverage query plus scope, threshold, township and order. */
export const StationSitesExportQuery = z
  .strictObject({
    ...siteTableFields,
    /** Headers and labels of the file: Chinese (default) or English. */
    lang: z.enum(['zh', 'en']).optional(),
  })
  .refine(scenarioAlone.check, { message: scenarioAlone.message, path: scenarioAlone.path });

/** The per-site table as JSON, one page at a time (the panel never holds 15,500 rows). */
export const StationSitesQuery = z
  .strictObject({
    ...siteTableFields,
    offset: queryInt(0, 1_000_000).default(0),
    limit: queryInt(1, 1000).default(100),
  })
  .refine(scenarioAlone.check, { message: scenarioAlone.message, path: scenarioAlone.path });

/** `activate=built` puts every built unit on duty (the "二中队投勤" button); else unit ids. */
export const StationCompareQuery = z
  .strictObject({
    county: CountyParam,
    activate: z.union([z.literal('built'), idList('activate')]).optional(),
    scenario: queryInt(1, 2_147_483_647).optional(),
    cell: Cell.default(100),
    /** Seconds: what "covered" means in the comparison (the 5-minute standard is always beside it). */
    threshold: Threshold,
    ...offRoadFields,
  })
  .refine((q) => (q.activate === undefined) !== (q.scenario === undefined), {
    message: 'give exactly one of activate and scenario',
    path: ['activate'],
  });

/** Where a unit placed at a spot would join the road network (GET /api/coverage/stations/snap). */
export const StationSnapQuery = z.strictObject({
  county: CountyParam,
  lon: queryNumber(-180, 180, 'lon'),
  lat: queryNumber(-90, 90, 'lat'),
  off_road_max: offRoadFields.off_road_max,
});

const TurnoutS = z.number().int().min(0).max(1800);
const UnitId = z.number().int().min(1).max(2_147_483_647);

/** What a scenario changes against the baseline; unit ids are checked against the units table. */
export const ScenarioChanges = z.strictObject({
  /** Status overrides, e.g. the second squad from built to in_service. Units in service respond. */
  unitStatus: z
    .array(z.strictObject({ unitId: UnitId, status: z.enum(['in_service', 'built', 'planned', 'closed']) }))
    .max(500)
    .default([]),
  turnout: z
    .array(z.strictObject({ unitId: UnitId, turnoutS: TurnoutS }))
    .max(500)
    .default([]),
  /** Hypothetical units (a click on the map); they respond as in service. */
  hypotheticalUnits: z
    .array(
      z.strictObject({
        name: safeText(100),
        kind: z.enum(['station', 'township_team', 'micro_station']),
        lon: z.number().min(-180).max(180),
        lat: z.number().min(-90).max(90),
        turnoutS: TurnoutS.default(60),
        staff: z.number().int().min(0).max(1000).default(0),
      }),
    )
    .max(100)
    .default([]),
});
export type ScenarioChanges = z.infer<typeof ScenarioChanges>;

export const ScenarioBody = z.strictObject({
  name: safeText(200),
  description: safeText(2000).nullable().default(null),
  changes: ScenarioChanges,
});
export type ScenarioBody = z.infer<typeof ScenarioBody>;

export const ScenarioIdParam = z.strictObject({ id: queryInt(1, 2_147_483_647) });

/** GET /api/scenarios and POST /api/scenarios: the county the scenarios belong to (default the focus county). */
export const ScenarioCountyQuery = z.strictObject({ county: CountyParam });
