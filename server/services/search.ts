/**
 * GET /api/search (issue 14): one box for sites, units, hydrants, townships, villages, road names
 * and site addresses — by Chinese, full pinyin or initials ("xinan", "xazz" → 辛安镇专职消防救援队),
 * or code — ranked by how well it matches, then by kind (townships, units, villages before the
 * 15,500 sites), then by shorter name; and a pasted coordinate (WGS84 / GCJ-02 / BD-09, decimal or
 * degrees-minutes-seconds, through server/geo/crs) as a place to go.
 */
import type { Db } from '../../db/client';
import { searchCoordinates } from './search-coordinates';
import { type IndexEntry, type SearchHit, searchIndex } from './search-index';

const KIND_ORDER = { township: 0, unit: 1, village: 2, site: 3, hydrant: 4, road: 5 } as const;

/** Match quality: exact name, exact code, name prefix, code prefix, name substring, pinyin, address. */
function score(e: IndexEntry, q: string, latin: boolean): { score: number; match: string } | null {
  if (e.nameLower === q) return { score: 100, match: 'name' };
  if (e.codeLower !== '' && e.codeLower === q) return { score: 98, match: 'code' };
  if (e.nameLower.startsWith(q)) return { score: 90, match: 'name' };
  if (e.codeLower !== '' && e.codeLower.startsWith(q)) return { score: 85, match: 'code' };
  if (e.nameLower.includes(q)) return { score: 70, match: 'name' };
  if (latin) {
    if (e.full.startsWith(q)) return { score: 65, match: 'pinyin' };
    if (e.initials.startsWith(q)) return { score: 62, match: 'initials' };
    const at = e.full.indexOf(q);
    if (at > 0 && e.starts.has(at)) return { score: 50, match: 'pinyin' };
    if (q.length >= 2 && e.initials.includes(q)) return { score: 45, match: 'initials' };
  }
  if (q.length >= 2 && e.addressLower.includes(q)) return { score: 30, match: 'address' };
  return null;
}

export async function search(db: Db, text: string, limit: number) {
  const coordinates = searchCoordinates(text);
  if (coordinates.length > 0) return { q: text, hits: coordinates.slice(0, limit) };
  const q = text.trim().toLowerCase().replace(/\s+/g, '');
  const latin = /^[a-z]+$/.test(q);
  const { entries, townshipNames } = await searchIndex(db);
  const found: { e: IndexEntry; score: number; match: string }[] = [];
  for (const e of entries) {
    const s = score(e, q, latin);
    if (s) found.push({ e, ...s });
  }
  found.sort(
    (a, b) =>
      b.score - a.score ||
      KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind] ||
      a.e.name.length - b.e.name.length ||
      a.e.code.localeCompare(b.e.code),
  );
  const hits: SearchHit[] = found.slice(0, limit).map(({ e, score, match }) => ({
    kind: e.kind,
    id: e.id,
    name: e.name,
    code: e.code,
    detail:
      [e.townshipCode && e.kind !== 'township' ? townshipNames.get(e.townshipCode) : null, e.address]
        .filter(Boolean)
        .join(' ') || null,
    townshipCode: e.townshipCode,
    lon: e.lon,
    lat: e.lat,
    score,
    match,
  }));
  return { q: text, total: found.length, hits };
}
