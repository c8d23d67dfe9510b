/** Who is asking: the signed-in user of a request (set by the session middleware). */
import type { Context } from 'hono';
import type { Db } from '../../db/client';
import type { AuthConfig } from './config';
import type { Role } from './roles';

export interface Actor {
  userId: number;
  username: string;
  role: Role;
  /** The township of a `township` user, else null. */
  township: string | null;
  mustChangePassword: boolean;
  /** The role requires a second factor and the user has not set one up yet. */
  mustEnrollTotp: boolean;
  /** SHA-256 of the session token (never the token). */
  sessionHash: string;
}

/** Hono context variables of every /api request. */
export interface AuthVariables {
  actor: Actor | undefined;
  clientAddress: string;
  /** The app's database and settings, for the middleware that needs them (allow, audit). */
  db: Db;
  auth: AuthConfig;
}
export type AppEnv = { Variables: AuthVariables };

/** The actor of a route that has passed `allow(...)` with a non-public permission. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new Error('actorOf: no actor (route without a signed-in permission)');
  return actor;
}

/** Who did it, for the audit row. */
export function whoOf(c: Context<AppEnv>) {
  return { actor: c.get('actor'), clientAddress: c.get('clientAddress'), nowMs: c.get('auth').now() };
}
