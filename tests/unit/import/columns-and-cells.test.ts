/**
 * The pure parts of the import: header mapping (the names brigades use), cell values (numbers,
 * dates, enums as Chinese sheets write them), the CSV reader (quotes, delimiters, GBK).
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cellValue } from '../../../server/import/cell-values';
import { mapHeaders } from '../../../server/import/header-map';
import { hydrantsLayer } from '../../../server/import/layers/hydrants';
import { sitesLayer } from '../../../server/import/layers/sites';
import { parseCsvText, readCsv } from '../../../server/import/read-csv';

const field = (column: string) =>
  hydrantsLayer.fields.find((f) => f.column === column) as (typeof hydrantsLayer.fields)[number];

describe('mapHeaders', () => {
  it('finds coordinates and fields by the names people use, exact names before containing ones', () => {
    const m = mapHeaders(['序号', '消火栓编号', '类型', '状态', '东经', '北纬', '备注'], hydrantsLayer.fields);
    expect(m.fields).toMatchObject({ code: '消火栓编号', kind: '类型', status: '状态', x: '东经', y: '北纬' });
    expect(m.unmapped).toEqual(['序号', '备注']);
    const latin = mapHeaders(['ID', 'Lng', 'LAT', 'Flow (L/s)'], hydrantsLayer.fields);
    expect(latin.fields).toMatchObject({ code: 'ID', x: 'Lng', y: 'LAT', flow_lps: 'Flow (L/s)' });
    const full = mapHeaders(['编号', 'Ｘ坐标', 'Ｙ坐标'], hydrantsLayer.fields);
    expect(full.fields).toMatchObject({ x: 'Ｘ坐标', y: 'Ｙ坐标' });
  });

  it('takes a single coordinate column when there is no pair, and lets an override settle any field', () => {
    expect(mapHeaders(['编号', '经纬度'], hydrantsLayer.fields).fields.xy).toBe('经纬度');
    const m = mapHeaders(['编号', 'A', 'B'], hydrantsLayer.fields, { x: 'B', y: 'A' });
    expect(m.fields).toMatchObject({ x: 'B', y: 'A' });
    expect(() => mapHeaders(['编号'], hydrantsLayer.fields, { x: '经度' })).toThrow(/no column/);
    expect(() => mapHeaders(['编号'], hydrantsLayer.fields, { colour: '编号' })).toThrow(/no field/);
  });

  it('reports a column two fields fit equally as ambiguous', () => {
    // 类型 is an alias of the site category; 场所类型 too: two columns for one field.
    const m = mapHeaders(['编号', '名称', '类型', '类别'], sitesLayer.fields);
    expect(m.ambiguous.map((a) => a.field)).toContain('category');
  });
});

describe('cellValue', () => {
  it('reads numbers with full-width digits and thousands separators, and checks their range', () => {
    expect(cellValue('１５．５', field('flow_lps'))).toEqual({ ok: true, value: 15.5 });
    expect(cellValue('1,000', field('flow_lps'))).toEqual({ ok: true, value: 1000 });
    expect(cellValue('1,200', field('flow_lps'))).toMatchObject({ ok: false, reason: { en: 'must be at most 1000' } });
    expect(cellValue('-1', field('flow_lps'))).toMatchObject({ ok: false, reason: { en: 'must be at least 0' } });
    expect(cellValue('abc', field('flow_lps'))).toMatchObject({ ok: false });
  });

  it('reads dates as Chinese sheets write them, and refuses impossible ones', () => {
    for (const text of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '45356']) {
      expect(cellValue(text, field('installed_on')), text).toEqual({ ok: true, value: '2024-03-05' });
    }
    expect(cellValue('2024-02-30', field('installed_on'))).toMatchObject({ ok: false });
    expect(cellValue('三月五日', field('installed_on'))).toMatchObject({ ok: false });
  });

  it('reads enum values by code, label and synonym; empty takes the default, a required empty is refused', () => {
    expect(cellValue('完好', field('status'))).toEqual({ ok: true, value: 'ok' });
    expect(cellValue('正常', field('status'))).toEqual({ ok: true, value: 'ok' });
    expect(cellValue('Out of service', field('status'))).toEqual({ ok: true, value: 'out_of_service' });
    expect(cellValue('水鹤', field('kind'))).toEqual({ ok: true, value: 'water_crane' });
    expect(cellValue('', field('status'))).toEqual({ ok: true, value: 'ok' });
    expect(cellValue('', field('code'))).toMatchObject({ ok: false, reason: { zh: '必填项为空' } });
    expect(cellValue('很好', field('status'))).toMatchObject({ ok: false });
  });

  it('refuses text that cannot be stored, keeps markup as text', () => {
    expect(cellValue('a\u0000b', field('road_name'))).toMatchObject({ ok: false });
    expect(cellValue('<b>路</b>', field('road_name'))).toEqual({ ok: true, value: '<b>路</b>' });
  });
});

describe('CSV', () => {
  it('parses quotes, doubled quotes, line breaks in quotes and CRLF', () => {
    expect(parseCsvText('a,"b,c","d""e"\r\n"f\ng",h\r\n', ',')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f\ng', 'h'],
    ]);
  });

  it('reads GBK, UTF-8 with BOM and tab-separated text into the same table', () => {
    const text = '编号\t名称\t经度\t纬度\r\nA\t人民路消火栓\t113.6\t33.43\r\n';
    const gbk = readCsv(new Uint8Array(iconv.encode(text, 'gbk')));
    const utf = readCsv(new TextEncoder().encode(`\uFEFF${text}`));
    expect(gbk.encoding).toBe('gb18030');
    expect(utf.encoding).toBe('utf-8');
    expect(gbk.rows).toEqual(utf.rows);
    expect(utf.rows[0]?.cells.名称).toBe('人民路消火栓');
  });
});
