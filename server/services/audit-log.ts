/** The audit log for the security auditor: filtered pages and the .xlsx export (itself audited). */
import type { Db } from '../../db/client';
import { type AuditFilter, type AuditRow, listAudit } from '../../db/queries/audit';
import { recordEvent, type Who } from '../auth/audit';
import type { ExportColumn } from '../export/columns';
import { label } from '../export/labels';
import { tableXlsx } from '../export/xlsx';

export function auditPage(db: Db, filter: AuditFilter) {
  return listAudit(db, filter);
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v).slice(0, 32_000));

const COLUMNS: ExportColumn<AuditRow>[] = [
  ['编号', (r) => r.id],
  ['时间(UTC)', (r) => r.at],
  ['用户', (r) => r.actor],
  ['角色', (r) => label('zh', 'role', r.role)],
  ['乡镇', (r) => r.township],
  ['客户端地址', (r) => r.clientAddress],
  ['操作', (r) => r.action],
  ['数据表', (r) => r.tableName],
  ['记录', (r) => r.rowId],
  ['结果', (r) => (r.ok ? '成功' : '失败')],
  ['原因', (r) => r.reason],
  ['修改前', (r) => json(r.before)],
  ['修改后', (r) => json(r.after)],
];

export async function auditXlsx(db: Db, who: Who, filter: AuditFilter) {
  const { rows, total } = await listAudit(db, { ...filter, limit: 100_000, offset: 0 });
  await recordEvent(db, who, {
    action: 'audit.export',
    table: 'audit_log',
    ok: true,
    after: { rows: rows.length, total, filter },
  });
  return tableXlsx(COLUMNS, rows, '审计日志');
}
