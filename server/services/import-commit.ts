/**
 * Committing an import and undoing one (issue 12 §3). A commit runs the plan again inside its
 * transaction with the layer's table locked against other writers, refuses invalid rows unless
 * asked to skip them and an uncertain coordinate system unless the user chose one, then writes
 * the inserts and updates, keeping for each row what undo needs (import_rows). Undo puts every
 * row back as it was — only when none was changed or deleted since; else it names them.
 */
import type { Db } from '../../db/client';
import { reassignTownships } from '../../db/queries/asset-edit-township';
import { countiesWithTownships, countyTownshipCodes } from '../../db/queries/import-areas';
import {
  getImport,
  ID_KEYS,
  importRowStates,
  insertImportRecord,
  insertImportRows,
  lockImportTable,
  markImportUndone,
  type RowKeys,
  restoreImportRows,
  tableColumns,
  updateImportRows,
} from '../../db/queries/imports';
import type { Actor } from '../auth/actor';
import { requireWriteScope } from '../auth/scope';
import { AnalysisInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { importLayer } from '../import/layers/registry';
import type { ImportLayer } from '../import/layers/types';
import type { Placed } from './import-placed';
import { type ImportInput, planImport } from './import-plan';

const keysOf = (layer: ImportLayer): RowKeys => ({ key: layer.rowKey ?? 'id', code: layer.codeColumn ?? 'code' });

/**
 * After township boundaries are written, the units, hydrants, sites and villages of those
 * townships (and of the county's others) go to the township whose polygon holds them, as after a
 * boundary edit; hazards and enforcement follow their site. null for other layers.
 */
async function followBoundaries(tx: Db, layer: ImportLayer, written: Placed[], adcode: string): Promise<number | null> {
  if (layer.area?.topology !== 'townships') return null;
  if (written.length === 0) return 0;
  return followTownships(tx, adcode);
}

async function followTownships(tx: Db, adcode: string): Promise<number> {
  const codes = await countyTownshipCodes(tx, adcode);
  return codes.length === 0 ? 0 : reassignTownships(tx, codes);
}

/** Rows per INSERT / UPDATE statement (one JSON parameter each). */
const CHUNK = 5000;

export interface CommitResult {
  id: number;
  /** Township boundaries: units, hydrants, sites and villages that moved to another township. */
  rowsMoved?: number;
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
      `${detected.reasonZh ?? `无法确定坐标系：${detected.reason}`}；请选择坐标系后重试 (the coordinate system is uncertain: ${detected.reason}; choose it with crs=)`,
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
  // A county boundary's import belongs to the county it brings.
  const first = plan.inserts[0] ?? plan.updates[0];
  const adcode = input.layer.area?.topology === 'county' && first ? String(first.json.adcode) : preview.county.adcode;
  const id = await insertImportRecord(tx, {
    adcode,
    layer: input.layer.id,
    fileName: input.fileName,
    sha256: preview.file.sha256,
    format: preview.file.format,
    encoding: preview.file.encoding,
    crsDetected: detected?.crs ?? null,
    crsChosen: detected?.chosen ?? null,
    evidence: detected
      ? {
          ...detected.evidence,
          reason: detected.reason,
          reasonZh: detected.reasonZh,
          swapAxes: detected.swapAxes,
          uncertain: detected.uncertain,
        }
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
  const keys = keysOf(input.layer);
  for (let i = 0; i < plan.updates.length; i += CHUNK) {
    const chunk = plan.updates.slice(i, i + CHUNK).map((r) => r.json);
    await updateImportRows(tx, id, table, plan.columns, chunk, geom, keys);
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
      keys.key,
    );
    if (!children) continue;
    // Ids come back in input order (INSERT … SELECT keeps the order of its rows, as the road import relies on).
    const rows = chunk.flatMap((r, k) =>
      children.rows(r.values, preview.county.adcode).map((c) => ({ ...c, [children.parentColumn]: ids[k] })),
    );
    if (rows.length > 0) await insertImportRows(tx, id, children.table, Object.keys(rows[0] as object), rows, false);
  }
  const rowsMoved = await followBoundaries(tx, input.layer, [...plan.inserts, ...plan.updates], adcode);
  const result = {
    id,
    ...(rowsMoved === null ? {} : { rowsMoved }),
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
  return { result, adcode, summary };
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
  const keyOf = (t: string) => (t === layer.table ? keysOf(layer) : ID_KEYS);
  const states = (
    await Promise.all(tables.map((t) => importRowStates(tx, id, t, columnsOf.get(t) ?? [], keyOf(t))))
  ).flat();
  if (layer.area?.topology === 'county') {
    const inserted = states.filter((s) => s.action === 'insert').map((s) => s.rowId);
    const holding = await countiesWithTownships(tx, inserted);
    if (holding.length > 0) {
      throw new ConflictError(
        `县 ${holding.join('、')} 已导入乡镇边界：请先撤销乡镇的导入 (the county ${holding.join(', ')} has townships now: undo their import first)`,
        { counties: holding },
      );
    }
  }
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
      const c = await restoreImportRows(tx, id, t, columnsOf.get(t) ?? [], keyOf(t).key);
      if (t === layer.table) Object.assign(counts, c);
    }
    if (layer.area?.topology === 'townships') await followTownships(tx, record.adcode);
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
