/**
 * Points as KML 2.2 for 奥维互动地图 and Google Earth: one Placemark per row, its name, every
 * column as ExtendedData, the point in the coordinates given (the caller converts them). Text is
 * escaped; nothing is interpreted as markup.
 */
import type { Cell } from './columns';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 cannot carry are dropped
const xmlText = (s: string) => escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));

export interface KmlPoint {
  name: string;
  x: number;
  y: number;
  data: [string, Cell][];
}

export function pointsKml(documentName: string, points: readonly KmlPoint[]): string {
  const marks = points.map((p) => {
    const data = p.data
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `<Data name="${xmlText(k)}"><value>${xmlText(String(v))}</value></Data>`)
      .join('');
    return `<Placemark><name>${xmlText(p.name)}</name><ExtendedData>${data}</ExtendedData><Point><coordinates>${p.x},${p.y}</coordinates></Point></Placemark>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xmlText(documentName)}</name>\n${marks.join('\n')}\n</Document></kml>\n`;
}
