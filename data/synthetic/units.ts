/**
 * SYNTHETIC responding units (no public locations, SOURCES.md), sized from the brigade's 2023 report (docs/standards.md §6):
 * the brigade's station in the county seat; its second squad (二中队), built but not on duty, east of
 * town; one full-time team at each other township seat, 40 members in all, each with one radio;
 * a few village micro stations, most still planned (the report: "村级微型消防站建设推进缓慢").
 */
import type { Position } from 'geojson';
import { distXY, PolygonLookup, roundPosition, type XY } from '../../server/geo/plane';
import type { GenContext } from './context';
import { shortTownshipName } from './names';
import type { Rng } from './prng';
import { REPORT } from './report-figures';
import type { RoadNetwork } from './roads';
import type { GenTownship } from './townships';
import type { DemoCountyData } from './types';
import type { GenVillage } from './villages';

export type UnitRow = DemoCountyData['units'][number];

/** "1 + 4 min": one minute from the order to wheels rolling (customary, docs/standards.md §1). */
const STATION_TURNOUT_S = 60;
/** Township teams are slower to turn out (part on-call, fewer drills, report 存在问题 (二)). */
const TEAM_TURNOUT_S: [number, number] = [90, 120];
/** Micro stations: 3 min to the scene, 24 h duty, ≥ 6 staff (公消〔2015〕301号). */
const MICRO_STAFF = 6;
const MICRO_STATIONS = 8;
const MICRO_IN_SERVICE = 4;
/** The second squad sits 5–7 km east of the seat, towards the development zone. */
const SECOND_SQUAD_OFFSET_M: XY = [6000, 300];

const STATION_EQUIPMENT = [
  '水罐消防车 3辆',
  '泡沫消防车 1辆',
  '抢险救援消防车 1辆',
  '举高喷射消防车 1辆',
  '通信指挥车 1辆',
  '正压式空气呼吸器 30具',
  '对讲机 30部',
];
const SECOND_SQUAD_EQUIPMENT = ['水罐消防车 2辆', '抢险救援消防车 1辆', '正压式空气呼吸器 12具', '对讲机 15部'];
const TEAM_EQUIPMENT = [
  '小型水罐消防车 1辆',
  '对讲机 1部',
  '手抬机动消防泵 1台',
  '消防水带 10盘',
  '水枪 4支',
  '灭火器 10具',
];
const MICRO_EQUIPMENT = ['消防摩托车 1辆', '灭火器 8具', '消防水带 4盘', '水枪 2支', '对讲机 2部', '灭火防护服 6套'];

function nearestNode(net: RoadNetwork, target: XY, accept: (xy: XY) => boolean): XY {
  let best: XY | undefined;
  for (const n of net.nodes) {
    if (accept(n) && (best === undefined || distXY(n, target) < distXY(best, target))) best = n;
  }
  if (!best) throw new Error('no road node for a unit');
  return best;
}

function beside(ctx: GenContext, rng: Rng, xy: XY, lookup: PolygonLookup<string>, code: string, r: [number, number]) {
  for (let tries = 0; tries < 1000; tries++) {
    const a = rng.uniform(0, 2 * Math.PI);
    const d = rng.uniform(...r);
    const p = roundPosition(ctx.proj.toLonLat([xy[0] + d * Math.cos(a), xy[1] + d * Math.sin(a)]));
    if (lookup.find(p) === code) return p;
  }
  throw new Error(`no spot for a unit in township ${code}`);
}

/** Townships sharing a boundary vertex with `code` (the cells are Voronoi cells: shared edges share vertices). */
function neighbours(townships: GenTownship[], code: string): Set<string> {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const own = townships.find((t) => t.code === code) as GenTownship;
  const vertices = new Set(own.geom.coordinates.flat(2).map(key));
  return new Set(
    townships.filter((t) => t.geom.coordinates.flat(2).some((p) => vertices.has(key(p)))).map((t) => t.code),
  );
}

export function generateUnits(
  ctx: GenContext,
  townships: GenTownship[],
  villages: GenVillage[],
  net: RoadNetwork,
): UnitRow[] {
  const rng = ctx.rng.fork('units');
  const county = ctx.real.name;
  const lookup = new PolygonLookup(townships.map((t) => ({ key: t.code, geom: t.geom })));
  const byCode = new Map(townships.map((t) => [t.code, t]));
  const seatCode = ctx.real.seatTownshipCode;
  const seatTownship = byCode.get(seatCode) as GenTownship;
  const seat = ctx.proj.toXY(ctx.real.seat);
  const base = { adcode: ctx.real.adcode, synthetic: true };
  const units: UnitRow[] = [];
  const townshipOf = (p: Position) => lookup.find(p) ?? null;

  // The brigade's station: on a town street a few hundred metres from the centre.
  const stationNode = nearestNode(net, [seat[0] - 350, seat[1] + 400], (n) => ctx.inOsmBox(n));
  const stationAt = beside(ctx, rng, stationNode, lookup, seatCode, [10, 25]);
  units.push({
    ...base,
    code: 'ST-001',
    name: `${county}消防救援站`,
    kind: 'station',
    grade: '一级',
    status: 'in_service',
    staff: 30,
    vehicles: 7,
    equipment: STATION_EQUIPMENT,
    turnoutS: STATION_TURNOUT_S,
    address: `${county}${seatTownship.name}`,
    townshipCode: townshipOf(stationAt),
    geom: { type: 'Point', coordinates: stationAt },
  });

  const near = neighbours(townships, seatCode);
  const squadNode = nearestNode(net, [seat[0] + SECOND_SQUAD_OFFSET_M[0], seat[1] + SECOND_SQUAD_OFFSET_M[1]], (n) => {
    const code = lookup.find(ctx.proj.toLonLat(n));
    const d = distXY(n, seat);
    return code !== undefined && near.has(code) && d >= 5000 && d <= 7000;
  });
  const squadCode = lookup.find(ctx.proj.toLonLat(squadNode)) as string;
  const squadAt = beside(ctx, rng, squadNode, lookup, squadCode, [10, 25]);
  units.push({
    ...base,
    code: 'ST-002',
    name: `${county}消防救援站二中队`,
    kind: 'station',
    grade: '二级',
    // 消防二中队已建成，未投勤使用 (report 存在问题 (二)): planned staffing and vehicles.
    status: 'built',
    staff: 15,
    vehicles: 3,
    equipment: SECOND_SQUAD_EQUIPMENT,
    turnoutS: STATION_TURNOUT_S,
    address: `${county}${(byCode.get(squadCode) as GenTownship).name}`,
    townshipCode: townshipOf(squadAt),
    geom: { type: 'Point', coordinates: squadAt },
  });

  // 13 teams, 40 members: three each, one more for the township with most villages.
  const rural = townships.filter((t) => t.code !== seatCode);
  const biggest = [...rural].sort((a, b) => b.villageCount - a.villageCount || a.code.localeCompare(b.code))[0];
  const perTeam = Math.floor(REPORT.townshipTeamMembers / rural.length);
  rural.forEach((t, i) => {
    const at = beside(ctx, rng, t.seatXY, lookup, t.code, [60, 120]);
    const xinan = t.name === '辛安镇';
    units.push({
      ...base,
      code: `TT-${String(i + 1).padStart(3, '0')}`,
      name: `${t.name}专职消防救援队`,
      kind: 'township_team',
      grade: '二级',
      status: 'in_service',
      staff: perTeam + (t === biggest ? REPORT.townshipTeamMembers - perTeam * rural.length : 0),
      vehicles: 1,
      equipment: xinan
        ? [...TEAM_EQUIPMENT, `2023年新增基础消防设施器材 ${REPORT.xinanNewEquipmentSets}件套（专项经费2万余元）`]
        : TEAM_EQUIPMENT,
      turnoutS: rng.int(TEAM_TURNOUT_S[0] / 10, TEAM_TURNOUT_S[1] / 10) * 10,
      address: `${county}${t.name}${shortTownshipName(t.name)}大街`,
      townshipCode: townshipOf(at),
      geom: { type: 'Point', coordinates: at },
    });
  });

  // Micro stations in villages of different townships.
  const hosts = rng
    .shuffle([...rural])
    .slice(0, MICRO_STATIONS)
    .map((t) => rng.pick(villages.filter((v) => v.townshipCode === t.code)));
  hosts.forEach((v, i) => {
    const at = beside(ctx, rng, v.xy, lookup, v.townshipCode, [30, 80]);
    const inService = i < MICRO_IN_SERVICE;
    units.push({
      ...base,
      code: `MS-${String(i + 1).padStart(3, '0')}`,
      name: `${v.shortName}微型消防站`,
      kind: 'micro_station',
      grade: null,
      status: inService ? 'in_service' : 'planned',
      staff: MICRO_STAFF,
      vehicles: inService ? 1 : 0,
      equipment: inService ? MICRO_EQUIPMENT : [],
      turnoutS: STATION_TURNOUT_S,
      address: `${county}${(byCode.get(v.townshipCode) as GenTownship).name}${v.shortName}`,
      townshipCode: townshipOf(at),
      geom: { type: 'Point', coordinates: at },
    });
  });
  return units;
}
