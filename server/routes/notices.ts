/**
 * GET /api/notices (list; a township user sees its own township's), POST /api/notices (record one,
 * with the hazards it names; brigade, audited), GET /api/notices/draft (a township's overdue hazards
 * as a 督办通知 draft, JSON), GET /api/notices/draft.docx (the same as a file, not recorded) and
 * GET /api/notices/:id/docx (a recorded notice as a file).
 */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { datasetInfo, issuingCounty } from '../../db/queries/bulletin';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { readScope, requireReadScope } from '../auth/scope';
import { noticeDocx } from '../export/notice-docx';
import { noticeLetterDocx } from '../export/notice-letter-docx';
import { NoticeBody, NoticeDraftQuery, NoticeIdParam, NoticeListQuery } from '../schemas/notices';
import { issuerOf } from '../services/issuer';
import { createNotice, noticeDocument, noticeDraft, noticeList } from '../services/notices';
import { validate } from '../validate';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const attachment = (name: string) => `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function noticeRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', allow('records:read'), validate('query', NoticeListQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json(await noticeList(db, { ...q, township: readScope(actorOf(c), q.township) }), 200);
    })
    .get('/draft', allow('records:read'), validate('query', NoticeDraftQuery), async (c) => {
      const q = c.req.valid('query');
      readScope(actorOf(c), q.township);
      return c.json(await noticeDraft(db, q), 200);
    })
    .get('/draft.docx', allow('records:read'), validate('query', NoticeDraftQuery), async (c) => {
      const q = c.req.valid('query');
      readScope(actorOf(c), q.township);
      const [draft, info] = await Promise.all([noticeDraft(db, q), issuingCounty(db, q.township.slice(0, 6))]);
      const file = await noticeDocx(draft, { issuer: issuerOf(info.name), draft: true, demo: info.demo });
      return c.body(new Uint8Array(file), 200, {
        'content-type': DOCX,
        'content-disposition': attachment(`notice-draft-${q.township}-${q.asOf}.docx`),
      });
    })
    .get('/:id/docx', allow('records:read'), validate('param', NoticeIdParam), async (c) => {
      const { notice, draft } = await noticeDocument(db, c.req.valid('param').id);
      requireReadScope(actorOf(c), notice.townshipCode);
      // A township's notice is its county's; a county-wide one the dataset's.
      const info = notice.townshipCode
        ? await issuingCounty(db, notice.townshipCode.slice(0, 6))
        : await datasetInfo(db);
      const opts = { issuer: issuerOf(info.name), demo: info.demo };
      const file =
        notice.kind === 'supervision'
          ? await noticeDocx(draft, { ...opts, draft: false })
          : await noticeLetterDocx(notice, opts);
      return c.body(new Uint8Array(file), 200, {
        'content-type': DOCX,
        'content-disposition': attachment(`notice-${notice.id}.docx`),
      });
    })
    .post('/', allow('notices:write'), validate('json', NoticeBody), async (c) => {
      const body = c.req.valid('json');
      const row = await auditedWrite(db, whoOf(c), { action: 'notice.create', table: 'notices' }, async (tx) => {
        const adcode = body.townshipCode?.slice(0, 6) ?? (await datasetInfo(tx)).adcode;
        const created = await createNotice(tx, body, adcode);
        return { result: created, rowId: created.id, after: created, adcode };
      });
      return c.json(row, 201);
    });
}
