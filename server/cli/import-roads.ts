/**
 * `npm run import:roads -- FILE [--county ADCODE] [--dry-run]`: replaces a county's roads with
 * the drivable roads of an OpenStreetMap extract (.osm.pbf, .osm) or a GeoJSON file of lines,
 * clipped to the county and noded, in one transaction. Exit codes: 0 done, 1 the import failed
 * (nothing changed), 2 wrong arguments.
 */
import { parseArgs } from 'node:util';
import { openConfiguredDb } from '../../db/open';
import { readEnv } from '../env';
import { RoadImportError } from '../geo/roads/errors';
import { importRoadFile, type RoadImportReport } from '../services/road-import';

const USAGE = `用法 / usage: npm run import:roads -- FILE [--county ADCODE] [--dry-run]
  FILE       .osm.pbf / .osm（需要 osmium-tool / needs osmium-tool）或 / or .geojson
  --county   县行政区划代码，默认重点县 / county adcode, default the focus county
  --dry-run  只统计，不写入 / report counts, write nothing`;

interface Args {
  file: string;
  adcode?: string;
  dryRun: boolean;
}

const COUNTY_MESSAGE = '--county 需要 6 位行政区划代码 / --county needs a 6-digit adcode';

const OPTIONS = {
  county: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The arguments, '' for --help, or the reason they are wrong. */
function importArgs(argv: string[]): Args | string {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && argv.some((a) => a.startsWith('--county')))
      return COUNTY_MESSAGE;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项 / unknown option: ${(e as Error).message}`;
    return (e as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return '';
  if (values.county !== undefined && !/^\d{6}$/.test(values.county)) return COUNTY_MESSAGE;
  if (positionals.length === 0) return '缺少文件 / missing FILE';
  if (positionals.length > 1) return `只能导入一个文件 / one file at a time: ${positionals[1]}`;
  return { file: positionals[0] as string, adcode: values.county, dryRun: values['dry-run'] };
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

const args = importArgs(process.argv.slice(2));
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
