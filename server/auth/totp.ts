/**
 * TOTP second factor (RFC 6238, 30 s steps, 6 digits) through otplib: secrets, the otpauth://
 * URI for authenticator apps, and verification at a given time with ±1 step of clock drift.
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';

const STEP_S = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: 'fireatlas 消防一张图', label: username, secret });
}

/** The time step a valid code belongs to, or undefined. `nowMs` comes from the injected clock. */
export async function verifyTotp(secret: string, code: string, nowMs: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const epoch = Math.floor(nowMs / 1000);
  for (const drift of [0, -1, 1]) {
    const at = epoch + drift * STEP_S;
    const result = await verify({ secret, token: code, epoch: at });
    if (result.valid) return Math.floor(at / STEP_S);
  }
  return undefined;
}

/** The current code (tests and the enrolment check). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}
