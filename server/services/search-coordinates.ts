/**
 * A coordinate pasted into the search box (issue 14): a lon/lat pair in decimal degrees or
 * degrees-minutes-seconds (parseAngle, server/geo/crs/angle-text.ts), optionally named by its
 * system — WGS84/GPS, GCJ-02 (高德 / 腾讯 / 火星), BD-09 (百度) — and turned into WGS84 by the
 * coordinate kernel (server/geo/crs/convert.ts). Unnamed, it is offered in all three systems,
 * WGS84 first. Only points in China's range are taken for coordinates.
 */
import { type AngleResult, parseAngle } from '../geo/crs/angle-text';
import { toWgs84 } from '../geo/crs/convert';
import type { SearchHit } from './search-index';

type System = 'wgs84' | 'gcj02' | 'bd09';

const SYSTEM_WORDS: [RegExp, System][] = [
  [/^(wgs-?84|gps|cgcs2000)/i, 'wgs84'],
  [/^(gcj-?02|高德|腾讯|火星)/i, 'gcj02'],
  [/^(bd-?09|百度)/i, 'bd09'],
];
const LABELS: Record<System, string> = { wgs84: 'WGS84', gcj02: 'GCJ-02（高德/腾讯）', bd09: 'BD-09（百度）' };

const inChina = (lon: number, lat: number) => lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;

type Ok = Extract<AngleResult, { ok: true }>;

/** The two angles as lon, lat: by their hemisphere marks, else by which order lands in China. */
function asLonLat(a: Ok, b: Ok): [number, number] | null {
  if (a.axis === 'lat' || b.axis === 'lon') return inChina(b.degrees, a.degrees) ? [b.degrees, a.degrees] : null;
  if (a.axis === 'lon' || b.axis === 'lat') return inChina(a.degrees, b.degrees) ? [a.degrees, b.degrees] : null;
  if (inChina(a.degrees, b.degrees)) return [a.degrees, b.degrees];
  if (inChina(b.degrees, a.degrees)) return [b.degrees, a.degrees];
  return null;
}

function pair(text: string): [number, number] | null {
  const byComma = text.split(/[,，;；]/).map((s) => s.trim());
  if (byComma.length === 2) {
    const [a, b] = byComma.map(parseAngle) as [AngleResult, AngleResult];
    return a.ok && b.ok ? asLonLat(a, b) : null;
  }
  if (byComma.length > 2) return null;
  // Blank-separated: the first split point where both halves are angles.
  const tokens = text.split(/\s+/).filter(Boolean);
  for (let i = 1; i < tokens.length; i++) {
    const a = parseAngle(tokens.slice(0, i).join(' '));
    const b = parseAngle(tokens.slice(i).join(' '));
    if (a.ok && b.ok) return asLonLat(a, b);
  }
  return null;
}

export function searchCoordinates(text: string): SearchHit[] {
  let rest = text.trim();
  let named: System | undefined;
  for (const [word, system] of SYSTEM_WORDS) {
    const m = word.exec(rest);
    if (m) {
      named = system;
      rest = rest.slice(m[0].length).replace(/^\s*(坐标)?\s*[:：]?\s*/, '');
      break;
    }
  }
  if (!/\d/.test(rest)) return [];
  const given = pair(rest);
  if (!given) return [];
  const systems: System[] = named ? [named] : ['wgs84', 'gcj02', 'bd09'];
  return systems.map((system, i) => {
    const [lon, lat] = toWgs84(system, given);
    return {
      kind: 'coordinate' as const,
      id: system,
      name: `${given[0].toFixed(6)}, ${given[1].toFixed(6)}`,
      code: '',
      detail: LABELS[system],
      townshipCode: null,
      lon,
      lat,
      score: 100 - i,
      match: 'coordinate',
    };
  });
}
