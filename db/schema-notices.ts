/**
 * The safety committee office's documents (消安办, issue 15): 督办通知 (supervision notices naming a
 * township's overdue hazards, with a reply deadline), 提示函 (reminder letters), 《消防工作预警指南》
 * and 《火灾案例警示教育》. A notice's hazards are kept so later bulletins can follow them up.
 */
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { hazards, townships } from './schema';

export const noticeKind = pgEnum('notice_kind', ['supervision', 'reminder', 'warning_guide', 'case_warning']);

export const notices = pgTable(
  'notices',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    kind: noticeKind('kind').notNull(),
    /** 文号, e.g. 舞消安办督〔2023〕3号; unique per county. */
    number: text('number').notNull(),
    title: text('title').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** The township addressed; null for a county-wide document. */
    townshipCode: text('township_code').references(() => townships.code),
    /** The day the township must answer by (督办通知). */
    replyBy: date('reply_by', { mode: 'string' }),
    body: text('body'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notices_number').on(t.adcode, t.number),
    index('notices_issued').on(t.adcode, t.issuedOn),
    index('notices_township').on(t.townshipCode),
  ],
);

/** The hazards a notice names. */
export const noticeHazards = pgTable(
  'notice_hazards',
  {
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.hazardId] }), index('notice_hazards_hazard').on(t.hazardId)],
);
