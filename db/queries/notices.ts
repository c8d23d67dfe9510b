/** The 消安办's notices (db/schema-notices.ts): lists, a township's overdue hazards, inserts, follow-up. */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ofCounty } from './county';

export type NoticeKind = 'supervision' | 'reminder' | 'warning_guide' | 'case_warning';

export interface NoticeRow {
  id: number;
  kind: NoticeKind;
  number: string;
  title: string;
  issuedOn: string;
  townshipCode: string | null;
  townshipName: string | null;
  replyBy: string | null;
  body: string | null;
  hazardIds: number[];
  synthetic: boolean;
}

const noticeColumns = sql`n.id, n.kind::text AS kind, n.number, n.title, n.issued_on::text AS "issuedOn",
  n.township_code AS "townshipCode", t.name AS "townshipName", n.reply_by::text AS "replyBy", n.body,
  coalesce((SELECT json_agg(nh.hazard_id ORDER BY nh.hazard_id) FROM notice_hazards nh WHERE nh.notice_id = n.id),
    '[]'::json) AS "hazardIds", n.synthetic`;

export async function listNotices(
  db: Db,
  f: { township?: string; kind?: NoticeKind; from?: string; to?: string },
): Promise<NoticeRow[]> {
  const parts: SQL[] = [];
  if (f.township !== undefined) parts.push(sql`n.township_code = ${f.township}`);
  if (f.kind !== undefined) parts.push(sql`n.kind = ${f.kind}::notice_kind`);
  if (f.from !== undefined) parts.push(sql`n.issued_on >= ${f.from}::date`);
  if (f.to !== undefined) parts.push(sql`n.issued_on <= ${f.to}::date`);
  const w = parts.length ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;
  return db.rows<NoticeRow>(
    sql`SELECT ${noticeColumns} FROM notices n LEFT JOIN townships t ON t.code = n.township_code ${w}
        ORDER BY n.issued_on, n.id`,
  );
}

export interface OverdueHazard {
  id: number;
  siteId: number;
  siteName: string;
  description: string | null;
  category: string;
  severity: 'general' | 'major';
  foundOn: string;
  deadline: string;
  daysOverdue: number;
}

/** A township's hazards past their deadline and not rectified as of `asOf` (oldest deadline first). */
export async function overdueHazards(db: Db, township: string, asOf: string): Promise<OverdueHazard[]> {
  return db.rows<OverdueHazard>(
    sql`SELECT h.id, h.site_id AS "siteId", s.name AS "siteName", h.description, h.category::text AS category,
          h.severity::text AS severity, h.found_on::text AS "foundOn", h.deadline::text AS deadline,
          (${asOf}::date - h.deadline)::int AS "daysOverdue"
        FROM hazards h JOIN sites s ON s.id = h.site_id
        WHERE h.township_code = ${township} AND h.found_on <= ${asOf}::date AND h.deadline < ${asOf}::date
          AND (h.rectified_on IS NULL OR h.rectified_on > ${asOf}::date)
        ORDER BY h.deadline, h.id`,
  );
}

/** Which of `ids` are hazards of `township` (the ones a notice may name). */
export async function hazardsOfTownship(db: Db, township: string, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.rows<{ id: number }>(
    sql`SELECT id FROM hazards WHERE township_code = ${township}
        AND id IN (${sql.join(
          ids.map((i) => sql`${i}::int`),
          sql`, `,
        )})`,
  );
  return rows.map((r) => r.id);
}

export async function nextNoticeSerial(db: Db, adcode: string, kind: NoticeKind, year: string): Promise<number> {
  const row = await db.one<{ n: number }>(
    sql`SELECT (count(*) + 1)::int AS n FROM notices
        WHERE adcode = ${adcode} AND kind = ${kind}::notice_kind AND extract(year FROM issued_on) = ${Number(year)}`,
    'next notice serial',
  );
  return row.n;
}

export async function insertNotice(
  db: Db,
  n: {
    adcode: string;
    kind: NoticeKind;
    number: string;
    title: string;
    issuedOn: string;
    townshipCode: string | null;
    replyBy: string | null;
    body: string | null;
    hazardIds: number[];
  },
): Promise<NoticeRow> {
  const [row] = await db.rows<{ id: number }>(
    sql`INSERT INTO notices (adcode, kind, number, title, issued_on, township_code, reply_by, body)
        VALUES (${n.adcode}, ${n.kind}::notice_kind, ${n.number}, ${n.title}, ${n.issuedOn}::date, ${n.townshipCode},
          ${n.replyBy}::date, ${n.body})
        ON CONFLICT (adcode, number) DO NOTHING RETURNING id`,
  );
  if (!row) throw new DuplicateNumber(n.number);
  for (const hazardId of n.hazardIds) {
    await db.rows(sql`INSERT INTO notice_hazards (notice_id, hazard_id) VALUES (${row.id}, ${hazardId})`);
  }
  return db.one<NoticeRow>(
    sql`SELECT ${noticeColumns} FROM notices n LEFT JOIN townships t ON t.code = n.township_code WHERE n.id = ${row.id}`,
    'inserted notice',
  );
}

export class DuplicateNumber extends Error {
  constructor(readonly number: string) {
    super(`notice number ${number} exists`);
  }
}

export interface NoticeFollowUp {
  id: number;
  number: string;
  townshipCode: string;
  townshipName: string;
  issuedOn: string;
  replyBy: string;
  named: number;
  /** Rectified by the bulletin's end date. */
  rectified: number;
  /** Not rectified by the end date, which is past the reply deadline. */
  openPastReply: number;
  /** Not rectified, reply deadline not reached yet. */
  openBeforeReply: number;
}

/**
 * 督办通知 issued by `to` whose hazards were not all rectified before `from`: each one's named hazards
 * as they stood at the end of `to`.
 */
export async function noticeFollowUps(db: Db, from: string, to: string, adcode?: string): Promise<NoticeFollowUp[]> {
  return db.rows<NoticeFollowUp>(
    sql`SELECT n.id, n.number, n.township_code AS "townshipCode", t.name AS "townshipName",
          n.issued_on::text AS "issuedOn", n.reply_by::text AS "replyBy", count(*)::int AS named,
          count(*) FILTER (WHERE h.rectified_on <= ${to}::date)::int AS rectified,
          count(*) FILTER (WHERE (h.rectified_on IS NULL OR h.rectified_on > ${to}::date)
            AND n.reply_by < ${to}::date)::int AS "openPastReply",
          count(*) FILTER (WHERE (h.rectified_on IS NULL OR h.rectified_on > ${to}::date)
            AND n.reply_by >= ${to}::date)::int AS "openBeforeReply"
        FROM notices n JOIN townships t ON t.code = n.township_code
          JOIN notice_hazards nh ON nh.notice_id = n.id JOIN hazards h ON h.id = nh.hazard_id
        WHERE n.kind = 'supervision' AND n.issued_on <= ${to}::date AND ${ofCounty(adcode, sql`n.adcode`)}
        GROUP BY n.id, n.number, n.township_code, t.name, n.issued_on, n.reply_by
        HAVING count(*) FILTER (WHERE h.rectified_on IS NULL OR h.rectified_on >= ${from}::date) > 0
        ORDER BY n.issued_on, n.id`,
  );
}

export interface MajorOverdue {
  siteId: number;
  siteName: string;
  townshipCode: string;
  hazards: number;
  oldestDeadline: string;
}

/** Sites with major hazards (重大火灾隐患) past their deadline and open at the end of `to`. */
export async function majorOverdueSites(db: Db, to: string, adcode?: string): Promise<MajorOverdue[]> {
  return db.rows<MajorOverdue>(
    sql`SELECT s.id AS "siteId", s.name AS "siteName", h.township_code AS "townshipCode", count(*)::int AS hazards,
          min(h.deadline)::text AS "oldestDeadline"
        FROM hazards h JOIN sites s ON s.id = h.site_id
        WHERE h.severity = 'major' AND h.found_on <= ${to}::date AND h.deadline < ${to}::date
          AND (h.rectified_on IS NULL OR h.rectified_on > ${to}::date) AND ${ofCounty(adcode, sql`h.adcode`)}
        GROUP BY s.id, s.name, h.township_code ORDER BY min(h.deadline), s.id`,
  );
}

/** Notices issued in the window, by kind. */
export async function noticeCounts(
  db: Db,
  from: string,
  to: string,
  adcode?: string,
): Promise<Record<NoticeKind, number>> {
  const rows = await db.rows<{ kind: NoticeKind; n: number }>(
    sql`SELECT kind::text AS kind, count(*)::int AS n FROM notices
        WHERE issued_on BETWEEN ${from}::date AND ${to}::date AND ${ofCounty(adcode)} GROUP BY kind`,
  );
  const out: Record<NoticeKind, number> = { supervision: 0, reminder: 0, warning_guide: 0, case_warning: 0 };
  for (const r of rows) out[r.kind] = r.n;
  return out;
}

/** The hazards a notice names, as they stood on `asOf` (days overdue counted to it). */
export async function noticeHazardDetails(db: Db, noticeId: number, asOf: string): Promise<OverdueHazard[]> {
  return db.rows<OverdueHazard>(
    sql`SELECT h.id, h.site_id AS "siteId", s.name AS "siteName", h.description, h.category::text AS category,
          h.severity::text AS severity, h.found_on::text AS "foundOn", h.deadline::text AS deadline,
          greatest(0, ${asOf}::date - h.deadline)::int AS "daysOverdue"
        FROM notice_hazards nh JOIN hazards h ON h.id = nh.hazard_id JOIN sites s ON s.id = h.site_id
        WHERE nh.notice_id = ${noticeId} ORDER BY h.deadline, h.id`,
  );
}

export async function getNotice(db: Db, id: number): Promise<NoticeRow | null> {
  const [row] = await db.rows<NoticeRow>(
    sql`SELECT ${noticeColumns} FROM notices n LEFT JOIN townships t ON t.code = n.township_code WHERE n.id = ${id}`,
  );
  return row ?? null;
}

export async function townshipName(db: Db, code: string): Promise<string | null> {
  const [row] = await db.rows<{ name: string }>(sql`SELECT name FROM townships WHERE code = ${code}`);
  return row?.name ?? null;
}
