/** The bulletin's files: .docx (with the score map) and .xlsx, and their names. */
import type { Db } from '../../db/client';
import { demoData, townshipShapes } from '../../db/queries/bulletin';
import { bulletinDocx } from '../export/bulletin-docx';
import { bulletinXlsx } from '../export/bulletin-xlsx';
import type { Bulletin } from './bulletin';

export async function bulletinDocxFile(db: Db, b: Bulletin): Promise<Buffer> {
  const [shapes, demo] = await Promise.all([townshipShapes(db), demoData(db)]);
  return bulletinDocx(
    b,
    shapes.map((s) => ({ code: s.code, geom: s.geom, labelAt: s.label.coordinates })),
    demo,
  );
}

export async function bulletinXlsxFile(db: Db, b: Bulletin): Promise<Buffer> {
  return bulletinXlsx(b, await demoData(db));
}

export function bulletinFileName(b: Bulletin, ext: 'docx' | 'xlsx'): string {
  return `bulletin-${b.period.from}-${b.period.to}.${ext}`;
}
