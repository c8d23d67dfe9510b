/**
 * One coordinate written as text, as brigades type them into spreadsheets: decimal degrees or
 * degrees-minutes-seconds, with ASCII or typographic marks (° ′ ″ ' " º ’ ”) or Chinese ones
 * (度 分 秒), full-width digits and punctuation (１１３．６), a hemisphere as a prefix or suffix
 * (E / W / N / S, 东经 / 西经 / 北纬 / 南纬, 东 / 西 / 北 / 南), or a sign. Pure.
 *
 * @example parseAngle('113°36′12.5″') // → { ok: true, degrees: 113.60347…, axis: undefined }
 * @example parseAngle('北纬33°26′')   // → { ok: true, degrees: 33.4333…, axis: 'lat' }
 * @example parseAngle('113°61′')      // → { ok: false, code: 'minutes-out-of-range', … }
 */

export type AngleAxis = 'lon' | 'lat';

export type AngleErrorCode =
  | 'empty'
  | 'syntax'
  | 'minutes-out-of-range'
  | 'seconds-out-of-range'
  | 'degrees-out-of-range'
  | 'fraction-before-last'
  | 'conflicting-hemisphere';

export type AngleResult =
  | { ok: true; degrees: number; axis: AngleAxis | undefined }
  | { ok: false; code: AngleErrorCode; message: string; messageZh: string };

const MESSAGES: Record<AngleErrorCode, [string, string]> = {
  empty: ['empty coordinate', '坐标为空'],
  syntax: ['not a coordinate (decimal degrees or degrees-minutes-seconds)', '不是有效的坐标（十进制度或度分秒）'],
  'minutes-out-of-range': ['minutes must be below 60', '分须小于 60'],
  'seconds-out-of-range': ['seconds must be below 60', '秒须小于 60'],
  'degrees-out-of-range': [
    'degrees out of range (longitude ≤ 180, latitude ≤ 90)',
    '度数超出范围（经度 ≤ 180，纬度 ≤ 90）',
  ],
  'fraction-before-last': [
    'only the last part (degrees, minutes or seconds) may have decimals',
    '只有最后一项（度、分或秒）可以带小数',
  ],
  'conflicting-hemisphere': [
    'two different hemispheres or a sign and a hemisphere',
    '同时写了不同的方位或正负号与方位',
  ],
};

function fail(code: AngleErrorCode): AngleResult {
  const [message, messageZh] = MESSAGES[code];
  return { ok: false, code, message, messageZh };
}

/** Full-width ASCII (U+FF01–FF5E), the ideographic space and the minus sign (U+2212) to ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000\u2212]/g, (c) =>
    c === '\u3000' ? ' ' : c === '\u2212' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Every mark to one of d m s (seconds first: ″ and '' must not be read as two minute marks). */
function normalizeMarks(text: string): string {
  return text
    .replace(/''|′′|″|"|”|“|〃|秒/g, ' s ')
    .replace(/′|'|’|‘|´|分/g, ' m ')
    .replace(/°|º|˚|度/g, ' d ')
    .replace(/[:：]/g, ' ');
}

interface Hemisphere {
  sign: 1 | -1;
  axis: AngleAxis;
}

const HEMISPHERES: Record<string, Hemisphere> = {
  东经: { sign: 1, axis: 'lon' },
  東經: { sign: 1, axis: 'lon' },
  东: { sign: 1, axis: 'lon' },
  東: { sign: 1, axis: 'lon' },
  e: { sign: 1, axis: 'lon' },
  西经: { sign: -1, axis: 'lon' },
  西經: { sign: -1, axis: 'lon' },
  西: { sign: -1, axis: 'lon' },
  w: { sign: -1, axis: 'lon' },
  北纬: { sign: 1, axis: 'lat' },
  北緯: { sign: 1, axis: 'lat' },
  北: { sign: 1, axis: 'lat' },
  n: { sign: 1, axis: 'lat' },
  南纬: { sign: -1, axis: 'lat' },
  南緯: { sign: -1, axis: 'lat' },
  南: { sign: -1, axis: 'lat' },
  s: { sign: -1, axis: 'lat' },
};
const HEMISPHERE = '(东经|東經|西经|西經|北纬|北緯|南纬|南緯|[东東西北南EWNS])';
const PREFIX = new RegExp(`^${HEMISPHERE}\\s*[:：]?\\s*`, 'i');
const SUFFIX = new RegExp(`\\s*${HEMISPHERE}$`, 'i');

const NUMBER = /^\d+(?:\.\d+)?$|^\.\d+$/;

export function parseAngle(text: string): AngleResult {
  let rest = halfWidth(text).trim();
  if (rest === '') return fail('empty');

  let hemisphere: Hemisphere | undefined;
  for (const pattern of [PREFIX, SUFFIX]) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const h = HEMISPHERES[(match[1] as string).toLowerCase()] as Hemisphere;
    if (hemisphere && (hemisphere.sign !== h.sign || hemisphere.axis !== h.axis)) return fail('conflicting-hemisphere');
    hemisphere = h;
    rest = rest.slice(0, match.index) + rest.slice(match.index + match[0].length);
  }

  rest = normalizeMarks(rest).trim();
  let sign: 1 | -1 = 1;
  const signMatch = /^([+-])\s*/.exec(rest);
  if (signMatch) {
    if (hemisphere) return fail('conflicting-hemisphere');
    sign = signMatch[1] === '-' ? -1 : 1;
    rest = rest.slice(signMatch[0].length);
  }

  // Tokens: numbers, each optionally followed by its mark; unmarked numbers are d, m, s in turn.
  const tokens = rest.split(/\s+/).filter(Boolean);
  const parts: number[] = [];
  const texts: string[] = [];
  let expected = 0; // 0 = degrees, 1 = minutes, 2 = seconds
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!NUMBER.test(token)) return fail('syntax');
    const mark = tokens[i + 1];
    const slot = mark === 'd' ? 0 : mark === 'm' ? 1 : mark === 's' ? 2 : expected;
    if (mark === 'd' || mark === 'm' || mark === 's') i++;
    if (slot < expected || slot > 2) return fail('syntax');
    // A minute or second without the parts before it (e.g. "36′") is not a coordinate.
    if (slot !== parts.length) return fail('syntax');
    parts.push(Number(token));
    texts.push(token);
    expected = slot + 1;
  }
  if (parts.length === 0) return fail('syntax');
  if (texts.slice(0, -1).some((t) => t.includes('.'))) return fail('fraction-before-last');

  const [deg = 0, min = 0, sec = 0] = parts;
  if (min >= 60) return fail('minutes-out-of-range');
  if (sec >= 60) return fail('seconds-out-of-range');
  const degrees = deg + min / 60 + sec / 3600;
  const axis = hemisphere?.axis;
  if (degrees > (axis === 'lat' ? 90 : 180)) return fail('degrees-out-of-range');
  return { ok: true, degrees: (hemisphere?.sign ?? sign) * degrees, axis };
}
