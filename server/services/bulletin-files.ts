/** The bulletin's files: .docx (with the score map) and .xlsx, and their names. */
import type { Db } from '../../db/client';
import { townshipShapes } from '../../db/queries/bulletin';
import { bulletinDocx } from '../export/bulletin-docx';
import { bulletinXlsx } from '../export/bulletin-xlsx';
import type { Bulletin } from './bulletin';

export async function bulletinDocxFile(db: Db, b: Bulletin): Promise<Buffer> {
  // The bulletin's own townships (its county's) on the score map.
  const codes = new Set(b.townships.map((t) => t.code));
  const shapes = (await townshipShapes(db)).filter((s) => codes.has(s.code));
  return bulletinDocx(
    b,
    shapes.map((s) => ({ code: s.code, geom: s.geom, labelAt: s.label.coordinates })),
  );
}

export const bulletinXlsxFile = (b: Bulletin): Promise<Buffer> => bulletinXlsx(b);

export function bulletinFileName(b: Bulletin, ext: 'docx' | 'xlsx'): string {
  return `bulletin-${b.period.from}-${b.period.to}.${ext}`;
}
