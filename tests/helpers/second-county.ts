/**
 * A small synthetic county far from Wuyang (issue 12 §5), as the files a brigade would import:
 * its boundary, three townships, a 3 × 3 grid of primary roads, two stations, ten sites and four
 * hydrants. tests/api/second-county.test.ts runs every analysis on it; the e2e test picks it.
 */
import { box, csvUtf8, featureFile, roadFile } from './import-files';

export const ADCODE = '639903';
export const COUNTY_NAME = '测试三县';
export const [X0, Y0] = [98.0, 36.0];
/** The county: 0.09° × 0.06°, three townships 0.03° wide side by side (codes ADCODE100 … 102). */
export const COUNTY_BOX = box(X0, Y0, X0 + 0.09, Y0 + 0.06);
/** The grid: east–west streets at these latitudes, north–south ones at these longitudes (offsets from X0, Y0). */
export const EW = [0.01, 0.03, 0.05];
export const NS = [0.015, 0.045, 0.075];
export const at = (dx: number, dy: number): [number, number] => [X0 + dx, Y0 + dy];
export const UNITS = [
  { code: 'T3-U1', name: '测试三县一站', at: at(0.015, 0.01), turnoutS: 60 },
  { code: 'T3-U2', name: '测试三县二站', at: at(0.075, 0.05), turnoutS: 90 },
];
/** A site on every crossing (risk 1–4 in turn), and one over 1 km from every road (no road access). */
export const SITES = [
  ...NS.flatMap((dx) => EW.map((dy) => at(dx, dy))).map((p, i) => ({ code: `T3-S${i}`, at: p, risk: (i % 4) + 1 })),
  { code: 'T3-S9', at: at(0.032, 0.02), risk: 3 },
];
/** 55 m, 111 m and 167 m north of three crossings (the last beyond 150 m), and a faulty one on a crossing. */
export const HYDRANTS = [
  { code: 'T3-H1', at: at(0.015, 0.0105), status: '完好' },
  { code: 'T3-H2', at: at(0.045, 0.031), status: '完好' },
  { code: 'T3-H3', at: at(0.075, 0.0115), status: '完好' },
  { code: 'T3-H4', at: at(0.015, 0.03), status: '故障' },
];

/** The import requests that build the county, in order (undo them in reverse). */
export function secondCountyImports(): { path: string; name: string; bytes: Uint8Array }[] {
  const towns = [0, 1, 2].map((i) => ({
    properties: { 乡镇代码: `${ADCODE}10${i}`, 乡镇名称: `${COUNTY_NAME}${i}镇` },
    geometry: box(X0 + 0.03 * i, Y0, X0 + 0.03 * (i + 1), Y0 + 0.06),
  }));
  const streets = [
    ...EW.map((dy, i) => ({ highway: 'primary', name: `东西${i}路`, coordinates: [at(0.005, dy), at(0.085, dy)] })),
    ...NS.map((dx, i) => ({ highway: 'primary', name: `南北${i}路`, coordinates: [at(dx, 0.005), at(dx, 0.055)] })),
  ];
  return [
    {
      path: '/api/import/counties?crs=wgs84',
      name: 'county.geojson',
      bytes: featureFile([{ properties: { 行政区划代码: ADCODE, 名称: COUNTY_NAME }, geometry: COUNTY_BOX }]),
    },
    { path: `/api/import/townships?crs=wgs84&county=${ADCODE}`, name: 'towns.geojson', bytes: featureFile(towns) },
    { path: `/api/import/roads?county=${ADCODE}`, name: 'grid.geojson', bytes: roadFile(streets) },
    {
      path: `/api/import/units?crs=wgs84&county=${ADCODE}`,
      name: 'units.csv',
      bytes: csvUtf8([
        ['编号', '名称', '类型', '出动时间(秒)', '经度', '纬度'],
        ...UNITS.map((u) => [u.code, u.name, '消防救援站', u.turnoutS, ...u.at]),
      ]),
    },
    {
      path: `/api/import/sites?crs=wgs84&county=${ADCODE}`,
      name: 'sites.csv',
      bytes: csvUtf8([
        ['编号', '名称', '类别', '风险等级', '经度', '纬度'],
        ...SITES.map((s, i) => [s.code, `${COUNTY_NAME}场所${i}`, '九小场所', s.risk, ...s.at]),
      ]),
    },
    {
      path: `/api/import/hydrants?crs=wgs84&county=${ADCODE}`,
      name: 'hydrants.csv',
      bytes: csvUtf8([
        ['编号', '类型', '状态', '经度', '纬度'],
        ...HYDRANTS.map((h) => [h.code, '市政消火栓', h.status, ...h.at]),
      ]),
    },
  ];
}
