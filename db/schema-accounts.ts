/**
 * Accounts, sessions, sign-in throttling, the append-only audit log and the per-county data
 * version (issue 11). Kept apart from the domain model in schema.ts so that reseeding the
 * demo county (`npm run seed -- --reset`, which empties every domain table) never touches
 * who may sign in or what they did.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['admin', 'auditor', 'brigade', 'township', 'viewer']);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name'),
  role: userRole('role').notNull(),
  /** 9-digit township code for role `township`, else null (a check constraint in the migration). */
  townshipCode: text('township_code'),
  passwordHash: text('password_hash').notNull(),
  /** The previous password hashes, newest first (a new password may not repeat the last 3). */
  passwordHistory: jsonb('password_history').$type<string[]>().notNull().default([]),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  mustChangePassword: boolean('must_change_password').notNull().default(true),
  disabled: boolean('disabled').notNull().default(false),
  /** Base32 TOTP secret (RFC 6238); `totpEnabled` once the user proved a code from it. */
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** The last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    clientAddress: text('client_address'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Failed sign-ins per key (`user:<name>` or `addr:<ip>`): 5 in a row lock the key for 15 minutes. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/**
 * One row per write, sign-in event and sensitive export. Append-only: triggers in the
 * migration raise on UPDATE, DELETE and TRUNCATE (archiving rows older than the retention
 * period is the one exception, and only through `npm run audit-archive`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    actor: text('actor'),
    role: text('role'),
    township: text('township'),
    clientAddress: text('client_address'),
    action: text('action').notNull(),
    tableName: text('table_name'),
    rowId: text('row_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ok: boolean('ok').notNull(),
    reason: text('reason'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actor, t.at)],
);

/** Bumped by every write to a county's data: caches and ETags key on it. */
export const dataVersions = pgTable('data_versions', {
  adcode: text('adcode').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * One version per domain table, bumped by a statement trigger on every INSERT / UPDATE / DELETE /
 * TRUNCATE (migration 0005) — by the API, an import, a CLI, or another client such as QGIS on
 * PostgreSQL. Caches key on the versions of the tables they are built from
 * (server/services/data-version.ts), so every process sees every write.
 */
export const tableVersions = pgTable('table_versions', {
  tableName: text('table_name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Per-role settings an admin makes: a second factor (TOTP) required for the role's sign-ins. */
export const rolePolicies = pgTable('role_policies', {
  role: userRole('role').primaryKey(),
  requireTotp: boolean('require_totp').notNull().default(false),
});
