/**
 * Strict parameter schemas shared by every route (issue 11): query integers are plain decimal
 * digits (no hex, exponent, blanks or empty → 0), within int4; text has no NUL and no lone
 * surrogate (PostgreSQL cannot store the first, and the second is not Unicode text).
 */
import { z } from 'zod';

export const INT4_MAX = 2_147_483_647;

/** A query-string integer in [min, max]. */
export function queryInt(min: number, max: number, message = 'must be a whole number written in digits') {
  return z
    .string()
    .regex(/^-?\d{1,10}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A query-string decimal number in [min, max] (digits with an optional fraction; no exponent). */
export function queryNumber(min: number, max: number, what = 'value') {
  return z
    .string()
    .regex(/^-?\d{1,10}(\.\d{1,12})?$/, `${what} must be a decimal number`)
    .transform(Number)
    .pipe(z.number().min(min).max(max));
}

/** A JSON integer in [min, max] (max at most int4). */
export function bodyInt(min: number, max: number = INT4_MAX) {
  return z.number().int().min(min).max(Math.min(max, INT4_MAX));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what is refused
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` can be stored and shown as text. */
export function isStorableText(s: string): boolean {
  return !NUL.test(s) && !LONE_SURROGATE.test(s);
}

/** User text (names, notes): trimmed, 1..max characters, storable. Markup is kept as text and rendered as text. */
export function safeText(max: number) {
  return z
    .string()
    .refine(isStorableText, 'text must not contain NUL or unpaired surrogate characters')
    .transform((s) => s.trim())
    .pipe(z.string().min(1).max(max));
}

/**
 * `county=`: the county an analysis runs on (a 6-digit adcode; default the focus county). Checked
 * against the counties table by `countyOf` (server/services/county.ts): an unknown adcode is a 404.
 */
export const CountyParam = z
  .string()
  .regex(/^\d{6}$/, 'county must be a 6-digit adcode (行政区划代码)')
  .optional();
