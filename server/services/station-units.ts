/**
 * The units a station coverage query considers: database units picked by a selection, with tried
 * turnout times; a scenario's units come from station-scenarios.ts in the same shape.
 */
import type { StationUnitRow, UnitKind } from '../../db/queries/station-coverage';
import { InvalidParameterError } from '../errors';

export type UnitSelection = { kind: 'in_service' } | { kind: 'all' } | { kind: 'ids'; ids: number[] };

/** A unit as considered: a database unit, possibly changed, or a hypothetical one. */
export interface ConsideredUnit {
  id: number | string;
  code: string;
  name: string;
  kind: UnitKind;
  status: string;
  staff: number;
  turnoutS: number;
  lon: number;
  lat: number;
  hypothetical: boolean;
}

export function toConsidered(u: StationUnitRow): ConsideredUnit {
  return { ...u, hypothetical: false };
}

/** Picks the units asked for; an unknown id is a 400. */
export function selectUnits(all: StationUnitRow[], selection: UnitSelection, includeBuilt: boolean): ConsideredUnit[] {
  if (selection.kind === 'ids') {
    const byId = new Map(all.map((u) => [u.id, u]));
    const unknown = selection.ids.filter((id) => !byId.has(id));
    if (unknown.length > 0)
      throw new InvalidParameterError(`units: unknown unit id ${unknown.join(', ')}`, { unknown });
    return [...new Set(selection.ids)].map((id) => toConsidered(byId.get(id) as StationUnitRow));
  }
  const statuses = selection.kind === 'all' ? ['in_service', 'built', 'planned'] : ['in_service'];
  if (includeBuilt) statuses.push('built');
  return all.filter((u) => statuses.includes(u.status)).map(toConsidered);
}

/** The units with tried turnout times; an override for a unit not selected is a 400. */
export function withTurnouts(units: ConsideredUnit[], turnout: ReadonlyMap<number, number> | undefined) {
  if (!turnout || turnout.size === 0) return units;
  const ids = new Set(units.map((u) => u.id));
  const stray = [...turnout.keys()].filter((id) => !ids.has(id));
  if (stray.length > 0)
    throw new InvalidParameterError(`turnout: unit ${stray.join(', ')} is not among the units considered`, {
      stray,
    });
  return units.map((u) => {
    const t = typeof u.id === 'number' ? turnout.get(u.id) : undefined;
    return t === undefined ? u : { ...u, turnoutS: t };
  });
}

/** A hypothetical unit: a click on the map, tried live or saved in a scenario. */
export interface HypotheticalInput {
  name?: string;
  kind: UnitKind;
  lon: number;
  lat: number;
  turnoutS: number;
  staff?: number;
}

/** Hypothetical units as considered: ids h1, h2 … in order (the same ids a saved scenario gives them). */
export function hypotheticalUnits(list: readonly HypotheticalInput[]): ConsideredUnit[] {
  return list.map((h, i) => ({
    id: `h${i + 1}`,
    code: `H${i + 1}`,
    name: h.name ?? `H${i + 1}`,
    kind: h.kind,
    status: 'hypothetical',
    staff: h.staff ?? 0,
    turnoutS: h.turnoutS,
    lon: h.lon,
    lat: h.lat,
    hypothetical: true,
  }));
}

/** How the answers name a unit: its id, or null for none. */
export function unitRef(u: ConsideredUnit | undefined) {
  return u === undefined ? null : u.id;
}
