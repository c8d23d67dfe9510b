/**
 * Hazards, township statistics and enforcement through the API, on PGlite always and on
 * PostgreSQL when TEST_DATABASE_URL is set. Oracles: hand-written SQL aggregates (correlated
 * subqueries, written apart from db/queries), SQL rank() and percentile_cont, an exhaustive
 * partition search for natural breaks, a brute-force rebound pass, and the report's figures.
 * Rows this file creates (hazards, transitions, enforcement) are marked and deleted afterwards.
 */
import { type SQL, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const MARK = 'test:hazards-api';
const STATUSES = ['open', 'rectifying', 'rectified', 'verified', 'reopened'] as const;
type Status = (typeof STATUSES)[number];
/** The lifecycle rules, written out again by hand. */
const LEGAL: Record<Status, Status[]> = {
  open: ['rectifying'],
  rectifying: ['rectified'],
  rectified: ['verified', 'reopened'],
  verified: ['reopened'],
  reopened: ['rectifying', 'rectified'],
};

interface OracleRow {
  code: string;
  areaKm2: number;
  sites: number;
  found: number;
  rectified: number;
  verified: number;
  verifiedInWindow: number;
  open: number;
  overdue: number;
  rebounds: number;
  fines: number;
  fineYuan: number;
  seals: number;
  threeStops: number;
  detentions: number;
}

/** Per township, one correlated subquery per figure. */
function oracleSql(from: string, to: string): SQL {
  const inWindow = sql`h.township_code = t.code AND h.found_on >= ${from}::date AND h.found_on <= ${to}::date`;
  const notFixedByTo = sql`NOT (h.rectified_on IS NOT NULL AND h.rectified_on <= ${to}::date)`;
  const enf = (kind: string) =>
    sql`(SELECT count(*) FROM enforcement_actions e WHERE e.township_code = t.code AND e.kind = ${kind}::enforcement_kind
         AND e.decided_on >= ${from}::date AND e.decided_on <= ${to}::date)::int`;
  return sql`
    SELECT t.code, t.area_km2 AS "areaKm2",
      (SELECT count(*) FROM sites s WHERE s.township_code = t.code)::int AS sites,
      (SELECT count(*) FROM hazards h WHERE ${inWindow})::int AS found,
      (SELECT count(*) FROM hazards h WHERE ${inWindow} AND h.rectified_on IS NOT NULL AND h.rectified_on <= ${to}::date)::int AS rectified,
      (SELECT count(*) FROM hazards h WHERE ${inWindow} AND h.verified_on IS NOT NULL AND h.verified_on <= ${to}::date)::int AS verified,
      (SELECT count(*) FROM hazards h WHERE h.township_code = t.code AND h.verified_on >= ${from}::date
         AND h.verified_on <= ${to}::date)::int AS "verifiedInWindow",
      (SELECT count(*) FROM hazards h WHERE h.township_code = t.code AND h.found_on <= ${to}::date AND ${notFixedByTo})::int AS open,
      (SELECT count(*) FROM hazards h WHERE h.township_code = t.code AND h.found_on <= ${to}::date AND ${notFixedByTo}
         AND h.deadline < ${to}::date)::int AS overdue,
      (SELECT count(*) FROM hazards h WHERE ${inWindow} AND EXISTS (
         SELECT 1 FROM hazards p WHERE p.site_id = h.site_id AND p.category = h.category AND p.id <> h.id
           AND p.verified_on IS NOT NULL AND p.verified_on BETWEEN h.found_on - 90 AND h.found_on))::int AS rebounds,
      ${enf('fine')} AS fines,
      (SELECT coalesce(sum(e.fine_yuan), 0) FROM enforcement_actions e WHERE e.township_code = t.code AND e.kind = 'fine'
         AND e.decided_on >= ${from}::date AND e.decided_on <= ${to}::date)::int AS "fineYuan",
      ${enf('seal')} AS seals, ${enf('three_stops')} AS "threeStops", ${enf('detention')} AS detentions
    FROM townships t ORDER BY t.code`;
}

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const ssd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, v) => a + (v - m) ** 2, 0);
};
/** Exhaustive: the least within-class squares over every cut of sorted values into k classes. */
function bestPartition(sorted: number[], k: number): number {
  let best = Number.POSITIVE_INFINITY;
  const cut = (start: number, left: number, acc: number) => {
    if (left === 1) {
      best = Math.min(best, acc + ssd(sorted.slice(start)));
      return;
    }
    for (let end = start + 1; end <= sorted.length - left + 1; end++)
      cut(end, left - 1, acc + ssd(sorted.slice(start, end)));
  };
  cut(0, k, 0);
  return best;
}
function classSquares(sorted: number[], breaks: number[]): number {
  let total = 0;
  for (let i = 0; i + 1 < breaks.length; i++) {
    const last = i + 2 === breaks.length;
    const cls = sorted.filter(
      (v) => v >= (breaks[i] as number) && (last ? v <= (breaks[i + 1] as number) : v < (breaks[i + 1] as number)),
    );
    if (cls.length) total += ssd(cls);
  }
  return total;
}

type Json = Record<string, unknown>;
type Metrics = Record<string, number | null>;
interface TownshipJson {
  code: string;
  current: Metrics;
  previous: Metrics;
  change: Metrics;
  value: number | null;
  rank: number;
  previousRank: number;
  rankChange: number;
}
interface StatsJson {
  window: { from: string; to: string; days: number };
  previousWindow: { from: string; to: string; days: number };
  townships: TownshipJson[];
  breaks: { quantile: number[]; natural: number[] };
  county: { current: Metrics; previous: Metrics };
}

function hazardsSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`hazards API on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    let site: { id: number; townshipCode: string; adcode: string };
    const request = async (path: string, init?: RequestInit) => {
      const res = await app.request(path, init);
      return { status: res.status, body: (await res.json()) as Json };
    };
    const get = (path: string) => request(path);
    const post = (path: string, body: unknown) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const stats = async (query: string) => {
      const { status, body } = await get(`/api/stats/townships?${query}`);
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
      return body as unknown as StatsJson;
    };

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
      site = await db.one(sql`SELECT id, township_code AS "townshipCode", adcode FROM sites ORDER BY id LIMIT 1`);
    });
    afterAll(async () => {
      if (db) {
        await db.rows(
          sql`DELETE FROM hazard_transitions WHERE hazard_id IN (SELECT id FROM hazards WHERE description = ${MARK})`,
        );
        await db.rows(sql`DELETE FROM hazards WHERE description = ${MARK}`);
        await db.rows(sql`DELETE FROM enforcement_actions WHERE note = ${MARK}`);
        await db.close();
      }
    });

    it("reproduces the 2023 report's figures for its window (docs/standards.md §6)", async () => {
      const s = await stats('from=2023-01-01&to=2023-07-24&metric=rectified');
      expect(s.county.current.rectified).toBe(19_591);
      expect(s.townships.reduce((a, t) => a + (t.current.rectified as number), 0)).toBe(19_591);
      expect(s.county.current.fines).toBe(16);
      expect(s.county.current.fineYuan).toBe(99_900);
      expect(s.county.current.seals).toBe(7);
      expect(s.county.current.threeStops).toBe(7);
      expect(s.county.current.detentions).toBe(1);
      expect(s.townships).toHaveLength(14);
    });

    for (const [from, to, metric] of [
      ['2023-01-01', '2023-07-24', 'found'],
      ['2023-10-02', '2023-10-08', 'reboundRate'],
      ['2023-01-01', '2023-12-31', 'foundPerKm2'],
      ['2023-07-01', '2023-07-31', 'overdue'],
    ] as const) {
      it(`township statistics ${from}..${to} equal hand-written SQL, previous window included (${metric})`, async () => {
        const s = await stats(`from=${from}&to=${to}&metric=${metric}`);
        const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
        expect(s.window).toEqual({ from, to, days });
        const prevTo = addDays(from, -1);
        const prevFrom = addDays(from, -days);
        expect(s.previousWindow).toEqual({ from: prevFrom, to: prevTo, days });
        const cur = await db.rows<OracleRow>(oracleSql(from, to));
        const prev = await db.rows<OracleRow>(oracleSql(prevFrom, prevTo));
        expect(s.townships.map((t) => t.code).sort()).toEqual(cur.map((o) => o.code));
        const keys = [
          'found',
          'rectified',
          'verified',
          'verifiedInWindow',
          'open',
          'overdue',
          'rebounds',
          'fines',
          'fineYuan',
          'seals',
          'threeStops',
          'detentions',
        ] as const;
        for (const t of s.townships) {
          const o = cur.find((r) => r.code === t.code) as OracleRow;
          const p = prev.find((r) => r.code === t.code) as OracleRow;
          for (const k of keys) {
            expect(t.current[k], `${t.code} ${k}`).toBe(o[k]);
            expect(t.previous[k], `${t.code} previous ${k}`).toBe(p[k]);
            expect(t.change[k], `${t.code} change ${k}`).toBe(o[k] - p[k]);
          }
          expect(t.current.foundPerKm2).toBeCloseTo(o.found / o.areaKm2, 9);
          expect(t.current.foundPer100Sites).toBeCloseTo((100 * o.found) / o.sites, 9);
          if (o.verifiedInWindow === 0) expect(t.current.reboundRate).toBeNull();
          else expect(t.current.reboundRate).toBeCloseTo(o.rebounds / o.verifiedInWindow, 12);
          expect(t.current.enforcement).toBe(o.fines + o.seals + o.threeStops + o.detentions);
          expect(t.value).toBe(t.current[metric]);
        }
        for (const k of keys) {
          expect(s.county.current[k], `county ${k}`).toBe(cur.reduce((a, r) => a + r[k], 0));
          expect(s.county.previous[k], `county previous ${k}`).toBe(prev.reduce((a, r) => a + r[k], 0));
        }

        // Ranks: SQL rank() over the chosen metric, highest first, no value last.
        const rank = async (field: 'current' | 'previous') =>
          db.rows<{ code: string; r: number }>(sql`
            SELECT code, (rank() OVER (ORDER BY v DESC NULLS LAST))::int AS r
            FROM json_to_recordset(${JSON.stringify(s.townships.map((t) => ({ code: t.code, v: t[field][metric] })))}::json)
              AS x(code text, v float8)`);
        const rNow = new Map((await rank('current')).map((x) => [x.code, x.r]));
        const rPrev = new Map((await rank('previous')).map((x) => [x.code, x.r]));
        for (const t of s.townships) {
          expect(t.rank, t.code).toBe(rNow.get(t.code));
          expect(t.previousRank, t.code).toBe(rPrev.get(t.code));
          expect(t.rankChange).toBe((rPrev.get(t.code) as number) - (rNow.get(t.code) as number));
        }
        expect(s.townships.map((t) => t.rank)).toEqual([...s.townships.map((t) => t.rank)].sort((a, b) => a - b));

        // Class breaks: quantiles = percentile_cont; natural breaks = the exhaustive optimum.
        const values = s.townships.map((t) => t.value).filter((v): v is number => v !== null);
        const { q } = await db.one<{ q: number[] }>(sql`
          SELECT percentile_cont(ARRAY[0, 0.2, 0.4, 0.6, 0.8, 1]::float8[]) WITHIN GROUP (ORDER BY v::float8) AS q
          FROM json_array_elements_text(${JSON.stringify(values)}::json) AS v`);
        expect(s.breaks.quantile).toHaveLength(6);
        s.breaks.quantile.forEach((b, i) => {
          expect(b).toBeCloseTo(Number(q[i]), 9);
        });
        const sorted = [...values].sort((a, b) => a - b);
        const k = Math.min(5, new Set(sorted).size);
        expect(s.breaks.natural).toHaveLength(k + 1);
        expect(s.breaks.natural[0]).toBe(sorted[0]);
        expect(s.breaks.natural[k]).toBe(sorted[sorted.length - 1]);
        expect(classSquares(sorted, s.breaks.natural)).toBeCloseTo(bestPartition(sorted, k), 6);
      });
    }

    it('rebound=true lists exactly the hazards a brute-force pass finds', async () => {
      const all = await db.rows<{
        id: number;
        siteId: number;
        category: string;
        foundOn: string;
        verifiedOn: string | null;
      }>(
        sql`SELECT id, site_id AS "siteId", category::text AS category, found_on::text AS "foundOn",
              verified_on::text AS "verifiedOn" FROM hazards`,
      );
      const byKey = new Map<string, typeof all>();
      for (const h of all) {
        const key = `${h.siteId}/${h.category}`;
        byKey.set(key, [...(byKey.get(key) ?? []), h]);
      }
      const bruteForce = (windowDays: number) => {
        const ids: number[] = [];
        for (const group of byKey.values()) {
          for (const h of group) {
            const hit = group.some((p) => {
              if (p.id === h.id || p.verifiedOn === null) return false;
              const gap = (Date.parse(h.foundOn) - Date.parse(p.verifiedOn)) / 86_400_000;
              return gap >= 0 && gap <= windowDays;
            });
            if (hit) ids.push(h.id);
          }
        }
        return ids.sort((a, b) => a - b);
      };
      const expected = bruteForce(90);
      const { status, body } = await get('/api/hazards/list?rebound=true&limit=10000');
      expect(status).toBe(200);
      expect(body.total).toBe(expected.length);
      expect((body.rows as { id: number }[]).map((r) => r.id)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(100);
      // Another window: the list asks the one rule (detectRebounds) with it.
      const short = bruteForce(30);
      const shortList = await get('/api/hazards/list?rebound=true&reboundWindowDays=30&limit=10000');
      expect((shortList.body.rows as { id: number }[]).map((r) => r.id)).toEqual(short);
      expect(short.length).toBeLessThan(expected.length);
      // The generator's own links are rebounds by this definition too.
      const linked = await db.rows<{ id: number }>(
        sql`SELECT h.id FROM hazards h JOIN hazards p ON p.id = h.predecessor_id
            WHERE h.found_on - p.verified_on BETWEEN 0 AND 90 ORDER BY h.id`,
      );
      const found = new Set(expected);
      expect(linked.filter((r) => !found.has(r.id))).toEqual([]);
    });

    it('filters the hazard list (township, status, category, overdue, window, paging) like SQL', async () => {
      const t = site.townshipCode;
      const { body } = await get(
        `/api/hazards/list?township=${t}&overdue=true&from=2023-01-01&to=2023-12-31&asOf=2023-07-24&limit=5&offset=2`,
      );
      const ids = await db.rows<{ id: number }>(sql`
        SELECT id FROM hazards WHERE township_code = ${t} AND found_on BETWEEN '2023-01-01' AND '2023-12-31'
          AND found_on <= '2023-07-24' AND deadline < '2023-07-24'
          AND (rectified_on IS NULL OR rectified_on > '2023-07-24') ORDER BY id`);
      expect(body.total).toBe(ids.length);
      expect((body.rows as { id: number }[]).map((r) => r.id)).toEqual(ids.slice(2, 7).map((r) => r.id));
      const s = await get('/api/hazards/list?status=reopened&category=electrical&limit=10000');
      const n = await db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM hazards WHERE status = 'reopened' AND category = 'electrical'`,
      );
      expect(s.body.total).toBe(n.n);
      for (const r of s.body.rows as { status: string; category: string }[]) {
        expect([r.status, r.category]).toEqual(['reopened', 'electrical']);
      }
    });

    it('gives heat-map points per site weighted by hazards, all in a window or open at its end', async () => {
      const all = await get('/api/hazards/heat?state=all&from=2023-01-01&to=2023-07-24');
      expect(all.status).toBe(200);
      const n = await db.one<{ n: number; sites: number }>(sql`
        SELECT count(*)::int AS n, count(DISTINCT site_id)::int AS sites FROM hazards
        WHERE found_on >= '2023-01-01' AND found_on <= '2023-07-24'`);
      expect(all.body.total).toBe(n.n);
      const points = all.body.points as [number, number, number][];
      expect(points).toHaveLength(n.sites);
      expect(points.reduce((a, p) => a + p[2], 0)).toBe(n.n);
      const first = await db.one<{ x: number; y: number; n: number }>(sql`
        SELECT ST_X(s.geom) AS x, ST_Y(s.geom) AS y, count(*)::int AS n FROM hazards h JOIN sites s ON s.id = h.site_id
        WHERE h.found_on >= '2023-01-01' AND h.found_on <= '2023-07-24' GROUP BY s.id ORDER BY s.id LIMIT 1`);
      expect(points[0]?.[0]).toBeCloseTo(first.x, 6);
      expect(points[0]?.[1]).toBeCloseTo(first.y, 6);
      expect(points[0]?.[2]).toBe(first.n);
      const open = await get(`/api/hazards/heat?state=open&to=2023-07-24&township=${site.townshipCode}`);
      const o = await db.one<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM hazards WHERE township_code = ${site.townshipCode} AND found_on <= '2023-07-24'
          AND NOT (rectified_on IS NOT NULL AND rectified_on <= '2023-07-24')`);
      expect(open.body.total).toBe(o.n);
      for (const q of ['state=closed', 'from=2023-05-01&to=2023-01-01', 'township=411121999']) {
        expect((await get(`/api/hazards/heat?${q}`)).status, q).toBe(400);
      }
    });

    it('keeps the GeoJSON hazard layer and its items', async () => {
      const { status, body } = await get('/api/hazards?limit=3');
      expect(status).toBe(200);
      expect(body.type).toBe('FeatureCollection');
      const item = await get('/api/hazards/1');
      expect(item.status).toBe(200);
      expect(item.body.type).toBe('Feature');
    });

    it('exports the ranking as CSV with a BOM and Chinese headers, and as .xlsx', async () => {
      const q = 'from=2023-01-01&to=2023-07-24&metric=found';
      const s = await stats(q);
      const res = await app.request(`/api/stats/townships.csv?${q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(15);
      const header = (lines[0] as string).split(',');
      expect(header.slice(0, 5)).toEqual(['排名', '排名变化', '乡镇代码', '乡镇', '发现隐患']);
      lines.slice(1).forEach((line, i) => {
        const cells = line.split(',');
        const t = s.townships[i] as TownshipJson;
        expect(cells[2]).toBe(t.code);
        expect(Number(cells[0])).toBe(t.rank);
        expect(Number(cells[4])).toBe(t.current.found);
        expect(Number(cells[header.indexOf('已整改')])).toBe(t.current.rectified);
      });
      const x = await app.request(`/api/stats/townships.xlsx?${q}`);
      expect(x.status).toBe(200);
      expect(x.headers.get('content-type')).toContain('spreadsheetml');
      const xb = new Uint8Array(await x.arrayBuffer());
      expect(String.fromCharCode(xb[0] as number, xb[1] as number)).toBe('PK');
      const xml = Object.entries(unzipSync(xb))
        .filter(([name]) => name.endsWith('.xml'))
        .map(([, data]) => strFromU8(data))
        .join('\n');
      for (const text of ['排名', '乡镇', '发现隐患', '罚款金额（元）', (s.townships[0] as TownshipJson).code]) {
        expect(xml, text).toContain(text);
      }
    });

    it('refuses bad statistics and list queries with 400', async () => {
      for (const q of [
        'from=2023-07-24&to=2023-01-01',
        'metric=density',
        'from=2023-02-30&to=2023-03-01',
        'from=20230101&to=2023-03-01',
        'to=2024-01-05',
        'from=2023-01-01&to=2023-02-01&colour=red',
        'reboundWindowDays=-1',
      ]) {
        const { status, body } = await get(`/api/stats/townships?${q}`);
        expect(status, q).toBe(400);
        expect((body.error as Json).code).toBe('invalid_parameter');
      }
      expect((await app.request('/api/stats/townships.csv?metric=nope')).status).toBe(400);
      for (const q of [
        'overdue=yes',
        'township=411121999',
        'limit=0',
        'from=2023-05-01&to=2023-04-01',
        'status=closed',
      ]) {
        expect((await get(`/api/hazards/list?${q}`)).status, q).toBe(400);
      }
    });

    it("gives one township's weekly trend equal to bucketing its raw rows", async () => {
      const code = site.townshipCode;
      const { status, body } = await get(`/api/stats/townships/${code}/trend?from=2023-05-01&to=2023-07-24&stepDays=7`);
      expect(status).toBe(200);
      const raw = await db.rows<{ f: string; r: string | null; v: string | null }>(sql`
        SELECT found_on::text AS f, rectified_on::text AS r, verified_on::text AS v FROM hazards WHERE township_code = ${code}`);
      const enf = await db.rows<{ d: string }>(
        sql`SELECT decided_on::text AS d FROM enforcement_actions WHERE township_code = ${code}`,
      );
      const buckets = body.buckets as {
        from: string;
        to: string;
        found: number;
        rectified: number;
        verified: number;
        enforcement: number;
      }[];
      expect(buckets).toHaveLength(13); // 85 days: 12 whole weeks and one day
      expect(buckets[0]?.from).toBe('2023-05-01');
      expect(buckets[12]).toMatchObject({ from: '2023-07-24', to: '2023-07-24' });
      for (const [i, b] of buckets.entries()) {
        const lo = addDays('2023-05-01', 7 * i);
        const hi = i === 12 ? '2023-07-24' : addDays(lo, 6);
        expect([b.from, b.to]).toEqual([lo, hi]);
        const n = (xs: (string | null)[]) => xs.filter((d) => d !== null && d >= lo && d <= hi).length;
        expect(b.found, `${lo} found`).toBe(n(raw.map((x) => x.f)));
        expect(b.rectified, `${lo} rectified`).toBe(n(raw.map((x) => x.r)));
        expect(b.verified, `${lo} verified`).toBe(n(raw.map((x) => x.v)));
        expect(b.enforcement).toBe(n(enf.map((x) => x.d)));
      }
      expect(buckets.reduce((a, b) => a + b.found, 0)).toBeGreaterThan(0);
      expect((await get('/api/stats/townships/411121999/trend')).status).toBe(404);
      expect((await get(`/api/stats/townships/${code}/trend?stepDays=0`)).status).toBe(400);
      expect((await get(`/api/stats/townships/${code}/trend?from=2020-01-01&to=2023-12-31&stepDays=1`)).status).toBe(
        400,
      );
    });

    describe('transitions', () => {
      const dates: Record<Status, [string | null, string | null]> = {
        open: [null, null],
        rectifying: [null, null],
        rectified: ['2024-03-03', null],
        verified: ['2024-03-03', '2024-03-05'],
        reopened: [null, null],
      };
      const makeHazard = async (status: Status) => {
        const [rect, ver] = dates[status];
        const { id } = await db.one<{ id: number }>(sql`
          INSERT INTO hazards (adcode, site_id, township_code, category, severity, status, description, found_on, deadline,
            rectified_on, verified_on, synthetic)
          VALUES (${site.adcode}, ${site.id}, ${site.townshipCode}, 'electrical', 'general', ${status}::hazard_status, ${MARK},
            '2024-03-01', '2024-03-08', ${rect}::date, ${ver}::date, false)
          RETURNING id`);
        await db.rows(sql`INSERT INTO hazard_transitions (adcode, hazard_id, from_status, to_status, "on")
          VALUES (${site.adcode}, ${id}, NULL, ${status}::hazard_status, '2024-03-05')`);
        return id;
      };
      const snapshot = async (id: number) =>
        db.one<{ row: string; history: number }>(sql`
          SELECT (SELECT row_to_json(h)::text FROM hazards h WHERE h.id = ${id}) AS row,
            (SELECT count(*)::int FROM hazard_transitions WHERE hazard_id = ${id}) AS history`);

      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const legal = LEGAL[from].includes(to);
          it(`${from} → ${to}: ${legal ? '200, recorded' : '409, nothing changes'}`, async () => {
            const id = await makeHazard(from);
            const before = await snapshot(id);
            const { status, body } = await post(`/api/hazards/${id}/transitions`, {
              from,
              to,
              on: '2024-03-10',
              note: 'x',
            });
            const after = await snapshot(id);
            if (legal) {
              expect(status, JSON.stringify(body)).toBe(200);
              expect(body.id).toBe(id);
              expect(body.status).toBe(to);
              expect(after.history).toBe(before.history + 1);
              const last = await db.one<{ f: string; t: string; on: string; note: string }>(sql`
                SELECT from_status::text AS f, to_status::text AS t, "on"::text AS on, note FROM hazard_transitions
                WHERE hazard_id = ${id} ORDER BY id DESC LIMIT 1`);
              expect(last).toEqual({ f: from, t: to, on: '2024-03-10', note: 'x' });
              const row = await db.one<{ status: string; r: string | null; v: string | null }>(sql`
                SELECT status::text AS status, rectified_on::text AS r, verified_on::text AS v FROM hazards WHERE id = ${id}`);
              expect(row.status).toBe(to);
              if (to === 'rectified') expect([row.r, row.v]).toEqual(['2024-03-10', null]);
              if (to === 'verified') expect([row.r, row.v]).toEqual(['2024-03-03', '2024-03-10']);
              if (to === 'reopened' || to === 'rectifying') expect([row.r, row.v]).toEqual([null, null]);
            } else {
              expect(status).toBe(409);
              const error = body.error as Json;
              expect(error.code).toBe('conflict');
              expect((error.details as Json).allowed).toEqual(LEGAL[from]);
              expect(after).toEqual(before);
            }
          });
        }
      }

      it('walks a whole life with rebound-free history, then refuses a date before the last step', async () => {
        const id = await makeHazard('open');
        const steps: [Status, string][] = [
          ['rectifying', '2024-03-05'],
          ['rectified', '2024-03-09'],
          ['verified', '2024-03-12'],
          ['reopened', '2024-03-20'],
          ['rectifying', '2024-03-21'],
          ['rectified', '2024-03-25'],
          ['verified', '2024-03-30'],
        ];
        let from: Status = 'open';
        for (const [to, on] of steps) {
          expect((await post(`/api/hazards/${id}/transitions`, { from, to, on })).status).toBe(200);
          from = to;
        }
        const history = await db.rows<{ t: string; on: string }>(sql`
          SELECT to_status::text AS t, "on"::text AS on FROM hazard_transitions WHERE hazard_id = ${id} ORDER BY id`);
        expect(history.slice(1)).toEqual(steps.map(([t, on]) => ({ t, on })));
        const api = await get(`/api/hazards/${id}/transitions`);
        expect(api.status).toBe(200);
        expect((api.body.hazard as Json).status).toBe('verified');
        const apiSteps = (api.body.transitions as { fromStatus: string | null; toStatus: string; on: string }[]).map(
          (t) => [t.fromStatus, t.toStatus, t.on],
        );
        expect(apiSteps).toEqual([
          [null, 'open', '2024-03-05'],
          ...steps.map(([t, on], i) => [i === 0 ? 'open' : (steps[i - 1] as [Status, string])[0], t, on]),
        ]);
        expect((await get('/api/hazards/2147483000/transitions')).status).toBe(404);
        const row = await db.one<{ r: string; v: string }>(
          sql`SELECT rectified_on::text AS r, verified_on::text AS v FROM hazards WHERE id = ${id}`,
        );
        expect(row).toEqual({ r: '2024-03-25', v: '2024-03-30' });
        const before = await snapshot(id);
        const early = await post(`/api/hazards/${id}/transitions`, {
          from: 'verified',
          to: 'reopened',
          on: '2024-03-29',
        });
        expect(early.status).toBe(400);
        expect(await snapshot(id)).toEqual(before);
        expect(
          (await post(`/api/hazards/${id}/transitions`, { from: 'verified', to: 'reopened', on: '2024-03-30' })).status,
        ).toBe(200);
      });

      it('refuses bad transition requests with 4xx and writes nothing', async () => {
        const id = await makeHazard('open');
        const before = await snapshot(id);
        const bad: [string, unknown, number][] = [
          [`/api/hazards/${id}/transitions`, { from: 'open', to: 'fixed', on: '2024-03-10' }, 400],
          [`/api/hazards/${id}/transitions`, { from: 'open', to: 'rectifying', on: '2024-02-30' }, 400],
          [`/api/hazards/${id}/transitions`, { from: 'open', to: 'rectifying' }, 400],
          [`/api/hazards/${id}/transitions`, { from: 'open', to: 'rectifying', on: '2024-03-10', by: 'me' }, 400],
          [`/api/hazards/${id}/transitions`, { from: 'open', to: 'rectifying', on: '2024-02-28' }, 400], // before it was found
          ['/api/hazards/abc/transitions', { from: 'open', to: 'rectifying', on: '2024-03-10' }, 400],
          ['/api/hazards/2147483000/transitions', { from: 'open', to: 'rectifying', on: '2024-03-10' }, 404],
        ];
        for (const [path, body, code] of bad) expect((await post(path, body)).status, JSON.stringify(body)).toBe(code);
        const notJson = await app.request(`/api/hazards/${id}/transitions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{to:',
        });
        expect(notJson.status).toBe(400);
        expect(await snapshot(id)).toEqual(before);
      });
    });

    describe('enforcement', () => {
      it('lists actions by township and window like SQL', async () => {
        const t = site.townshipCode;
        const { status, body } = await get(`/api/enforcement?township=${t}&from=2023-01-01&to=2023-07-24`);
        expect(status).toBe(200);
        const ids = await db.rows<{ id: number }>(sql`
          SELECT id FROM enforcement_actions WHERE township_code = ${t}
            AND decided_on BETWEEN '2023-01-01' AND '2023-07-24' ORDER BY decided_on, id`);
        expect((body.rows as { id: number }[]).map((r) => r.id)).toEqual(ids.map((r) => r.id));
        const all = await get('/api/enforcement?from=2023-01-01&to=2023-07-24&kind=fine');
        const fines = all.body.rows as { fineYuan: number }[];
        expect(fines).toHaveLength(16);
        expect(fines.reduce((a, r) => a + r.fineYuan, 0)).toBe(99_900);
      });

      it('records one action on an existing site and refuses bad ones', async () => {
        const before = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM enforcement_actions`);
        const bad: [unknown, number][] = [
          [{ siteId: 2147483000, kind: 'seal', decidedOn: '2024-02-01', note: MARK }, 404],
          [{ siteId: site.id, kind: 'fine', decidedOn: '2024-02-01', note: MARK }, 400],
          [{ siteId: site.id, kind: 'seal', fineYuan: 500, decidedOn: '2024-02-01', note: MARK }, 400],
          [{ siteId: site.id, kind: 'warning', decidedOn: '2024-02-01', note: MARK }, 400],
          [{ siteId: site.id, kind: 'seal', decidedOn: '2024-02-31', note: MARK }, 400],
          [{ siteId: 'one', kind: 'seal', decidedOn: '2024-02-01', note: MARK }, 400],
          [{ siteId: site.id, kind: 'fine', fineYuan: -5, decidedOn: '2024-02-01', note: MARK }, 400],
        ];
        for (const [b, code] of bad) expect((await post('/api/enforcement', b)).status, JSON.stringify(b)).toBe(code);
        expect((await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM enforcement_actions`)).n).toBe(before.n);
        const created = await post('/api/enforcement', {
          siteId: site.id,
          kind: 'fine',
          fineYuan: 5000,
          decidedOn: '2024-02-01',
          note: MARK,
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          siteId: site.id,
          townshipCode: site.townshipCode,
          kind: 'fine',
          fineYuan: 5000,
        });
        const listed = await get(`/api/enforcement?township=${site.townshipCode}&from=2024-02-01&to=2024-02-01`);
        expect((listed.body.rows as { id: number }[]).map((r) => r.id)).toContain(created.body.id);
        for (const q of ['from=2023-05-01&to=2023-01-01', 'township=411121999', 'kind=warning']) {
          expect((await get(`/api/enforcement?${q}`)).status, q).toBe(400);
        }
      });
    });
  });
}

hazardsSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'on PostgreSQL',
  () => hazardsSuite('postgres', openPostgresTestDb),
);
