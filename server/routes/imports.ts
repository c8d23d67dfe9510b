/**
 * The import API (issue 12 §4): POST /api/import/:layer (multipart, field `file`, optional
 * `mapping` JSON; `dryRun=1` → the preview, else the commit → 201 `{id, inserted, updated}`),
 * GET /api/import/:layer/template.xlsx, GET /api/imports, GET /api/imports/:id,
 * POST /api/imports/:id/undo. Uploads have their own body limit (server/app.ts).
 */
import { Hono, type HonoRequest } from 'hono';
import type { Db } from '../../db/client';
import { getImport, listImports } from '../../db/queries/imports';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { auditedWrite } from '../auth/audit';
import { AppError, InvalidParameterError, NotFoundError } from '../errors';
import { importLayer } from '../import/layers/registry';
import { ImportIdParam, ImportLayerParam, ImportListQuery, ImportQuery, Mapping } from '../schemas/imports';
import { commitImport, undoImport } from '../services/import-commit';
import { planImport } from '../services/import-plan';
import { commitRoadLayer, planRoadLayer } from '../services/import-roads-layer';
import { importTemplate } from '../services/import-template';
import { validate } from '../validate';

async function uploadOf(
  req: HonoRequest,
): Promise<{ name: string; bytes: Uint8Array; mapping?: Record<string, string | null> }> {
  const type = req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError(
      415,
      'unsupported_media_type',
      '请以 multipart/form-data 上传文件（字段 file）(upload the file as multipart/form-data, field file)',
    );
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new InvalidParameterError('上传内容无法解析 (the upload cannot be parsed)');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new InvalidParameterError('缺少文件字段 file (the field file is missing)');
  const rawMapping = form.get('mapping');
  let mapping: Record<string, string | null> | undefined;
  if (typeof rawMapping === 'string' && rawMapping.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(rawMapping);
    } catch {
      throw new InvalidParameterError('mapping 不是有效的 JSON (mapping is not valid JSON)');
    }
    const parsed = Mapping.safeParse(json);
    if (!parsed.success) throw new InvalidParameterError(`mapping: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    mapping = parsed.data;
  }
  return { name: file.name.slice(0, 255), bytes: new Uint8Array(await file.arrayBuffer()), mapping };
}

const layerOf = (id: string) => {
  const layer = importLayer(id);
  if (!layer) throw new NotFoundError(`no import layer ${id}`);
  return layer;
};

export function importRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/:layer/template.xlsx', allow('imports:read'), validate('param', ImportLayerParam), async (c) => {
      const layer = layerOf(c.req.valid('param').layer);
      if (layer.geometry === 'network')
        throw new NotFoundError(
          '道路没有表格模板：请上传 OpenStreetMap 导出或线要素 GeoJSON (roads have no sheet template)',
        );
      return c.body(new Uint8Array(await importTemplate(layer)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="import-${layer.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${layer.zh}导入模板.xlsx`)}`,
      });
    })
    .post(
      '/:layer',
      allow('imports:write'),
      validate('param', ImportLayerParam),
      validate('query', ImportQuery),
      async (c) => {
        const layer = layerOf(c.req.valid('param').layer);
        const q = c.req.valid('query');
        const upload = await uploadOf(c.req);
        const input = {
          layer,
          fileName: upload.name,
          bytes: upload.bytes,
          crs: q.crs ?? 'auto',
          mapping: upload.mapping,
          actor: actorOf(c),
          adcode: q.county,
        };
        const network = layer.geometry === 'network';
        if (q.dryRun)
          return c.json(network ? await planRoadLayer(db, input) : (await planImport(db, input)).preview, 200);
        const out = await auditedWrite(
          db,
          whoOf(c),
          { action: `import.${layer.id}`, table: layer.table },
          async (tx) => {
            const committed = network
              ? await commitRoadLayer(tx, input)
              : await commitImport(tx, { ...input, skipInvalid: q.skipInvalid ?? false });
            return {
              result: committed.result,
              rowId: committed.result.id,
              after: committed.summary,
              adcode: committed.adcode,
            };
          },
        );
        return c.json(out, 201);
      },
    );
}

export function importListRoutes(db: Db) {
  return new Hono<AppEnv>()
    .get('/', allow('imports:read'), validate('query', ImportListQuery), async (c) => {
      const actor = actorOf(c);
      const rows = await listImports(db, {
        actor: actor.role === 'township' ? actor.username : undefined,
        limit: c.req.valid('query').limit ?? 100,
      });
      return c.json({ imports: rows }, 200);
    })
    .get('/:id', allow('imports:read'), validate('param', ImportIdParam), async (c) => {
      const actor = actorOf(c);
      const row = await getImport(db, c.req.valid('param').id);
      if (!row || (actor.role === 'township' && row.actor !== actor.username))
        throw new NotFoundError('no such import');
      return c.json(row, 200);
    })
    .post('/:id/undo', allow('imports:write'), validate('param', ImportIdParam), async (c) => {
      const id = c.req.valid('param').id;
      const actor = actorOf(c);
      const out = await auditedWrite(
        db,
        whoOf(c),
        { action: 'import.undo', table: 'imports', rowId: id },
        async (tx) => {
          const undone = await undoImport(tx, id, actor);
          return { result: undone.result, after: undone.result, adcode: undone.adcode };
        },
      );
      return c.json(out, 200);
    });
}
