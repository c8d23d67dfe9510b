/**
 * The 消安办's bulletin through the API, on PGlite always and on PostgreSQL when TEST_DATABASE_URL is
 * set. Oracles: the report's figures; hand-written SQL aggregates (correlated subqueries, written apart
 * from db/queries) for three windows; the composite score recomputed here from the table and the
 * weights; the .docx's document.xml and the .xlsx's sheets read back (exceljs); the 督办 loop (a
 * notice's hazard rectified later shows as rectified in the next bulletin).
 */
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const MARK = 'test:bulletin-api';
type Row = Record<string, number | null>;
interface TownshipJson extends Row {
  score: number;
  rank: number;
  previousRank: number;
  rankChange: number;
}
interface BulletinJson {
  title: string;
  issuer: string;
  asOf: string;
  period: { kind: string; from: string; to: string; issue: number | null; previous: { from: string; to: string } };
  weights: Record<string, number>;
  county: { current: Row; previous: Row; change: Row };
  townships: (TownshipJson & { code: string; name: string; previous: Row })[];
  notices: {
    issued: Record<string, number>;
    followUps: { id: number; number: string; named: number; rectified: number; openPastReply: number }[];
  };
  sentences: string[];
}

/** Per township, one correlated subquery per figure. */
function oracleSql(from: string, to: string): SQL {
  const hz = sql`h.township_code = t.code AND h.found_on >= ${from}::date AND h.found_on <= ${to}::date`;
  const open = sql`h.township_code = t.code AND h.found_on <= ${to}::date AND NOT (h.rectified_on IS NOT NULL AND h.rectified_on <= ${to}::date)`;
  return sql`
    SELECT t.code,
      (SELECT count(*) FROM (SELECT DISTINCT p.site_id, CASE WHEN p.site_id IS NULL THEN p.address END FROM patrols p
         WHERE p.township_code = t.code AND p.patrolled_on >= ${from}::date AND p.patrolled_on <= ${to}::date) x)::int
        AS "patrolledPlaces",
      (SELECT count(*) FROM patrols p WHERE p.township_code = t.code AND p.patrolled_on >= ${from}::date
         AND p.patrolled_on <= ${to}::date)::int AS patrols,
      (SELECT count(*) FROM trainings r WHERE r.township_code = t.code AND r.held_on >= ${from}::date
         AND r.held_on <= ${to}::date)::int AS trainings,
      (SELECT count(*) FROM village_visits v WHERE v.township_code = t.code AND v.visited_on >= ${from}::date
         AND v.visited_on <= ${to}::date)::int AS "villageVisits",
      (SELECT count(*) FROM hazards h WHERE ${hz} AND h.source = 'township_patrol' AND h.rectified_on IS NOT NULL
         AND h.rectified_on <= ${to}::date)::int AS "townshipRectified",
      (SELECT count(*) FROM hazards h WHERE ${hz})::int AS found,
      (SELECT count(*) FROM hazards h WHERE ${hz} AND h.rectified_on IS NOT NULL AND h.rectified_on <= ${to}::date)::int AS rectified,
      (SELECT count(*) FROM hazards h WHERE ${open})::int AS open,
      (SELECT count(*) FROM hazards h WHERE ${open} AND h.deadline < ${to}::date)::int AS overdue,
      (SELECT count(*) FROM hazards h WHERE ${hz} AND EXISTS (
         SELECT 1 FROM hazards p WHERE p.site_id = h.site_id AND p.category = h.category AND p.id <> h.id
           AND p.verified_on IS NOT NULL AND p.verified_on BETWEEN h.found_on - 90 AND h.found_on))::int AS rebounds,
      (SELECT count(*) FROM hazards h WHERE h.township_code = t.code AND h.verified_on >= ${from}::date
         AND h.verified_on <= ${to}::date)::int AS "reboundBase"
    FROM townships t ORDER BY t.code`;
}

const pct = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 10);

/** The score written out again: sub-score 100·x/max (more is better) or 100·(1 − x/max), weighted mean. */
function expectedScores(rows: Row[], weights: Record<string, number>): number[] {
  const more = ['patrolledPlaces', 'trainings', 'villageVisits', 'rectifiedRate'];
  const less = ['overdue', 'reboundRate'];
  const max: Record<string, number> = {};
  for (const k of [...more, ...less]) max[k] = Math.max(0, ...rows.map((r) => r[k] ?? 0));
  return rows.map((r) => {
    let s = 0;
    let w = 0;
    for (const k of [...more, ...less]) {
      const x = r[k];
      if (x === null || x === undefined || !weights[k]) continue;
      const q = (max[k] as number) === 0 ? 0 : x / (max[k] as number);
      s += (weights[k] as number) * 100 * (more.includes(k) ? q : 1 - q);
      w += weights[k] as number;
    }
    return w === 0 ? 0 : Math.round((s / w) * 10) / 10;
  });
}

function bulletinSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`bulletin API on ${engine}`, () => {
    let db: Db;
    let app: TestClient;
    const get = async (path: string) => {
      const res = await app.request(path);
      return { status: res.status, body: (await res.json()) as BulletinJson & { error?: { code: string } } };
    };
    const bulletin = async (q: string) => {
      const { status, body } = await get(`/api/bulletin?${q}`);
      expect(status, JSON.stringify(body).slice(0, 300)).toBe(200);
      return body;
    };

    beforeAll(async () => {
      db = await open();
      app = await signedIn(createApp(db), db, 'brigade');
    });
    afterAll(async () => {
      await db?.rows(sql`DELETE FROM notices WHERE body = ${MARK}`);
      await db?.close();
    });

    it('reproduces the report’s township figures in 2023-01-01 … 2023-07-24', async () => {
      const b = await bulletin('from=2023-01-01&to=2023-07-24');
      expect(b.county.current).toMatchObject({
        patrolledPlaces: 14_632,
        trainings: 4_156,
        villageVisits: 4_474,
        townshipRectified: 17_528,
        rectified: 19_591,
      });
      expect(b.notices.issued).toEqual({ supervision: 18, reminder: 22, warning_guide: 3, case_warning: 4 });
      expect(b.issuer).toBe('舞阳县消防安全委员会办公室');
      expect(b.period.kind).toBe('period');
    });

    for (const [from, to] of [
      ['2023-07-17', '2023-07-23'],
      ['2023-07-01', '2023-07-31'],
      ['2023-03-06', '2023-04-19'],
    ] as const) {
      it(`equals hand-written SQL per township for ${from} … ${to}, and the score is the weights applied`, async () => {
        const b = await bulletin(`from=${from}&to=${to}`);
        const oracle = await db.rows<Row & { code: string }>(oracleSql(from, to));
        const byCode = new Map(b.townships.map((t) => [t.code, t]));
        expect(b.townships).toHaveLength(oracle.length);
        for (const o of oracle) {
          const t = byCode.get(o.code);
          const { code, ...counts } = o;
          expect(t, code).toMatchObject(counts);
          expect(t?.rectifiedRate).toBe(pct(o.rectified as number, o.found as number));
          expect(t?.reboundRate).toBe(pct(o.rebounds as number, o.reboundBase as number));
        }
        // County: sums, and places counted once across the county.
        for (const k of [
          'trainings',
          'villageVisits',
          'townshipRectified',
          'found',
          'rectified',
          'open',
          'overdue',
          'rebounds',
        ]) {
          expect(b.county.current[k], k).toBe(oracle.reduce((a, o) => a + (o[k] as number), 0));
        }
        const places = await db.one<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM (SELECT DISTINCT site_id, CASE WHEN site_id IS NULL THEN address END
                FROM patrols WHERE patrolled_on >= ${from}::date AND patrolled_on <= ${to}::date) x`,
        );
        expect(b.county.current.patrolledPlaces).toBe(places.n);
        // Score: recomputed from the table; ranks from the scores; previous period likewise.
        const ordered = [...b.townships].sort((x, y) => x.code.localeCompare(y.code));
        const scores = expectedScores(ordered, b.weights);
        ordered.forEach((t, i) => {
          expect(t.score, t.code).toBe(scores[i]);
          expect(t.rank).toBe(1 + scores.filter((s) => s > (scores[i] as number)).length);
        });
        const prevScores = expectedScores(
          ordered.map((t) => t.previous),
          b.weights,
        );
        ordered.forEach((t, i) => {
          const prevRank = 1 + prevScores.filter((s) => s > (prevScores[i] as number)).length;
          expect(t.previousRank).toBe(prevRank);
          expect(t.rankChange).toBe(prevRank - t.rank);
        });
        // Changes: counts as differences, rates in percentage points.
        expect(b.county.change.found).toBe((b.county.current.found as number) - (b.county.previous.found as number));
        const cur = b.county.current.rectifiedRate;
        const prev = b.county.previous.rectifiedRate;
        expect(b.county.change.rectifiedRate).toBe(
          cur == null || prev == null ? null : Math.round((cur - prev) * 10) / 10,
        );
        expect(b.sentences.length).toBeGreaterThanOrEqual(3);
        expect(b.sentences.length).toBeLessThanOrEqual(5);
        expect(b.sentences.join('')).toContain(`${b.county.current.patrolledPlaces}家`);
      });
    }

    it('applies configured weights, names the week 周通报 第N期, and refuses bad windows and weights', async () => {
      const b = await bulletin(
        'from=2023-07-17&to=2023-07-23&weights=patrolledPlaces:1,trainings:0,villageVisits:0,rectifiedRate:0,overdue:0,reboundRate:0',
      );
      const max = Math.max(...b.townships.map((t) => t.patrolledPlaces as number));
      for (const t of b.townships)
        expect(t.score).toBe(Math.round(((100 * (t.patrolledPlaces as number)) / max) * 10) / 10);
      expect(b.title).toBe('消防工作周通报 第29期');
      expect(b.period.previous).toEqual({ from: '2023-07-10', to: '2023-07-16' });
      const month = await bulletin('from=2023-07-01&to=2023-07-31');
      expect(month.title).toBe('消防工作月讲评 第7期');
      expect(month.period.previous).toEqual({ from: '2023-06-01', to: '2023-06-30' });
      for (const q of [
        'from=2023-07-23&to=2023-07-17',
        'from=&to=',
        'from=2023-07-17',
        'from=2023-02-30&to=2023-03-01',
        'from=2023-07-17&to=2023-07-23&weights=speed:3',
        'from=2023-07-17&to=2023-07-23&weights=trainings:0,patrolledPlaces:0,villageVisits:0,rectifiedRate:0,overdue:0,reboundRate:0',
        'from=2024-01-01&to=2024-01-07',
      ]) {
        const res = await get(`/api/bulletin?${q}`);
        expect(res.status, q).toBe(400);
        expect(res.body.error?.code, q).toBe('invalid_parameter');
      }
      const week = await bulletin('');
      expect(week.period).toMatchObject({ kind: 'week', from: '2023-12-25', to: '2023-12-31' });
    });

    it('writes a .docx with the title, period, every township and the table values', async () => {
      const b = await bulletin('from=2023-07-17&to=2023-07-23');
      const res = await app.request('/api/bulletin.docx?from=2023-07-17&to=2023-07-23');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('wordprocessingml');
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      const xml = strFromU8(files['word/document.xml'] as Uint8Array);
      const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
      expect(text).toContain('舞阳县消防安全委员会办公室');
      expect(text).toContain('消防工作周通报');
      expect(text).toContain('第29期');
      expect(text).toContain('2023年7月17日至2023年7月23日');
      expect(text).toContain('演示数据');
      for (const t of b.townships) {
        expect(text, t.name).toContain(`|${t.name}|${t.score.toFixed(1)}|`);
        expect(text).toContain(`|${t.patrolledPlaces}|`);
      }
      expect(xml).toContain('w:w="11906"'); // A4
      expect(xml).toContain('方正小标宋简体');
      expect(xml).toContain('仿宋');
      expect(Object.keys(files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);
    });

    it('writes an .xlsx whose sheets equal the JSON', async () => {
      const b = await bulletin('from=2023-07-17&to=2023-07-23');
      const res = await app.request('/api/bulletin.xlsx?from=2023-07-17&to=2023-07-23');
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      expect(book.worksheets.map((s) => s.name)).toEqual(['说明', '全县汇总', '乡镇排名', '督办落实', '重大隐患']);
      const sheet = book.getWorksheet('乡镇排名') as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (h: string) => header.indexOf(h) + 2;
      expect(sheet.rowCount).toBe(b.townships.length + 1);
      b.townships.forEach((t, i) => {
        const r = sheet.getRow(i + 2);
        expect(r.getCell(col('乡镇') - 1).value).toBe(t.name);
        expect(r.getCell(col('综合得分') - 1).value).toBe(t.score);
        expect(r.getCell(col('排名') - 1).value).toBe(t.rank);
        expect(r.getCell(col('巡查场所') - 1).value).toBe(t.patrolledPlaces);
        expect(r.getCell(col('整改率（%）') - 1).value ?? null).toBe(t.rectifiedRate);
        expect(r.getCell(col('反弹') - 1).value).toBe(t.rebounds);
      });
      const county = book.getWorksheet('全县汇总') as ExcelJS.Worksheet;
      expect(county.getRow(2).getCell(2).value).toBe(b.county.current.patrolledPlaces);
      expect(book.getWorksheet('督办落实')?.rowCount).toBe(b.notices.followUps.length + 1);
    });

    it('closes the loop: a 督办通知’s hazard rectified later shows as rectified in the next bulletin', async () => {
      // A hazard still open at the data's end, past its deadline on 2023-12-18.
      const [h] = await db.rows<{ id: number; townshipCode: string; status: string }>(
        sql`SELECT id, township_code AS "townshipCode", status::text AS status FROM hazards
            WHERE status IN ('open', 'rectifying') AND deadline < '2023-12-18' AND found_on <= '2023-12-18'
              AND NOT EXISTS (SELECT 1 FROM hazard_transitions t WHERE t.hazard_id = hazards.id AND t.on > '2023-12-18')
            ORDER BY id LIMIT 1`,
      );
      if (!h) throw new Error('no open overdue hazard in the demo data');
      const draft = await app.request(`/api/notices/draft?township=${h.townshipCode}&asOf=2023-12-18`);
      const d = (await draft.json()) as { hazards: { id: number }[]; replyBy: string; number: string };
      expect(d.hazards.map((x) => x.id)).toContain(h.id);
      expect(d.replyBy).toBe('2023-12-25');
      const post = (path: string, body: unknown) =>
        app.request(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const saved = await post('/api/notices', {
        kind: 'supervision',
        townshipCode: h.townshipCode,
        issuedOn: '2023-12-18',
        replyBy: d.replyBy,
        hazardIds: [h.id],
        body: MARK,
      });
      expect(saved.status).toBe(201);
      const notice = (await saved.json()) as { id: number; number: string; hazardIds: number[] };
      expect(notice.hazardIds).toEqual([h.id]);
      expect(notice.number).toBe(d.number);
      const before = await bulletin('from=2023-12-18&to=2023-12-24');
      expect(before.notices.followUps.find((f) => f.id === notice.id)).toMatchObject({ named: 1, rectified: 0 });
      // Rectified on 27 December, through the hazard API.
      const steps = h.status === 'open' ? ['rectifying', 'rectified'] : ['rectified'];
      let from = h.status;
      for (const to of steps) {
        const r = await post(`/api/hazards/${h.id}/transitions`, { from, to, on: '2023-12-27', note: MARK });
        expect(r.status, await r.clone().text()).toBe(200);
        from = to;
      }
      try {
        const after = await bulletin('from=2023-12-25&to=2023-12-31');
        expect(after.notices.followUps.find((f) => f.id === notice.id)).toMatchObject({
          named: 1,
          rectified: 1,
          openPastReply: 0,
        });
        const file = await app.request(`/api/notices/${notice.id}/docx`);
        const xml = strFromU8(unzipSync(new Uint8Array(await file.arrayBuffer()))['word/document.xml'] as Uint8Array);
        expect(xml).toContain(notice.number);
        expect(xml).toContain('督办通知');
      } finally {
        for (const _ of steps) await app.request(`/api/hazards/${h.id}/transitions/latest`, { method: 'DELETE' });
      }
      const restored = await db.one<{ status: string }>(
        sql`SELECT status::text AS status FROM hazards WHERE id = ${h.id}`,
      );
      expect(restored.status).toBe(h.status);
    });
  });
}

bulletinSuite('pglite', openTestDb);
describe.runIf(requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL)))(
  'on PostgreSQL',
  () => bulletinSuite('postgres', openPostgresTestDb),
);
