/**
 * The one write path on both engines: every write leaves exactly one audit row with before/after
 * in its transaction and bumps the data version; a failing write leaves a failure row and no
 * change; a township user cannot write another township's rows (row md5 unchanged); township
 * reads are narrowed in the query; the audit log refuses UPDATE, DELETE and TRUNCATE.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { archiveAuditOlderThan, insertAudit } from '../../db/queries/audit';
import { createApp } from '../../server/app';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

type Json = Record<string, unknown>;
const MARK = 'write-path test';
const JSON_HEADERS = { 'content-type': 'application/json' };

function writePathSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`write path on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    let xinanSite: { id: number; adcode: string };
    let otherSite: { id: number; adcode: string; townshipCode: string };

    const send = async (client: TestClient, method: string, path: string, body?: unknown) => {
      const init: RequestInit = { method, headers: JSON_HEADERS };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await client.request(path, init);
      return { status: res.status, body: (await res.json()) as Json };
    };
    const auditCount = async () => (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).n;
    const lastAudit = () =>
      db.one<{
        action: string;
        actor: string;
        ok: boolean;
        before: Json | null;
        after: Json | null;
        reason: string | null;
      }>(sql`SELECT action, actor, ok, before, after, reason FROM audit_log ORDER BY id DESC LIMIT 1`);
    const version = async (adcode: string) =>
      (await db.rows<{ v: number }>(sql`SELECT version::int AS v FROM data_versions WHERE adcode = ${adcode}`))[0]?.v ??
      0;
    const rowMd5 = async (table: 'hazards' | 'hydrants', id: number) =>
      (
        await db.one<{ m: string }>(
          sql`SELECT md5(row_to_json(t)::text) AS m FROM ${sql.identifier(table)} t WHERE id = ${id}`,
        )
      ).m;
    const makeHazard = async (site: { id: number; adcode: string }, townshipCode: string) =>
      (
        await db.one<{ id: number }>(sql`
          INSERT INTO hazards (adcode, site_id, township_code, category, severity, status, description, found_on, deadline, synthetic)
          VALUES (${site.adcode}, ${site.id}, ${townshipCode}, 'electrical', 'general', 'open', ${MARK}, '2024-03-01', '2024-03-08', false)
          RETURNING id`)
      ).id;

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
      xinanSite = await db.one(sql`SELECT id, adcode FROM sites WHERE township_code = ${XINAN} ORDER BY id LIMIT 1`);
      otherSite = await db.one(
        sql`SELECT id, adcode, township_code AS "townshipCode" FROM sites WHERE township_code <> ${XINAN} ORDER BY id LIMIT 1`,
      );
    });
    afterAll(async () => {
      await db?.rows(
        sql`DELETE FROM hazard_transitions WHERE hazard_id IN (SELECT id FROM hazards WHERE description = ${MARK})`,
      );
      await db?.rows(sql`DELETE FROM hazards WHERE description = ${MARK}`);
      await db?.rows(sql`DELETE FROM enforcement_actions WHERE note = ${MARK}`);
      await db?.close();
    });

    it('a transition leaves one audit row with before and after, and bumps the data version', async () => {
      const id = await makeHazard(xinanSite, XINAN);
      const [n0, v0] = [await auditCount(), await version(xinanSite.adcode)];
      const res = await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-05',
      });
      expect(res.status).toBe(200);
      expect(await auditCount()).toBe(n0 + 1);
      const row = await lastAudit();
      expect(row).toMatchObject({ action: 'hazard.transition', actor: brigade.username, ok: true });
      expect(row.before).toMatchObject({ id, status: 'open' });
      expect(row.after).toMatchObject({ id, status: 'rectifying' });
      expect(await version(xinanSite.adcode)).toBe(v0 + 1);
    });

    it('a conflicting transition (stale from) → 409 with the current status, a failure row and no change', async () => {
      const id = await makeHazard(xinanSite, XINAN);
      await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-05',
      });
      const [n0, md5, v0] = [await auditCount(), await rowMd5('hazards', id), await version(xinanSite.adcode)];
      // A second person saw it open too and wants to close it.
      const res = await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-06',
      });
      expect(res.status).toBe(409);
      expect((res.body.error as { details: Json }).details).toMatchObject({ current: 'rectifying', expected: 'open' });
      expect(await rowMd5('hazards', id)).toBe(md5);
      expect(await auditCount()).toBe(n0 + 1);
      expect(await lastAudit()).toMatchObject({ action: 'hazard.transition', ok: false, before: null, after: null });
      expect(await version(xinanSite.adcode)).toBe(v0);
    });

    it('refuses a transition dated after tomorrow, and the brigade can undo the latest step', async () => {
      const id = await makeHazard(xinanSite, XINAN);
      const far = await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '9999-12-31',
      });
      expect(far.status).toBe(400);
      await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-05',
      });
      await send(brigade, 'POST', `/api/hazards/${id}/transitions`, {
        from: 'rectifying',
        to: 'rectified',
        on: '2024-03-09',
      });
      expect((await send(township, 'DELETE', `/api/hazards/${id}/transitions/latest`)).status).toBe(403);
      const undo = await send(brigade, 'DELETE', `/api/hazards/${id}/transitions/latest`);
      expect(undo.status).toBe(200);
      const row = await db.one<{ status: string; r: string | null; n: number }>(sql`SELECT status::text AS status,
        rectified_on::text AS r, (SELECT count(*)::int FROM hazard_transitions WHERE hazard_id = ${id}) AS n FROM hazards WHERE id = ${id}`);
      expect(row).toEqual({ status: 'rectifying', r: null, n: 1 });
      expect(await lastAudit()).toMatchObject({ action: 'hazard.undo_transition', ok: true });
      expect((await lastAudit()).after).toMatchObject({ undone: { toStatus: 'rectified', on: '2024-03-09' } });
      // Undo again: back to open; a third time there is nothing recorded to undo (the hazard was inserted bare).
      expect((await send(brigade, 'DELETE', `/api/hazards/${id}/transitions/latest`)).status).toBe(200);
      expect((await send(brigade, 'DELETE', `/api/hazards/${id}/transitions/latest`)).status).toBe(409);
    });

    it('a township user writes its own township and gets 403 elsewhere, with the row unchanged', async () => {
      const own = await makeHazard(xinanSite, XINAN);
      const other = await makeHazard(otherSite, otherSite.townshipCode);
      const md5 = await rowMd5('hazards', other);
      const n0 = await auditCount();
      const denied = await send(township, 'POST', `/api/hazards/${other}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-05',
      });
      expect(denied.status).toBe(403);
      expect(await rowMd5('hazards', other)).toBe(md5);
      expect(await auditCount()).toBe(n0 + 1);
      expect(await lastAudit()).toMatchObject({ ok: false, actor: township.username });
      const allowed = await send(township, 'POST', `/api/hazards/${own}/transitions`, {
        from: 'open',
        to: 'rectifying',
        on: '2024-03-05',
      });
      expect(allowed.status).toBe(200);
      // Enforcement on another township's site, and a hydrant accepted in another township.
      const before = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM enforcement_actions`);
      const fine = await send(township, 'POST', '/api/enforcement', {
        siteId: otherSite.id,
        kind: 'seal',
        decidedOn: '2024-02-01',
        note: MARK,
      });
      expect(fine.status).toBe(403);
      expect(await db.one(sql`SELECT count(*)::int AS n FROM enforcement_actions`)).toEqual(before);
      const far = await db.one<{ lon: number; lat: number }>(sql`SELECT ST_X(ST_PointOnSurface(geom)) AS lon,
        ST_Y(ST_PointOnSurface(geom)) AS lat FROM townships WHERE code = ${otherSite.townshipCode}`);
      const hydrants = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM hydrants`);
      const accept = await send(township, 'POST', '/api/plan/hydrants/accept', { proposals: [far] });
      expect(accept.status).toBe(403);
      expect(await db.one(sql`SELECT count(*)::int AS n FROM hydrants`)).toEqual(hydrants);
    });

    it("narrows a township user's hazard and enforcement reads to its township in the query", async () => {
      const list = await send(township, 'GET', '/api/hazards/list?limit=10000');
      expect(list.status).toBe(200);
      const rows = list.body.rows as { townshipCode: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.townshipCode))).toEqual(new Set([XINAN]));
      const layer = await send(township, 'GET', '/api/hazards');
      const features = layer.body.features as { properties: { townshipCode: string } }[];
      const own = await db.one<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM hazards WHERE township_code = ${XINAN}`,
      );
      expect(features).toHaveLength(own.n);
      expect((await send(township, 'GET', `/api/hazards/list?township=${otherSite.townshipCode}`)).status).toBe(403);
      const enforcement = await send(township, 'GET', '/api/enforcement');
      expect((enforcement.body.rows as { townshipCode: string }[]).every((r) => r.townshipCode === XINAN)).toBe(true);
      const otherHazard = await db.one<{ id: number }>(
        sql`SELECT id FROM hazards WHERE township_code <> ${XINAN} ORDER BY id LIMIT 1`,
      );
      expect((await send(township, 'GET', `/api/hazards/${otherHazard.id}`)).status).toBe(403);
      expect((await send(township, 'GET', `/api/hazards/${otherHazard.id}/transitions`)).status).toBe(403);
      // Map layers stay county-wide: a team needs its neighbours' units and hydrants.
      const units = await send(township, 'GET', '/api/units');
      const all = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`);
      expect(units.body.features).toHaveLength(all.n);
    });

    it('audits scenario create, replace and delete with before and after', async () => {
      const body = { name: `${MARK} <script>alert(1)</script> 🚒 \u200f`, changes: { unitStatus: [] } };
      const created = await send(brigade, 'POST', '/api/scenarios', body);
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      expect(created.body.name).toBe(body.name.trim());
      expect(await lastAudit()).toMatchObject({ action: 'scenario.create', ok: true, before: null });
      const replaced = await send(brigade, 'PUT', `/api/scenarios/${id}`, { ...body, name: 'renamed' });
      expect(replaced.status).toBe(200);
      const update = await lastAudit();
      expect(update.before).toMatchObject({ name: body.name.trim() });
      expect(update.after).toMatchObject({ name: 'renamed' });
      expect((await send(township, 'DELETE', `/api/scenarios/${id}`)).status).toBe(403);
      expect((await send(brigade, 'DELETE', `/api/scenarios/${id}`)).status).toBe(200);
      expect(await lastAudit()).toMatchObject({ action: 'scenario.delete', ok: true, before: { name: 'renamed' } });
    });

    it('archives only rows older than 180 days, and only through the archive flag', async () => {
      const mark = `archive-${Date.now()}-${engine}`;
      const day = 86_400_000;
      const entry = (atMs: number) => ({
        actor: mark,
        role: null,
        township: null,
        clientAddress: null,
        action: 'test.archive',
        tableName: null,
        rowId: null,
        before: null,
        after: null,
        ok: true,
        reason: null,
        atMs,
      });
      await insertAudit(db, entry(Date.now() - 200 * day));
      await insertAudit(db, entry(Date.now() - 10 * day));
      // A shorter period than the retention is refused by the database itself, and nothing is kept aside.
      let kept: unknown[] = [];
      await expect(
        archiveAuditOlderThan(db, 1, (rows) => {
          kept = rows;
        }),
      ).rejects.toThrow();
      expect(kept).toEqual([]);
      const archived = (await archiveAuditOlderThan(db, 180, (rows) => {
        kept = rows;
      })) as { actor: string; at: string }[];
      expect(kept).toEqual(archived);
      expect(archived.filter((r) => r.actor === mark)).toHaveLength(1);
      const left = await db.rows(sql`SELECT 1 FROM audit_log WHERE actor = ${mark}`);
      expect(left).toHaveLength(1);
      // A failing archive file (the keep callback throws) deletes nothing.
      await insertAudit(db, entry(Date.now() - 300 * day));
      await expect(
        archiveAuditOlderThan(db, 180, () => {
          throw new Error('disk full');
        }),
      ).rejects.toThrow(/disk full/);
      expect(await db.rows(sql`SELECT 1 FROM audit_log WHERE actor = ${mark}`)).toHaveLength(2);
    });

    it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
      const n = await auditCount();
      // drizzle wraps the engine's error; its cause is the database's own message.
      const refusal = (q: ReturnType<typeof sql>) =>
        db.rows(q).then(
          () => 'done',
          (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
        );
      expect(await refusal(sql`UPDATE audit_log SET actor = 'someone else'`)).toMatch(/append-only|permission denied/);
      expect(await refusal(sql`DELETE FROM audit_log`)).toMatch(/append-only|permission denied/);
      expect(await refusal(sql`TRUNCATE audit_log`)).toMatch(/append-only|permission denied/);
      expect(await auditCount()).toBe(n);
    });
  });
}

writePathSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => writePathSuite('postgres', openPostgresTestDb));
