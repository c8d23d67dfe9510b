/** The county choice (web/state/county.ts): the picker's counties and which rows are a county's. */
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countyOptions, ofCounty } from '../../../web/state/county';

const feature = (properties: Record<string, unknown>): Feature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [0, 0] },
});

describe('county choice', () => {
  it('offers the counties holding townships, the focus county first', () => {
    const counties = [
      feature({ adcode: '639903', name: '测试三县', focus: false }),
      feature({ adcode: '411121', name: '舞阳县', focus: true }),
      feature({ adcode: '639901', name: '无乡镇县', focus: false }),
      feature({ adcode: '110101', name: '东城区', focus: false }),
    ];
    const townships = ['639903100', '411121100', '110101001'].map((code) =>
      feature({ code, adcode: code.slice(0, 6) }),
    );
    expect(countyOptions(counties, townships)).toEqual([
      { adcode: '411121', name: '舞阳县', focus: true },
      { adcode: '110101', name: '东城区', focus: false },
      { adcode: '639903', name: '测试三县', focus: false },
    ]);
    expect(countyOptions(counties.slice(1, 2), townships)).toHaveLength(1);
  });

  it('reads a row as its township’s county, a row without a township as the focus county’s', () => {
    expect(ofCounty('639903100', '639903', '411121')).toBe(true);
    expect(ofCounty('411121100', '639903', '411121')).toBe(false);
    expect(ofCounty(null, '411121', '411121')).toBe(true);
    expect(ofCounty(null, '639903', '411121')).toBe(false);
    expect(ofCounty('', '639903', '411121')).toBe(false);
  });
});
