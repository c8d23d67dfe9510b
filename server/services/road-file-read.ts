/**
 * Reads a road file into ways: GeoJSON directly; OpenStreetMap `.osm.pbf` / `.osm` (XML) through
 * Debian's `osmium-tool` (`osmium tags-filter` to the ways tagged highway, then `osmium export`
 * to GeoJSON lines). The parsing is pure (server/geo/roads/parse.ts); no database here.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { RoadImportError } from '../geo/roads/errors';
import { detectFormat, parseGeoJson, parseGeojsonSeq, type ReadResult } from '../geo/roads/parse';

const run = promisify(execFile);

/** Runs osmium; a missing binary or a failing run becomes a RoadImportError. */
async function osmium(args: string[], file: string): Promise<string> {
  try {
    const { stdout } = await run('osmium', args, { maxBuffer: 2 ** 31 - 1, encoding: 'utf8' });
    return stdout;
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') {
      throw new RoadImportError(
        '未找到 osmium 命令：读取 .osm.pbf / .osm 需要 Debian 软件包 osmium-tool（apt-get install osmium-tool）',
        'osmium not found: reading .osm.pbf / .osm needs the Debian package osmium-tool (apt-get install osmium-tool)',
      );
    }
    const detail = (err.stderr ?? err.message).trim().split('\n').slice(-3).join(' ');
    throw new RoadImportError(
      `osmium 无法读取 ${basename(file)}：${detail}`,
      `osmium cannot read ${basename(file)}: ${detail}`,
    );
  }
}

async function readOsm(file: string, format: 'pbf' | 'osm-xml'): Promise<ReadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'fireatlas-roads-'));
  try {
    // Only ways tagged highway (and their nodes): a whole-province extract shrinks to its roads.
    const filtered = join(dir, 'highways.osm.pbf');
    await osmium(['tags-filter', '--overwrite', '-o', filtered, file, 'w/highway'], file);
    const text = await osmium(
      [
        'export',
        filtered,
        '-f',
        'geojsonseq',
        '--geometry-types=linestring',
        '--add-unique-id=type_id',
        '-x',
        'print_record_separator=false',
        '-o',
        '-',
      ],
      file,
    );
    return parseGeojsonSeq(text, format);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function readRoadFile(file: string): Promise<ReadResult> {
  const format = detectFormat(file);
  let text: string | null = null;
  try {
    if (format === 'geojson') text = readFileSync(file, 'utf8');
    else accessSync(file, constants.R_OK);
  } catch (e) {
    throw new RoadImportError(
      `无法读取文件 ${file}：${(e as Error).message}`,
      `cannot read file ${file}: ${(e as Error).message}`,
    );
  }
  return text !== null ? parseGeoJson(text, file) : readOsm(file, format as 'pbf' | 'osm-xml');
}
