/**
 * Committing an import and undoing one (issue 12 §3). A commit runs the plan again inside its
 * transaction with the layer's table locked against other writers, refuses invalid rows unless
 * asked to skip them and an uncertain coordinate system unless the user chose one, then writes
 * the inserts and updates, keeping for each row what undo needs (import_rows). Undo puts every
 * row back as it was — only when none was changed or deleted since; else it names them.
 */
import type { Db } from '../../db/client';
import {
  getImport,
  importRowStates,
  insertImportRecord,
  insertImportRows,
  lockImportTable,
  markImportUndone,
  restoreImportRows,
  tableColumns,
  updateImportRows,
} from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import { requireWriteScope } from '../auth/scope';
import { AnalysisInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { importLayer } from '../import/layers/registry';
import { type ImportInput, planImport } from './import-plan';

/** Rows per INSERT / UPDATE statement (one JSON parameter each). */
const CHUNK = 5000;

export interface CommitResult {
  id: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export async function commitImport(
  tx: Db,
  input: ImportInput & { skipInvalid: boolean },
): Promise<{ result: CommitResult; adcode: string; summary: Record<string, unknown> }> {
  await lockImportTable(tx, input.layer.table);
  const plan = await planImport(tx, input);
  const { preview } = plan;
  const { detected } = preview;
  if (detected?.uncertain && !detected.byUser) {
    throw new AnalysisInputError(
      `无法确定坐标系：${detected.reason}；请选择坐标系后重试 (the coordinate system is uncertain: choose it with crs=)`,
      { detected },
    );
  }
  if (plan.invalidRows.length > 0 && !input.skipInvalid) {
    const rows = plan.invalidRows.slice(0, 50).join(', ');
    throw new AnalysisInputError(
      `有 ${plan.invalidRows.length} 行无效（第 ${rows}${plan.invalidRows.length > 50 ? ' …' : ''} 行），未导入任何数据；改正后重试，或选择跳过无效行 (${plan.invalidRows.length} invalid rows, nothing imported; fix them or skip them with skipInvalid=1)`,
      { invalidRows: plan.invalidRows, errors: preview.errors.slice(0, 200) },
    );
  }
  const { actor } = input;
  const id = await insertImportRecord(tx, {
    adcode: preview.county.adcode,
    layer: input.layer.id,
    fileName: input.fileName,
    sha256: preview.file.sha256,
    format: preview.file.format,
    encoding: preview.file.encoding,
    crsDetected: detected?.crs ?? null,
    crsChosen: detected?.chosen ?? null,
    evidence: detected
      ? { ...detected.evidence, reason: detected.reason, swapAxes: detected.swapAxes, uncertain: detected.uncertain }
      : null,
    mapping: preview.mapping.fields,
    rowsRead: preview.rows.read,
    rowsValid: preview.rows.valid,
    rowsInvalid: preview.rows.invalid,
    inserted: preview.insert,
    updated: preview.update,
    unchanged: preview.unchanged,
    actor: actor.username,
    role: actor.role,
    township: actor.township,
  });
  const { table, children } = input.layer;
  const geom = input.layer.geometry !== 'none';
  for (let i = 0; i < plan.updates.length; i += CHUNK) {
    const chunk = plan.updates.slice(i, i + CHUNK).map((r) => r.json);
    await updateImportRows(tx, id, table, plan.columns, chunk, geom);
  }
  for (let i = 0; i < plan.inserts.length; i += CHUNK) {
    const chunk = plan.inserts.slice(i, i + CHUNK);
    const ids = await insertImportRows(
      tx,
      id,
      table,
      plan.columns,
      chunk.map((r) => r.json),
      geom,
    );
    if (!children) continue;
    // Ids come back in input order (INSERT … SELECT keeps the order of its rows, as the road import relies on).
    const rows = chunk.flatMap((r, k) =>
      children.rows(r.values, preview.county.adcode).map((c) => ({ ...c, [children.parentColumn]: ids[k] })),
    );
    if (rows.length > 0) await insertImportRows(tx, id, children.table, Object.keys(rows[0] as object), rows, false);
  }
  const result = {
    id,
    inserted: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: preview.unchanged,
    skipped: plan.invalidRows.length,
  };
  const summary = {
    ...result,
    layer: input.layer.id,
    file: preview.file,
    crs: detected?.chosen ?? null,
    rows: preview.rows,
  };
  return { result, adcode: preview.county.adcode, summary };
}

export interface UndoResult {
  id: number;
  deleted: number;
  restored: number;
}

export async function undoImport(
  tx: Db,
  id: number,
  actor: Actor,
): Promise<{ result: UndoResult; adcode: string; layer: string }> {
  const record = await getImport(tx, id, true);
  if (!record) throw new NotFoundError(`没有编号为 ${id} 的导入 (no import ${id})`);
  if (record.undoneAt)
    throw new ConflictError(`导入 ${id} 已于 ${record.undoneAt} 撤销 (import ${id} was undone already)`);
  if (actor.role === 'township' && record.actor !== actor.username) {
    throw new ForbiddenError('乡镇账号只能撤销自己的导入 (township users undo their own imports only)');
  }
  requireWriteScope(actor, actor.role === 'township' ? record.township : null);
  const layer = importLayer(record.layer);
  if (!layer) throw new NotFoundError(`unknown import layer ${record.layer}`);
  await lockImportTable(tx, layer.table);
  // Children (a hazard's steps) first: they reference the rows undo deletes.
  const tables = [...(layer.children ? [layer.children.table] : []), layer.table];
  const columnsOf = new Map<string, string[]>();
  for (const t of tables) columnsOf.set(t, await tableColumns(tx, t));
  const states = (await Promise.all(tables.map((t) => importRowStates(tx, id, t, columnsOf.get(t) ?? [])))).flat();
  const conflicts = states.filter((s) => s.state !== 'ok');
  if (conflicts.length > 0) {
    const list = conflicts
      .slice(0, 20)
      .map((c) => `${c.code ?? c.rowId}（${c.state === 'deleted' ? '已删除' : '已修改'}）`)
      .join('、');
    throw new ConflictError(
      `导入后有 ${conflicts.length} 行又被修改或删除，无法撤销：${list} (${conflicts.length} rows changed or deleted since the import: cannot undo)`,
      { conflicts },
    );
  }
  const counts = { deleted: 0, restored: 0 };
  try {
    for (const t of tables) {
      const c = await restoreImportRows(tx, id, t, columnsOf.get(t) ?? []);
      if (t === layer.table) Object.assign(counts, c);
    }
  } catch (e) {
    const message = `${(e as Error).message} ${(e as { cause?: Error }).cause?.message ?? ''}`;
    if (/foreign key|violates/i.test(message)) {
      throw new ConflictError(
        '导入的数据已被其他记录引用（如隐患），无法撤销 (rows of this import are referenced by later records, e.g. hazards: cannot undo)',
      );
    }
    throw e;
  }
  await markImportUndone(tx, id, actor.username);
  return { result: { id, ...counts }, adcode: record.adcode, layer: layer.id };
}
