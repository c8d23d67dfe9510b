/**
 * CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or the GBK / GB18030 that Chinese Excel
 * saves: valid UTF-8 is read as UTF-8, anything else as chardet guesses (GB18030 for every GB
 * guess — it is the superset). Delimiter: comma, tab or semicolon, whichever the header uses
 * most. Quotes per RFC 4180. Pure.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { badFile } from './file-error';
import type { SourceTable } from './source';
import { tableFromGrid } from './table-grid';

function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(Buffer.from(bytes), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(Buffer.from(bytes), 'utf-16be'), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    const guess = (chardet.detect(bytes) ?? '').toLowerCase();
    const encoding = guess.startsWith('big5')
      ? 'big5'
      : guess.startsWith('utf-16') && iconv.encodingExists(guess)
        ? guess
        : 'gb18030';
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding };
  }
}

function delimiterOf(firstLine: string): string {
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/** RFC 4180 records: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsvText(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** More than 5 % control characters (other than tab and line breaks) in the first 4096: not text. A stray NUL in a cell is a row error instead. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is counted
  const controls = head.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g)?.length ?? 0;
  return controls > 0.05 * head.length;
}

export function readCsv(bytes: Uint8Array): SourceTable {
  const { text, encoding } = decode(bytes);
  if (looksBinary(text))
    throw badFile('文件不是文本表格（含二进制内容）', 'the file is not a text table (it holds binary data)');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const grid = parseCsvText(text, delimiterOf(firstLine));
  return { ...tableFromGrid(grid), format: 'csv', encoding, declaredCrs: null };
}
