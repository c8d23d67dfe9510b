/** One generated demo county per test file (generation takes a few seconds; vitest isolates files). */
import type { LineString, Position } from 'geojson';
import { generateDemoCounty } from '../../../data/synthetic/generate';
import type { DemoCountyData } from '../../../data/synthetic/types';
import { loadRealCountyData, type RealCountyData } from '../../../data/wuyang/load';

let cached: { real: RealCountyData; data: DemoCountyData } | undefined;

export function demoCounty(): { real: RealCountyData; data: DemoCountyData } {
  if (!cached) {
    const real = loadRealCountyData();
    cached = { real, data: generateDemoCounty(real) };
  }
  return cached;
}

/** Generation can take several seconds on a loaded machine. */
export const GENERATE_TIMEOUT_MS = 120_000;

export const coordKey = (p: Position): string => `${p[0]},${p[1]}`;

export function ends(line: LineString): [Position, Position] {
  const c = line.coordinates;
  return [c[0] as Position, c[c.length - 1] as Position];
}

/** 'YYYY-MM-DD' → days since 1970-01-01 (independent of data/synthetic/dates.ts). */
export function days(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}
