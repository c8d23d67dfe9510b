/**
 * Each unit's duty status now (执勤状态, issue 14): one row per unit once someone set it; a unit
 * without a row is 在岗 when in service and 未执勤 otherwise (server/services/unit-duty.ts).
 * Who set it and when; every change goes through the audited write path.
 */
import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { units } from './schema';

/** 在岗 / 出动中 / 返回中 / 检修 / 训练 / 未执勤. */
export const unitDutyStatus = pgEnum('unit_duty_status', [
  'available',
  'on_call',
  'returning',
  'maintenance',
  'training',
  'off_duty',
]);

export const unitDuty = pgTable(
  'unit_duty',
  {
    unitId: integer('unit_id')
      .primaryKey()
      .references(() => units.id, { onDelete: 'cascade' }),
    adcode: text('adcode').notNull(),
    status: unitDutyStatus('status').notNull(),
    note: text('note'),
    setBy: text('set_by').notNull(),
    setAt: timestamp('set_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('unit_duty_status').on(t.status)],
);
