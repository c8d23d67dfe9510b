/** The bulletin's pure parts: score, rank classes, sentences, rates, periods; the print scale bar; the density legend ranges. */
import { describe, expect, it } from 'vitest';
import { compositeScores, DEFAULT_WEIGHTS, parseWeights, rankClass } from '../../../server/analysis/bulletin-score';
import { bulletinSentences } from '../../../server/analysis/bulletin-sentences';
import { percent, percentagePoints, ppText } from '../../../server/analysis/rates';
import { lastWeek, periodOf } from '../../../server/services/bulletin-window';
import { coverWidth, metresPerPixel, scaleBar } from '../../../web/map/print';
import { classRange } from '../../../web/panels/hazard-density/hazard-density.svelte';

const row = (x: Partial<Record<string, number | null>>) => ({
  patrolledPlaces: 0,
  trainings: 0,
  villageVisits: 0,
  rectifiedRate: null,
  overdue: 0,
  reboundRate: null,
  ...x,
});

describe('composite score', () => {
  it('is the weighted mean of sub-scores against the best township, leaving out rates of nothing', () => {
    const w = { ...DEFAULT_WEIGHTS };
    const [a, b] = compositeScores(
      [
        row({ patrolledPlaces: 100, trainings: 10, villageVisits: 5, rectifiedRate: 50, overdue: 0, reboundRate: 10 }),
        row({ patrolledPlaces: 50, trainings: 20, villageVisits: 5, rectifiedRate: null, overdue: 4, reboundRate: 20 }),
      ],
      w,
    );
    // a: 25·100 + 15·50 + 15·100 + 25·100 + 10·100 + 10·50 over 100
    expect(a).toBe(Math.round(((2500 + 750 + 1500 + 2500 + 1000 + 500) / 100) * 10) / 10);
    // b: no rectified rate → its weight is left out (75 in all)
    expect(b).toBe(Math.round(((25 * 50 + 15 * 100 + 15 * 100 + 0 + 10 * 0) / 75) * 10) / 10);
  });
  it('parses weights and refuses unknown indicators, bad numbers and all zero', () => {
    expect(parseWeights('trainings:40')).toEqual({ ...DEFAULT_WEIGHTS, trainings: 40 });
    expect(typeof parseWeights('speed:1')).toBe('string');
    expect(typeof parseWeights('trainings:-1')).toBe('string');
    expect(
      typeof parseWeights('patrolledPlaces:0,trainings:0,villageVisits:0,rectifiedRate:0,overdue:0,reboundRate:0'),
    ).toBe('string');
  });
  it('classes ranks in equal counts, ties together', () => {
    expect(Array.from({ length: 14 }, (_, i) => rankClass(i + 1, 14))).toEqual([
      0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4,
    ]);
    expect(rankClass(1, 2)).toBe(0);
    expect(rankClass(2, 2)).toBe(1);
  });
});

describe('sentences', () => {
  const base = {
    county: {
      patrolledPlaces: 10,
      patrolledPlacesChange: -2,
      trainings: 3,
      villageVisits: 4,
      found: 20,
      rectified: 5,
      rectifiedRate: 25,
      rectifiedRateChangePp: -3.2,
      overdue: 7,
    },
    ranking: [
      { name: '甲镇', score: 90, rectifiedRate: 50, overdue: 0 },
      { name: '乙镇', score: 80, rectifiedRate: 40, overdue: 1 },
      { name: '丙乡', score: 10, rectifiedRate: 10, overdue: 9 },
    ],
    majorOverdue: [{ siteName: '某化工厂', townshipName: '丙乡' }],
    followUps: [{ number: '督〔2023〕1号', townshipName: '丙乡', named: 3, rectified: 1, openPastReply: 2 }],
  };
  it('says only the numbers given: changes, pp, best and worst, major overdue sites, notices', () => {
    const s = bulletinSentences(base);
    expect(s).toHaveLength(5);
    expect(s[0]).toContain('10家，较上期减少2家');
    expect(s[1]).toContain('整改率25.0%，较上期下降3.2个百分点');
    expect(s[2]).toContain('前1名为甲镇（90.0分）');
    expect(s[2]).toContain('后1名为丙乡（10.0分）');
    expect(s[3]).toContain('丙乡某化工厂');
    expect(s[4]).toContain('所列隐患3处已整改1处');
    expect(s[4]).toContain('丙乡（督〔2023〕1号，2处）');
  });
  it('drops what has nothing to say (3 sentences at least)', () => {
    expect(bulletinSentences({ ...base, majorOverdue: [], followUps: [] })).toHaveLength(3);
  });
});

describe('rates and periods', () => {
  it('percent to one decimal, changes in pp', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBeNull();
    expect(percentagePoints(21.0, 24.2)).toBe(-3.2);
    expect(ppText(-3.2)).toBe('−3.2 pp');
  });
  it('names weeks and months and their previous periods', () => {
    expect(periodOf('2023-07-17', '2023-07-23')).toMatchObject({ kind: 'week', issue: 29 });
    expect(periodOf('2023-02-01', '2023-02-28')).toMatchObject({
      kind: 'month',
      issue: 2,
      previous: { from: '2023-01-01', to: '2023-01-31' },
    });
    expect(periodOf('2023-07-18', '2023-07-24')).toMatchObject({ kind: 'period', issue: null });
    expect(lastWeek('2023-12-31')).toEqual({ from: '2023-12-25', to: '2023-12-31' });
    expect(lastWeek('2023-12-27')).toEqual({ from: '2023-12-18', to: '2023-12-24' });
  });
});

describe('legend ranges and the scale bar', () => {
  it('count classes do not share endpoints; rates are half-open; one value shows alone', () => {
    expect(classRange('found', 12, 17, false)).toBe('12–16');
    expect(classRange('found', 17, 21, true)).toBe('17–21');
    expect(classRange('found', 16, 16, true)).toBe('16');
    expect(classRange('rectifiedRate', 0.242, 0.3, false)).toBe('[24.2%, 30.0%)');
    expect(classRange('rectifiedRate', 0.3, 0.351, true)).toBe('[30.0%, 35.1%]');
  });
  it('a round scale-bar length within the space, from the ground resolution', () => {
    expect(scaleBar(10, 120)).toEqual({ metres: 1000, px: 100, label: '1 km' });
    // a landscape map picture covering a portrait box shows wider than the box: its height decides
    expect(coverWidth(300, 400, 1.5)).toBe(600);
    expect(coverWidth(600, 200, 1.5)).toBe(600);
    expect(scaleBar(3, 140).metres).toBe(200);
    // Web Mercator, 512-px tiles: zoom 0 at the equator = 40,075,016.686 m / 512 px.
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 2);
    expect(metresPerPixel(60, 1)).toBeCloseTo(78_271.517 / 4, 2);
  });
});
