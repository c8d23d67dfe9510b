/**
 * Which parts of the coverage answer a change of the panel's query needs again (pure): every part
 * depends on the units and the grid (the common query); some also on the mode, the main threshold,
 * the township teams' standard or the ERF time. A threshold click asks for the summary, the
 * high-risk list and the districts only; the rings are asked for when they are shown.
 */
import type { Coverage, CoverageParts, CoverageQuery, PanelPart } from './api';

/** The query fields a part depends on besides the common ones (the server computes it from these). */
const OWN_FIELDS: Record<PanelPart, readonly (keyof CoverageQuery)[]> = {
  surface: [],
  isochrones: ['mode'],
  gaps: ['team_standard'],
  districts: ['mode', 'threshold'],
  highRiskOutside: ['threshold'],
  noRoadAccessSites: [],
  rings: [],
  erf: ['erf'],
  summary: ['threshold', 'team_standard'],
};
const PART_FIELDS = new Set<keyof CoverageQuery>(Object.values(OWN_FIELDS).flat());

/** What a part answers for a query: the common fields and its own (equal keys, equal part). */
export function partKey(q: CoverageQuery, part: PanelPart): string {
  const common = Object.entries(q)
    .filter(([k, v]) => v !== undefined && !PART_FIELDS.has(k as keyof CoverageQuery))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([common, OWN_FIELDS[part].map((f) => q[f] ?? null)]);
}

/** The parts a query needs that the held ones do not answer (the rings only when shown). */
export function missingParts(
  q: CoverageQuery,
  held: Readonly<Partial<Record<PanelPart, string>>>,
  o: { showRings: boolean },
): PanelPart[] {
  return (Object.keys(OWN_FIELDS) as PanelPart[]).filter(
    (part) => (part !== 'rings' || o.showRings) && held[part] !== partKey(q, part),
  );
}

const emptyRings: Coverage['rings'] = { type: 'FeatureCollection', features: [] };

/**
 * The answer to draw: the parts just fetched over the held answer (kept only where it answers the same
 * common query — `held` says which); rings not fetched yet are empty.
 */
export function mergeParts(
  previous: Coverage | undefined,
  fetched: CoverageParts,
  asked: readonly PanelPart[],
  q: CoverageQuery,
  held: Readonly<Partial<Record<PanelPart, string>>>,
): { coverage: Coverage; held: Partial<Record<PanelPart, string>> } {
  const next: Partial<Record<PanelPart, string>> = {};
  const kept: Record<string, unknown> = { rings: emptyRings };
  for (const part of Object.keys(OWN_FIELDS) as PanelPart[]) {
    const key = partKey(q, part);
    if (asked.includes(part)) next[part] = key;
    else if (previous && held[part] === key) {
      kept[part] = previous[part];
      next[part] = key;
    }
  }
  // The fetched answer brings its parts and what always comes (units, query echo, assumptions, timing).
  return { coverage: { ...kept, ...fetched } as Coverage, held: next };
}
