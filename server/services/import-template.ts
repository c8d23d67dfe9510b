/**
 * The Excel template of a layer (issue 12 §1): sheet 数据 with the Chinese headers (the columns
 * the import maps by these names), one example row and a drop-down of the allowed values; sheet
 * 说明 explaining each column, whether it is required and what it accepts, in both languages.
 */
import ExcelJS from 'exceljs';
import type { ImportLayer } from '../import/layers/types';

/** The example row's point: on 人民路 in the county seat, WGS84 (any supported system may be used). */
const EXAMPLE_POINT = { lon: '113.600766', lat: '33.439342' };

export async function importTemplate(layer: ImportLayer): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'fireatlas';
  const data = book.addWorksheet('数据');
  // A boundary layer's sheet names the attribute columns only: its polygons travel in GeoJSON / KML / Shapefile.
  // Record layers placed by a site, township or village have no coordinate columns either.
  const areas = layer.geometry === 'area';
  const coordinates = !areas && (layer.geometry !== 'none' || layer.placement === undefined);
  const headers = [...layer.fields.map((f) => f.zh), ...(coordinates ? ['经度', '纬度'] : [])];
  data.addRow(headers).font = { bold: true };
  data.addRow([...layer.fields.map((f) => f.example), ...(coordinates ? [EXAMPLE_POINT.lon, EXAMPLE_POINT.lat] : [])]);
  data.columns.forEach((col, i) => {
    col.width = Math.max(12, [...(headers[i] ?? '')].length * 2 + 4);
  });
  layer.fields.forEach((f, i) => {
    if (f.type !== 'enum' || !f.values) return;
    const choices = Object.values(f.values).map((s) => s[1] ?? s[0]);
    const list = `"${choices.join(',')}"`;
    if (list.length > 255) return;
    for (let r = 2; r <= 1000; r++) {
      data.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: !f.required, formulae: [list] };
    }
  });
  const help = book.addWorksheet('说明');
  help.addRow(['列名', '必填', '说明', '允许的值', 'Column', 'Required', 'Meaning']).font = { bold: true };
  for (const f of layer.fields) {
    const values = f.values
      ? Object.values(f.values)
          .map((s) => s[1] ?? s[0])
          .join(' / ')
      : '';
    help.addRow([f.zh, f.required ? '是' : '否', f.help.zh, values, f.en, f.required ? 'yes' : 'no', f.help.en]);
  }
  if (areas) {
    help.addRow([
      '边界',
      '是',
      '边界（面）须在 GeoJSON、KML / KMZ（奥维、Google 地球）或压缩的 Shapefile（含 .prj）中，本表只说明属性列的名称；Excel / CSV 不能承载面',
      '',
      'Boundary',
      'yes',
      'the polygons travel in GeoJSON, KML / KMZ or a zipped Shapefile (with its .prj); this sheet names the attribute columns only — a spreadsheet cannot hold polygons',
    ]);
  }
  if (coordinates) addCoordinateHelp(help, layer.geometry === 'optional');
  help.columns.forEach((col, i) => {
    col.width = [10, 6, 60, 50, 16, 9, 60][i] ?? 12;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addCoordinateHelp(help: ExcelJS.Worksheet, optional: boolean): void {
  const required = optional ? '否' : '是';
  const when = optional ? '（仅无场所的地址填写）' : '';
  help.addRow([
    '经度',
    required,
    `经度或 X（东坐标）${when}：WGS84、CGCS2000、GCJ-02（高德/腾讯）、BD-09（百度）、高斯-克吕格 3° 带均可，导入时自动识别，也可手动选择；支持度分秒（113°36′12.5″）`,
    '',
    'Longitude',
    optional ? 'no' : 'yes',
    `longitude or X (easting)${optional ? ', for an address without a site' : ''}: WGS84, CGCS2000, GCJ-02, BD-09 or 3° Gauss-Krüger, detected on import or chosen; degrees-minutes-seconds accepted`,
  ]);
  help.addRow([
    '纬度',
    required,
    `纬度或 Y（北坐标）${when}`,
    '',
    'Latitude',
    optional ? 'no' : 'yes',
    'latitude or Y (northing)',
  ]);
}
