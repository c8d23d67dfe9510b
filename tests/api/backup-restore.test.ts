/**
 * The restore drill (等保: a demonstrated restore), on both engines, through the real CLIs run as
 * child processes: start from a restore into an empty target, back up, change data (a scenario
 * inserted, a hydrant's status updated, in SQL), restore, and find every layer answer and the
 * scenario list byte-identical to before the change. Also: an existing backup file is never
 * overwritten, existing data is not replaced without --force, a file of the other engine or no
 * backup at all is refused, a truncated backup changes nothing.
 *
 * PGlite runs in a DATA_DIR in a temporary directory, seeded from the test template (a tarball
 * of a prepared data directory, i.e. a PGlite backup). PostgreSQL never touches the shared
 * TEST_DATABASE_URL beyond a pg_dump of it: the drill runs in a scratch database
 * fireatlas_restore_<pid>, a copy of template_postgis (extensions only; .ci/run creates it),
 * filled by restoring the test database's dump, and dropped at the end.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client';
import { createApp } from '../../server/app';
import { signedIn } from '../helpers/sign-in';
import { templatePath } from '../helpers/template';
import { requirePart } from '../helpers/test-db';

const PATHS = [
  ...['counties', 'townships', 'villages', 'roads', 'units', 'hydrants', 'sites', 'hazards'].map((l) => `/api/${l}`),
  '/api/scenarios',
];

/** Every layer answer and the scenario list, as text, for a freshly signed-in brigade user. */
async function answers(db: Db): Promise<Record<string, string>> {
  const client = await signedIn(createApp(db), db, 'brigade');
  const out: Record<string, string> = {};
  for (const path of PATHS) {
    const res = await client.request(path);
    expect(res.status, path).toBe(200);
    out[path] = await res.text();
  }
  return out;
}

/** The change the restore has to undo: a new scenario and a hydrant with another status. */
async function change(db: Db): Promise<void> {
  await db.rows(
    sql`INSERT INTO scenarios (adcode, name, changes) VALUES ('411121', '恢复演练', '{"unitStatus":[],"turnout":[],"hypotheticalUnits":[]}'::jsonb)`,
  );
  await db.rows(
    sql`UPDATE hydrants SET status = (CASE WHEN status = 'ok' THEN 'faulty' ELSE 'ok' END)::hydrant_status
        WHERE id = (SELECT min(id) FROM hydrants)`,
  );
}

const auditRows = async (db: Db) =>
  (await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`, 'audit rows')).n;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Target {
  /** The environment the CLIs run with (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** The restored database; closed again before the next CLI run (one process per PGlite data dir). */
  open(): Promise<Db>;
  /** A backup of the other engine, for the mismatch case. */
  otherKind(): string;
  otherKindMessage: RegExp;
  /** Seeds the empty target by a restore; returns the CLI result. */
  seed(): ReturnType<typeof spawnSync>;
}

const cli = (env: Record<string, string>, script: 'backup' | 'restore', ...args: string[]) =>
  spawnSync('npx', ['tsx', `server/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

const reportedMs = (stdout: string) => Number(/, ([\d,]+) ms/.exec(stdout)?.[1]?.replace(/,/g, '') ?? Number.NaN);

function restoreDrill(engine: 'pglite' | 'postgres', target: () => Target, tmp: () => string) {
  let t: Target;
  let file: string;
  const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const db = await t.open();
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };

  beforeAll(() => {
    t = target();
    file = join(tmp(), `backup-${engine}.bin`);
  });

  it('restores into an empty target (the starting point)', () => {
    const seeded = t.seed();
    expect(seeded.status, String(seeded.stderr)).toBe(0);
    expect(String(seeded.stdout)).toMatch(/已恢复 \/ restored: .* bytes/);
    console.log(`${engine}: seed restore ${reportedMs(String(seeded.stdout))} ms`);
  });

  it('drill: back up, change, refuse without --force, restore → every answer byte-identical', async () => {
    const before = await withDb(answers);
    const auditAtBackup = await withDb(auditRows);

    const made = cli(t.env, 'backup', file);
    expect(made.status, made.stderr).toBe(0);
    const bytes = readFileSync(file).length;
    expect(made.stdout).toContain(`${bytes.toLocaleString('en-US')} bytes`);
    expect(made.stdout).toContain(engine === 'pglite' ? 'PGlite' : 'PostgreSQL');
    console.log(`${engine}: backup ${bytes} bytes in ${reportedMs(made.stdout)} ms`);

    const changed = await withDb(async (db) => {
      await change(db);
      return answers(db);
    });
    for (const path of PATHS) {
      const moved = path === '/api/hydrants' || path === '/api/scenarios';
      expect(changed[path] !== before[path], `${path} changed: ${moved}`).toBe(moved);
    }

    const refused = cli(t.env, 'restore', file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/恢复失败，数据未改变 \/ restore failed, nothing changed/);
    expect(refused.stderr).toMatch(/add --force to replace/);
    const still = await withDb(answers);
    for (const path of PATHS) expect(still[path], path).toBe(changed[path]);

    const restored = cli(t.env, 'restore', file, '--force');
    expect(restored.status, restored.stderr).toBe(0);
    console.log(`${engine}: restore --force ${reportedMs(restored.stdout)} ms`);
    const after = await withDb(async (db) => {
      // The audit trail is back as it was at the backup, and still append-only.
      expect(await auditRows(db)).toBe(auditAtBackup);
      await expect(
        db.rows(sql`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`),
      ).rejects.toThrow();
      return answers(db);
    });
    for (const path of PATHS) expect(after[path], path).toBe(before[path]);
  });

  it('never overwrites an existing backup file', () => {
    const hash = sha(file);
    const again = cli(t.env, 'backup', file);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/exists: choose a new file \(a backup never overwrites a file\)/);
    expect(sha(file)).toBe(hash);
  });

  it("refuses the other engine's backup, a file that is no backup, and a truncated backup: data unchanged", async () => {
    const before = await withDb(async (db) => (await answers(db))['/api/hydrants']);
    const other = cli(t.env, 'restore', t.otherKind(), '--force');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(t.otherKindMessage);

    const text = join(tmp(), `not-a-backup-${engine}.txt`);
    writeFileSync(text, 'hello\n');
    const none = cli(t.env, 'restore', text, '--force');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/not a fireatlas backup/);

    const cut = join(tmp(), `truncated-${engine}.bin`);
    writeFileSync(cut, readFileSync(file).subarray(0, Math.floor(readFileSync(file).length / 2)));
    const broken = cli(t.env, 'restore', cut, '--force');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/恢复失败，数据未改变 \/ restore failed, nothing changed/);

    expect(await withDb(async (db) => (await answers(db))['/api/hydrants'])).toBe(before);
  });

  it('wrong arguments exit 2', () => {
    expect(cli(t.env, 'restore').status).toBe(2);
    expect(cli(t.env, 'backup', 'a', 'b').status).toBe(2);
  });
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fireatlas-backup-test-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore on PGlite', () => {
  restoreDrill(
    'pglite',
    () => {
      const dataDir = join(tmp, 'data');
      const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      return {
        env,
        open: () => openDb({ dataDir }),
        otherKind: () => {
          const fake = join(tmp, 'fake.dump');
          writeFileSync(fake, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(100)]));
          return fake;
        },
        otherKindMessage: /this is a PostgreSQL backup \(pg_dump\), not for PGlite/,
        seed: () => cli(env, 'restore', templatePath()),
      };
    },
    () => tmp,
  );
});

const available = requirePart('PostgreSQL (TEST_DATABASE_URL)', Boolean(process.env.TEST_DATABASE_URL));
describe.runIf(available)('backup and restore on PostgreSQL', () => {
  const testUrl = process.env.TEST_DATABASE_URL ?? '';
  const urlOf = (name: string) => {
    const u = new URL(testUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const scratch = `fireatlas_restore_${process.pid}`;
  const bare = `${scratch}_bare`;
  let admin: Db;

  beforeAll(async () => {
    admin = await openDb({ databaseUrl: urlOf('postgres') });
    const [ok] = await admin.rows<{ createdb: boolean; template: boolean }>(
      sql`SELECT (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS createdb,
            EXISTS (SELECT FROM pg_database WHERE datname = 'template_postgis') AS template`,
    );
    if (!ok?.createdb || !ok.template)
      throw new Error(
        'the drill needs CREATEDB for the test role and a database template_postgis with the extensions (see .ci/run)',
      );
    await admin.rows(sql.raw(`CREATE DATABASE ${scratch} TEMPLATE template_postgis`));
    await admin.rows(sql.raw(`CREATE DATABASE ${bare} TEMPLATE template0`));
  });
  afterAll(async () => {
    await admin?.rows(sql.raw(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
    await admin?.rows(sql.raw(`DROP DATABASE IF EXISTS ${bare} WITH (FORCE)`));
    await admin?.close();
  });

  restoreDrill(
    'postgres',
    () => {
      const env = { DATABASE_URL: urlOf(scratch) };
      return {
        env,
        open: () => openDb({ databaseUrl: urlOf(scratch) }),
        otherKind: templatePath,
        otherKindMessage: /this is a PGlite data-directory backup, not for PostgreSQL/,
        seed: () => {
          // A read-only pg_dump of the shared test database, restored into the empty scratch one.
          const seedFile = join(tmp, 'seed.dump');
          const dumped = cli({ DATABASE_URL: testUrl }, 'backup', seedFile);
          if (dumped.status !== 0) return dumped;
          return cli(env, 'restore', seedFile);
        },
      };
    },
    () => tmp,
  );

  it('a database without the extensions is refused with the CREATE EXTENSION to run', () => {
    const res = cli({ DATABASE_URL: urlOf(bare) }, 'restore', join(tmp, 'seed.dump'));
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/a superuser must first run CREATE EXTENSION postgis;/);
  });
});
