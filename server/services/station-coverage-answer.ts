/**
 * The station coverage answer as JSON text, built once per inputs and data version (issue 17): each
 * part is serialised once and kept; a request names the parts it needs (`parts=`) and gets them
 * spliced into one object, each part byte for byte the text of the whole answer's. The tables are
 * the ones the answer reads (the network's, the units, the scenarios): a write by any client gives
 * a new answer (data-version.ts).
 */
import type { Db } from '../../db/client';
import { type ComputeBudget, unlimited } from '../http/compute-budget';
import { type CoveragePart, coverageParts } from '../schemas/coverage-stations';
import { versionedCache } from './data-version';
import { stationCoverage } from './station-coverage';
import type { CoverageOptions } from './station-evaluation';
import { type StationNetwork, stationNetwork } from './station-network';
import { queryCounty } from './station-scenarios';

export type CoverageAnswer = Awaited<ReturnType<typeof stationCoverage>>;
/** What GET /api/coverage/stations sends: the parts asked (every part by default), the rest always. */
export type CoverageAnswerJson = Omit<CoverageAnswer, CoveragePart | 'timing'> &
  Partial<Pick<CoverageAnswer, CoveragePart>> & { timing: CoverageAnswer['timing'] & { answerCached: boolean } };

/** Answers held per data version: a panel's baseline and its toggles, a few scenarios. */
const ANSWERS_HELD = 16;

interface Built {
  /** `"key":json` of every field but the timing, in the answer's order. */
  fields: { key: keyof CoverageAnswer; text: string }[];
  timing: CoverageAnswer['timing'];
}

interface Request {
  o: CoverageOptions;
  budget: ComputeBudget;
  /** The network the answer is computed on (a dropped or rebuilt network gives new answers). */
  networkId: number;
  /** Whether that network was held before this request (else it was built for it, in graphBuildMs). */
  graph: { cached: boolean; buildMs: number };
}

const networkIds = new WeakMap<StationNetwork, number>();
let networksSeen = 0;
function networkId(network: StationNetwork): number {
  let id = networkIds.get(network);
  if (id === undefined) {
    id = ++networksSeen;
    networkIds.set(network, id);
  }
  return id;
}

const keyOf = ({ o, networkId }: Request) =>
  JSON.stringify([
    networkId,
    o.thresholdsS,
    o.mode,
    o.units,
    o.includeBuilt,
    o.cellM,
    o.teamStandardS,
    o.scenario ?? null,
    [...(o.turnout ?? new Map())].sort((a, b) => a[0] - b[0]),
    o.erfS ?? null,
    o.thresholdS,
    o.offRoad,
    o.hypothetical ?? [],
  ]);

const answers = versionedCache(
  ['roads', 'road_classes', 'sites', 'counties', 'townships', 'units', 'scenarios'],
  async (db: Db, { o, budget, graph }: Request): Promise<Built> => {
    const { timing: computed, ...answer } = await stationCoverage(db, o, budget);
    // The service found the network this request built: the timing says it was built for this answer.
    const timing = graph.cached
      ? computed
      : { ...computed, graphCached: false, graphBuildMs: Math.round(graph.buildMs * 10) / 10 };
    const fields = Object.entries(answer).map(([key, value]) => ({
      key: key as keyof CoverageAnswer,
      text: `${JSON.stringify(key)}:${JSON.stringify(value)}`,
    }));
    return { fields, timing };
  },
  keyOf,
  ANSWERS_HELD,
);

const isPart = (key: string): key is CoveragePart => (coverageParts as readonly string[]).includes(key);

/**
 * The answer's JSON text with the parts asked (every part when `parts` is undefined).
 * @example
 * const { json } = await stationCoverageJson(db, options, ['surface', 'summary']);
 */
export async function stationCoverageJson(
  db: Db,
  o: CoverageOptions,
  parts: readonly CoveragePart[] | undefined,
  budget: ComputeBudget = unlimited,
): Promise<{ json: string; cached: boolean }> {
  const t0 = performance.now();
  const county = await queryCounty(db, o);
  const net = await stationNetwork(db, county);
  const { value, cached } = await answers.get(db, {
    o: { ...o, county },
    budget,
    networkId: networkId(net.network),
    graph: { cached: net.cached, buildMs: net.network.builtMs },
  });
  const asked = new Set(parts ?? coverageParts);
  const texts = value.fields.filter((f) => !isPart(f.key) || asked.has(f.key)).map((f) => f.text);
  // A held answer built nothing for this request (no graph either); its phases are the build's.
  const timing = cached
    ? {
        ...value.timing,
        graphCached: true,
        graphBuildMs: 0,
        answerCached: true,
        totalMs: Math.round((performance.now() - t0) * 10) / 10,
      }
    : { ...value.timing, answerCached: false };
  texts.push(`"timing":${JSON.stringify(timing)}`);
  return { json: `{${texts.join(',')}}`, cached };
}

/** Forgets the answers held for a database (a benchmark measures a cold answer with it). */
export function dropCoverageAnswers(db: Db): void {
  answers.drop(db);
}
