/**
 * Response-time standards of the station coverage analysis (docs/standards.md §1–§2).
 * Pure constants: the services report them in every answer's `assumptions`.
 */
/** Stations reach the district edge within 5 min of the turnout order (建标152-2017; GB 51080-2015 §4.1.3). */
export const STATION_STANDARD_S = 300;
/** Micro stations reach the scene within 3 min (公消〔2015〕301号). */
export const MICRO_STANDARD_S = 180;
/** No national figure for township teams (乡镇专职队): configurable, default the station's 5 min (assumption). */
export const TEAM_STANDARD_DEFAULT_S = 300;
/** The rule the summary measures: the 5-minute station rule. */
export const FIVE_MINUTES_S = 300;
/** Sites of risk level ≥ this are high-risk (the summary, the gap list, the comparison). */
export const HIGH_RISK = 3;
/** Straight-line rings: 30 km/h (assumption; an own check, not an official basis — docs/standards.md §3). */
export const RING_SPEED_KMH = 30;

/** Where the standards above come from, as the API's `assumptions.standardsS.source` says it. */
export const STANDARDS_SOURCE =
  '建标152-2017 and GB 51080-2015 §4.1.3: stations 5 min to the district edge from the turnout order; 公消〔2015〕301号: micro stations 3 min; township teams: configurable (team_standard), default 300 s (assumption)';

/** The standard (s) of a unit kind: station, micro station, else the township team's. */
export function standardOf(kind: string, teamStandardS: number): number {
  return kind === 'station' ? STATION_STANDARD_S : kind === 'micro_station' ? MICRO_STANDARD_S : teamStandardS;
}
