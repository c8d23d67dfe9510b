import { describe, expect, it } from 'vitest';
import { type AngleErrorCode, parseAngle } from '../../../../server/geo/crs/angle-text';

const DMS = 113 + 36 / 60 + 12.5 / 3600;

describe('parseAngle', () => {
  it.each([
    ['113°36′12.5″', DMS, undefined],
    [`113°36'12.5"`, DMS, undefined],
    ['113度36分12.5秒', DMS, undefined],
    ['113º36’12.5”', DMS, undefined],
    [`113°36'12.5''`, DMS, undefined],
    ['113 36 12.5', DMS, undefined],
    ['113:36:12.5', DMS, undefined],
    ['E113°36′12.5″', DMS, 'lon'],
    ['113°36′12.5″E', DMS, 'lon'],
    ['东经113°36′12.5″', DMS, 'lon'],
    ['33°26′N', 33 + 26 / 60, 'lat'],
    ['N 33°26.5′', 33 + 26.5 / 60, 'lat'],
    ['北纬33.5', 33.5, 'lat'],
    ['北纬：33.5', 33.5, 'lat'],
    ['33.5北纬', 33.5, 'lat'],
    ['东经 113.6', 113.6, 'lon'],
    ['113.6E', 113.6, 'lon'],
    ['e113.6', 113.6, 'lon'],
    ['113.6', 113.6, undefined],
    ['１１３．６', 113.6, undefined],
    ['１１３°３６′１２．５″', DMS, undefined],
    ['东经１１３．６', 113.6, 'lon'],
    ['S33.5', -33.5, 'lat'],
    ['西经 73.5', -73.5, 'lon'],
    ['-113.6', -113.6, undefined],
    ['\u2212113.6', -113.6, undefined],
    ['－113.6', -113.6, undefined],
    ['  113°  ', 113, undefined],
  ] as const)('%s → %d', (text, degrees, axis) => {
    const result = parseAngle(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.degrees).toBeCloseTo(degrees, 12);
    expect(result.axis).toBe(axis);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'syntax'],
    ['113,6', 'syntax'],
    ['36′12″', 'syntax'],
    ['113°36″', 'syntax'],
    ['113°36′12″5', 'syntax'],
    ['113°61′', 'minutes-out-of-range'],
    ['113度60分', 'minutes-out-of-range'],
    ['113°36′60″', 'seconds-out-of-range'],
    ['113°36′75.2″', 'seconds-out-of-range'],
    ['113.5°30′', 'fraction-before-last'],
    ['113°30.5′12″', 'fraction-before-last'],
    ['200', 'degrees-out-of-range'],
    ['N95', 'degrees-out-of-range'],
    ['北纬 91°', 'degrees-out-of-range'],
    ['E113.6W', 'conflicting-hemisphere'],
    ['东经33.5N', 'conflicting-hemisphere'],
    ['-E113.6', 'syntax'],
    ['E -113.6', 'conflicting-hemisphere'],
  ] as [string, AngleErrorCode][])('%s → %s', (text, code) => {
    const result = parseAngle(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(result.message.length).toBeGreaterThan(0);
    expect(result.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});
