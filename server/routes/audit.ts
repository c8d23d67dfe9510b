/** GET /api/audit (filtered, newest first) and GET /api/audit.xlsx — the security auditor's only routes. */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { AuditQuery } from '../schemas/accounts';
import { auditPage, auditXlsx } from '../services/audit-log';
import { validate } from '../validate';

export function auditRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', allow('audit:read'), validate('query', AuditQuery), async (c) =>
      c.json(await auditPage(db, c.req.valid('query')), 200),
    )
    .get('/export.xlsx', allow('audit:read'), validate('query', AuditQuery), async (c) => {
      const file = await auditXlsx(db, whoOf(c), c.req.valid('query'));
      return c.body(new Uint8Array(file), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="audit-log.xlsx"',
      });
    });
}
