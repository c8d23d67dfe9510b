/** Password hashing with argon2id (@node-rs/argon2, OWASP's first choice; its defaults: m = 19 MiB, t = 2, p = 1). */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Argon2id: @node-rs/argon2's `Algorithm.Argon2id` (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random secret: verified against for unknown users so both cases take the same time. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(18).toString('base64url'));
  return dummy;
}

/** A random password that meets the policy (upper, lower, digits, symbols), for the first admin and resets. */
export function randomPassword(): string {
  const base = randomBytes(12).toString('base64url');
  return `${base}-Aa9`;
}
