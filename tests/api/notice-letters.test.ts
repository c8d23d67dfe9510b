/**
 * 提示函 / 《消防工作预警指南》 / 《火灾案例警示教育》 (issue 15), both engines: the brigade records one
 * (audited like a 督办通知: one audit row with the notice as written), its .docx carries the 文号,
 * title, 主送 (a township, or every township when none is named) and the text as written — markup
 * as text —; a township user may not issue one.
 */
import { sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn, type TestClient, XINAN } from '../helpers/sign-in';
import { openPostgresTestDb, openTestDb, requirePart } from '../helpers/test-db';

const MARK = '测试-提示函';

function lettersSuite(engine: 'pglite' | 'postgres', open: () => Promise<Db>) {
  describe(`notice letters on ${engine}`, () => {
    let db: Db;
    let brigade: TestClient;
    let township: TestClient;
    const post = (who: TestClient, json: unknown) =>
      who.request('/api/notices', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify(json),
      });
    const documentXml = async (id: number) => {
      const res = await brigade.request(`/api/notices/${id}/docx`);
      expect(res.status).toBe(200);
      return strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml'] as Uint8Array);
    };

    beforeAll(async () => {
      db = await open();
      const app = createApp(db);
      brigade = await signedIn(app, db, 'brigade');
      township = await signedIn(app, db, 'township', XINAN);
    });
    afterAll(async () => {
      await db?.rows(sql`DELETE FROM notices WHERE body LIKE ${`${MARK}%`}`);
      await db?.close();
    });

    it('records a 提示函 to every township, audited, and its .docx says what was written', async () => {
      const body = `${MARK}\n近期气温升高，请各地加强电动自行车充电场所巡查 <script>alert(1)</script> 🔥`;
      const res = await post(brigade, {
        kind: 'reminder',
        title: '关于做好夏季消防安全工作的提示函',
        issuedOn: '2023-07-20',
        replyBy: '2023-07-31',
        body,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const saved = (await res.json()) as { id: number; number: string; kind: string };
      expect(saved.kind).toBe('reminder');
      expect(saved.number).toMatch(/〔2023〕\d+号$/);
      const audit = await db.one<{ action: string; ok: boolean; after: { id: number; body: string } }>(
        sql`SELECT action, ok, after FROM audit_log WHERE action = 'notice.create' ORDER BY id DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({ action: 'notice.create', ok: true, after: { id: saved.id, body } });
      const xml = await documentXml(saved.id);
      expect(xml).toContain(saved.number);
      expect(xml).toContain('关于做好夏季消防安全工作的提示函');
      expect(xml).toContain('各乡镇人民政府、街道办事处：');
      expect(xml).toContain('近期气温升高，请各地加强电动自行车充电场所巡查 &lt;script&gt;alert(1)&lt;/script&gt; 🔥');
      expect(xml).toContain('2023年7月31日前');
      expect(xml).not.toContain('逾期天数');
    });

    it('records a 预警指南 to one township; a township user may not issue one', async () => {
      const json = {
        kind: 'warning_guide',
        title: '消防工作预警指南（2023年第3期）',
        issuedOn: '2023-07-21',
        townshipCode: XINAN,
        body: `${MARK}-2`,
      };
      expect((await post(township, json)).status).toBe(403);
      const res = await post(brigade, json);
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: number };
      const name = (await db.one<{ name: string }>(sql`SELECT name FROM townships WHERE code = ${XINAN}`)).name;
      const xml = await documentXml(id);
      expect(xml).toContain(`${name}人民政府：`);
      expect(xml).toContain('消防工作预警指南（2023年第3期）');
    });
  });
}

lettersSuite('pglite', openTestDb);
const pg = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(pg)('PostgreSQL', () => lettersSuite('postgres', openPostgresTestDb));
