/**
 * Scenarios: named changes against the baseline (unit status overrides, turnout changes,
 * hypothetical units), stored in `scenarios.changes`; the units table is never written.
 */
import type { Db } from '../../db/client';
import { type StationUnitRow, stationUnits } from '../../db/queries/station-coverage';
import {
  deleteScenario,
  findScenario,
  insertScenario,
  listScenarios,
  type ScenarioRow,
  updateScenario,
} from '../../db/queries/station-scenarios';
import { InvalidParameterError, NotFoundError } from '../errors';
import { type ScenarioBody, ScenarioChanges } from '../schemas/coverage-stations';
import { countyOf } from './county';
import { MAX_OFF_ROAD_M, stationNetwork } from './station-network';
import { refuseOffNetworkHypotheticals } from './station-snap';
import { type ConsideredUnit, hypotheticalUnits } from './station-units';

function checkUnitIds(all: StationUnitRow[], changes: ScenarioChanges): void {
  const known = new Set(all.map((u) => u.id));
  const unknown = [...changes.unitStatus, ...changes.turnout].map((c) => c.unitId).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InvalidParameterError(`changes: unknown unit id ${[...new Set(unknown)].join(', ')}`, { unknown });
  }
}

/** The units responding under a scenario: in service after the overrides, plus the hypothetical ones. */
export function scenarioUnits(all: StationUnitRow[], changes: ScenarioChanges): ConsideredUnit[] {
  const status = new Map(changes.unitStatus.map((c) => [c.unitId, c.status]));
  const turnout = new Map(changes.turnout.map((c) => [c.unitId, c.turnoutS]));
  const real = all
    .map((u) => ({ ...u, status: status.get(u.id) ?? u.status, turnoutS: turnout.get(u.id) ?? u.turnoutS }))
    .filter((u) => u.status === 'in_service')
    .map((u): ConsideredUnit => ({ ...u, hypothetical: false }));
  return [...real, ...hypotheticalUnits(changes.hypotheticalUnits)];
}

function present(row: ScenarioRow) {
  return { ...row, changes: ScenarioChanges.parse(row.changes) };
}

/** The scenarios of a county (adcode; default the focus county). */
export async function scenarioList(db: Db, county?: string) {
  return { scenarios: (await listScenarios(db, await countyOf(db, county))).map(present) };
}

export async function scenarioById(db: Db, id: number) {
  const row = await findScenario(db, id);
  if (!row) throw new NotFoundError(`scenario ${id} not found`);
  return present(row);
}

/**
 * A scenario whose hypothetical unit stands beyond the off-road limit from every road is refused
 * (422 naming the distance) before anything is written: it would answer nothing.
 */
export async function checkScenarioPlacement(db: Db, changes: ScenarioChanges, county: string): Promise<void> {
  if (changes.hypotheticalUnits.length === 0) return;
  const { network } = await stationNetwork(db, county);
  refuseOffNetworkHypotheticals(network, hypotheticalUnits(changes.hypotheticalUnits), MAX_OFF_ROAD_M);
}

/** A new scenario of a county (a checked adcode: `countyOf`); its unit ids must be that county's. */
export async function createScenario(db: Db, body: ScenarioBody, county: string) {
  checkUnitIds(await stationUnits(db, county), body.changes);
  return present(await insertScenario(db, { ...body, adcode: county }));
}

/** The county a scenario belongs to (404 when there is no such scenario). */
export async function scenarioCounty(db: Db, id: number): Promise<string> {
  return (await scenarioById(db, id)).adcode;
}

/**
 * The county a coverage query runs on: a scenario's own county, else `county` (default the focus
 * county, 404 when unknown); a scenario asked for on another county is refused (400).
 */
export async function queryCounty(db: Db, o: { county?: string | undefined; scenario?: number | undefined }) {
  if (o.scenario === undefined) return countyOf(db, o.county);
  const own = await scenarioCounty(db, o.scenario);
  if (o.county !== undefined && o.county !== own) {
    throw new InvalidParameterError(
      `方案 ${o.scenario} 属于县 ${own}，不属于 ${o.county} (scenario ${o.scenario} belongs to county ${own}, not ${o.county})`,
      { scenario: o.scenario, county: own },
    );
  }
  return own;
}

/** Replaces a scenario's name, description and changes; its unit ids must be its own county's. */
export async function replaceScenario(db: Db, id: number, body: ScenarioBody) {
  checkUnitIds(await stationUnits(db, await scenarioCounty(db, id)), body.changes);
  const row = await updateScenario(db, id, body);
  if (!row) throw new NotFoundError(`scenario ${id} not found`);
  return present(row);
}

export async function removeScenario(db: Db, id: number) {
  if (!(await deleteScenario(db, id))) throw new NotFoundError(`scenario ${id} not found`);
  return { deleted: id };
}

/** The units of a stored scenario (404 if none), with the scenario's name for the answer. */
export async function unitsOfScenario(db: Db, id: number) {
  const scenario = await scenarioById(db, id);
  const units = scenarioUnits(await stationUnits(db, scenario.adcode), scenario.changes);
  return { scenario: { id: scenario.id, name: scenario.name, changes: scenario.changes }, units };
}
