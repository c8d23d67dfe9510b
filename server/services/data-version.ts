/**
 * Caches that follow the data. Each cache names the tables it is built from; a lookup reads
 * their versions (one indexed query, or the request's snapshot; bumped by triggers on every
 * write by any client — this process, another server process, an import, psql or QGIS) and
 * rebuilds when they changed.
 * Nothing has to remember to invalidate anything.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../db/client';
import { type TableVersions, tableVersionKey, type VersionedTable, versionKey } from '../../db/queries/data-version';

export type { TableVersions, VersionedTable };

interface Snapshot {
  db: Db;
  versions: TableVersions;
  dropped: boolean;
}

const snapshots = new AsyncLocalStorage<Snapshot>();

/**
 * Runs a read request with the table versions read alongside its session (one round trip, not
 * two: on loopback PostgreSQL the second query was a third of a cached layer read). Fresh as
 * a lookup of its own: both are read as the request starts. Only for requests that do not
 * write; a write drops it (`dropVersionSnapshot`) so what follows reads the versions again.
 */
export function withVersionSnapshot<T>(db: Db, versions: TableVersions, run: () => T): T {
  return snapshots.run({ db, versions, dropped: false }, run);
}

/** After a write in this request the snapshot is out of date: later lookups query. */
export function dropVersionSnapshot(): void {
  const snapshot = snapshots.getStore();
  if (snapshot) snapshot.dropped = true;
}

/** The version key of `tables` on `db`: from the request's snapshot when it has one for `db`. */
export function dataVersion(db: Db, tables: readonly VersionedTable[]): Promise<string> {
  const snapshot = snapshots.getStore();
  if (snapshot && snapshot.db === db && !snapshot.dropped)
    return Promise.resolve(versionKey(snapshot.versions, tables));
  return tableVersionKey(db, tables);
}

export interface Versioned<T> {
  value: T;
  /** The table versions the value was built from. */
  version: string;
  /** True when the value was already held for these versions. */
  cached: boolean;
}

export interface VersionedCache<K, T> {
  get(db: Db, key: K): Promise<Versioned<T>>;
  /** Whether a value for `key` is held for the tables' current versions. */
  holds(db: Db, key: K): Promise<boolean>;
  /** Forgets everything held for a database (a cold answer in a test or a benchmark). */
  drop(db: Db): void;
}

interface Held<T> {
  version: string;
  entries: Map<string, Promise<T>>;
}

/**
 * One cache per database handle and per key (`keyOf`), emptied when the versions of `tables`
 * change (a held promise also moves to the back when read: see `get`). Concurrent requests for the same key share one build; a failed build is not kept.
 */
export function versionedCache<K, T>(
  tables: readonly VersionedTable[],
  build: (db: Db, key: K) => Promise<T>,
  keyOf: (key: K) => string = (key) => String(key),
  /** Keys held per version at most (the oldest goes first): bbox or filter keys are unbounded. */
  maxEntries = Number.POSITIVE_INFINITY,
): VersionedCache<K, T> {
  const byDb = new WeakMap<Db, Held<T>>();
  const current = async (db: Db): Promise<Held<T>> => {
    const version = await dataVersion(db, tables);
    let held = byDb.get(db);
    if (!held || held.version !== version) {
      held = { version, entries: new Map() };
      byDb.set(db, held);
    }
    return held;
  };
  return {
    async get(db, key) {
      const held = await current(db);
      const k = keyOf(key);
      let entry = held.entries.get(k);
      const cached = entry !== undefined;
      if (entry) {
        held.entries.delete(k); // most recently used last
        held.entries.set(k, entry);
      }
      if (!entry) {
        entry = build(db, key);
        held.entries.set(k, entry);
        if (held.entries.size > maxEntries) held.entries.delete(held.entries.keys().next().value as string);
        entry.catch(() => {
          if (held.entries.get(k) === entry) held.entries.delete(k);
        });
      }
      return { value: await entry, version: held.version, cached };
    },
    async holds(db, key) {
      const held = await current(db);
      return held.entries.has(keyOf(key));
    },
    drop(db) {
      byDb.delete(db);
    },
  };
}
