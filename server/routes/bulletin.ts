/**
 * GET /api/bulletin (JSON), /api/bulletin.docx and /api/bulletin.xlsx: the 消安办's 周通报 / 月讲评 for
 * a window (from, to; neither = the last whole week), with the composite score's weights.
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import type { AppEnv } from '../auth/actor';
import { allow } from '../auth/allow';
import { BulletinQuery } from '../schemas/bulletin';
import { bulletin } from '../services/bulletin';
import { bulletinDocxFile, bulletinFileName, bulletinXlsxFile } from '../services/bulletin-files';
import { validate } from '../validate';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function bulletinRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/bulletin', allow('analysis:read'), validate('query', BulletinQuery), async (c) =>
      c.json(await bulletin(db, c.req.valid('query')), 200),
    )
    .get('/bulletin.docx', allow('analysis:read'), validate('query', BulletinQuery), async (c) => {
      const b = await bulletin(db, c.req.valid('query'));
      const file = await bulletinDocxFile(db, b);
      return c.body(new Uint8Array(file), 200, {
        'content-type': DOCX,
        'content-disposition': `attachment; filename="${bulletinFileName(b, 'docx')}"`,
      });
    })
    .get('/bulletin.xlsx', allow('analysis:read'), validate('query', BulletinQuery), async (c) => {
      const b = await bulletin(db, c.req.valid('query'));
      const file = await bulletinXlsxFile(b);
      return c.body(new Uint8Array(file), 200, {
        'content-type': XLSX,
        'content-disposition': `attachment; filename="${bulletinFileName(b, 'xlsx')}"`,
      });
    });
}
