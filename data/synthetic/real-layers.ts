/**
 * The REAL layers, passed through with their citations (SOURCES.md): the prefecture's county-level
 * boundaries, the OSM parks and points of interest of the county seat, and the dataset row that
 * says the rest is synthetic.
 */
import type { GenContext } from './context';
import { isoOf } from './dates';
import { REPORT } from './report-figures';
import type { DemoCountyData } from './types';

export function realCounties(ctx: GenContext): DemoCountyData['counties'] {
  return ctx.real.districts.map((d) => ({
    adcode: d.adcode,
    name: d.name,
    focus: d.adcode === ctx.real.adcode,
    center: { type: 'Point', coordinates: d.center },
    geom: d.geom,
    source: ctx.real.sources.boundaries,
  }));
}

export function realParks(ctx: GenContext): DemoCountyData['parks'] {
  return ctx.real.parks.map((p) => ({
    adcode: ctx.real.adcode,
    name: null,
    geom: { type: 'MultiPolygon', coordinates: [p.coordinates] },
    source: ctx.real.sources.osm,
  }));
}

export function realPois(ctx: GenContext): DemoCountyData['pois'] {
  return ctx.real.pois.map((p) => ({
    adcode: ctx.real.adcode,
    name: p.name,
    category: p.category,
    geom: p.geom,
    source: p.source,
  }));
}

export function datasetRow(ctx: GenContext, seed: number): DemoCountyData['dataset'] {
  return {
    adcode: ctx.real.adcode,
    name: ctx.real.name,
    synthetic: true,
    seed,
    asOf: isoOf(REPORT.asOf),
    note:
      '演示数据：县界、乡镇和村的名称与代码、县城道路（OSM）为真实公开数据；乡镇边界、村庄位置、县城以外的道路、' +
      '消防队站、消火栓、场所、隐患和执法记录均为按固定种子生成的合成数据，数量与舞阳县消防救援大队2023年上半年报告一致。' +
      ' Demo data: the county outline, township and village names and codes, and the county-seat streets (OSM) are real' +
      ' public data; township boundaries, village locations, roads outside the county seat, fire units, hydrants, sites,' +
      ' hazards and enforcement records are synthetic, generated from a fixed seed to match the totals of the brigade' +
      "'s 2023 mid-year report. See data/README.md.",
  };
}
