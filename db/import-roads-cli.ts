/**
 * `npm run import:roads -- FILE [--county ADCODE] [--dry-run]`: replaces a county's roads with
 * the drivable roads of an OpenStreetMap extract (.osm.pbf, .osm) or a GeoJSON file of lines,
 * clipped to the county and noded, in one transaction. Exit codes: 0 done, 1 the import failed
 * (nothing changed), 2 wrong arguments.
 */
import { RoadImportError } from '../data/import/roads/errors';
import { readEnv } from '../server/env';
import { importRoadFile, type RoadImportReport } from '../server/services/road-import';
import { openConfiguredDb } from './open';

const USAGE = `用法 / usage: npm run import:roads -- FILE [--county ADCODE] [--dry-run]
  FILE       .osm.pbf / .osm（需要 osmium-tool / needs osmium-tool）或 / or .geojson
  --county   县行政区划代码，默认重点县 / county adcode, default the focus county
  --dry-run  只统计，不写入 / report counts, write nothing`;

interface Args {
  file: string;
  adcode?: string;
  dryRun: boolean;
}

function parseArgs(argv: string[]): Args | string {
  let file: string | undefined;
  let adcode: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--dry-run') dryRun = true;
    else if (a === '--county') {
      adcode = argv[++i];
      if (!adcode || !/^\d{6}$/.test(adcode)) return '--county 需要 6 位行政区划代码 / --county needs a 6-digit adcode';
    } else if (a.startsWith('--county=')) {
      adcode = a.slice('--county='.length);
      if (!/^\d{6}$/.test(adcode)) return '--county 需要 6 位行政区划代码 / --county needs a 6-digit adcode';
    } else if (a === '--help' || a === '-h') return '';
    else if (a.startsWith('-')) return `未知选项 / unknown option: ${a}`;
    else if (file === undefined) file = a;
    else return `只能导入一个文件 / one file at a time: ${a}`;
  }
  if (file === undefined) return '缺少文件 / missing FILE';
  return { file, adcode, dryRun };
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function print(r: RoadImportReport): void {
  const s = r.summary;
  const line = (zh: string, en: string, value: string) => console.log(`  ${`${zh} ${en}`.padEnd(40)} ${value}`);
  console.log(
    `道路导入 / road import: ${r.file} (${r.format}) → ${r.county.name} ${r.county.adcode}${r.dryRun ? '  [试运行 dry run]' : ''}`,
  );
  line('读取线要素', 'ways read', num(s.waysRead));
  if (s.notLines > 0) line('非线要素（忽略）', 'not lines (ignored)', num(s.notLines));
  const dropped = Object.entries(s.dropped)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  line('舍弃', 'dropped', dropped === '' ? '0' : dropped);
  line('保留（可通行）', 'kept (drivable)', num(s.waysKept));
  line('完全在县界外', 'entirely outside the county', num(s.waysOutside));
  line('被县界裁剪', 'clipped at the county line', num(s.waysClipped));
  line('裁剪后线段', 'pieces inside', num(s.pieces));
  line('打断后路段', 'noded edges', num(s.edges));
  line('单行路段', 'one-way edges', num(s.onewayEdges));
  line('连通分量', 'components', `${num(s.components)} (最大 largest ${(100 * s.largestComponentShare).toFixed(1)} %)`);
  console.log(`  ${'等级 class'.padEnd(24)} ${'ways'.padStart(7)} ${'edges'.padStart(7)} ${'km'.padStart(9)}`);
  for (const [cls, t] of Object.entries(s.perClass).sort((a, b) => b[1].km - a[1].km)) {
    console.log(
      `  ${cls.padEnd(24)} ${num(t.ways).padStart(7)} ${num(t.edges).padStart(7)} ${num(t.km, 2).padStart(9)}`,
    );
  }
  console.log(
    `  ${'合计 total'.padEnd(24)} ${''.padStart(7)} ${num(s.edges).padStart(7)} ${num(s.totalKm, 2).padStart(9)}`,
  );
  for (const w of r.warnings) console.warn(`警告 / warning: ${w.zh}\n  ${w.en}`);
  const ms = `${num(r.ms.read)} + ${num(r.ms.prepare)} + ${num(r.ms.write)} ms (read + prepare + write)`;
  if (r.written) {
    console.log(
      `已写入 / written: ${num(r.written.edges)} 条路段 edges, ${num(r.written.km, 2)} km, 替换 replaced ${num(r.replaced)} 条旧路段 old roads (import #${r.written.importId}); ${ms}`,
    );
  } else {
    console.log(`试运行，未写入 / dry run, nothing written (would replace ${num(r.replaced)} roads); ${ms}`);
  }
}

const args = parseArgs(process.argv.slice(2));
if (typeof args === 'string') {
  if (args !== '') console.error(args);
  console.error(USAGE);
  process.exit(args === '' ? 0 : 2);
}
const db = await openConfiguredDb(readEnv());
let code = 0;
try {
  print(await importRoadFile(db, args));
} catch (e) {
  code = 1;
  if (e instanceof RoadImportError)
    console.error(`导入失败，数据库未改变 / import failed, nothing changed:\n  ${e.zh}\n  ${e.en}`);
  else console.error(`导入失败，数据库未改变 / import failed, nothing changed:\n  ${(e as Error).stack ?? e}`);
} finally {
  await db.close();
}
process.exit(code);
