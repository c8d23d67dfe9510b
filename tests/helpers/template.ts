/**
 * A prepared PGlite database (migrated and demo-seeded) dumped to a tarball once and
 * reused: starting PGlite from it costs seconds, seeding from scratch costs far more.
 * The file name carries a hash of everything that shapes the data, so edits rebuild it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
// The demo generator (data/) builds on the geometry kernel in server/geo/.
const inputs = ['db/migrations', 'db/schema.ts', 'db/seed.ts', 'server/services/demo-county.ts', 'data', 'server/geo'];

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry));
  } else {
    hash.update(path.slice(root.length));
    hash.update(readFileSync(path));
  }
}

export function templatePath(): string {
  const hash = createHash('sha256');
  for (const input of inputs) hashTree(hash, join(root, input));
  return join(root, '.test-data', `template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

export async function buildTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const { openDb, dumpPglite } = await import('../../db/client');
  const { migrate } = await import('../../db/migrate');
  const { ensureDemoCounty } = await import('../../server/services/demo-county');
  const db = await openDb({});
  await migrate(db);
  await ensureDemoCounty(db);
  const dump = await dumpPglite(db);
  await db.close();
  mkdirSync(join(root, '.test-data'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, path);
  return path;
}
