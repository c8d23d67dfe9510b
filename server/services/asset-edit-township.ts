/**
 * Editing a township's boundary (issue 13, PATCH /api/townships/:code): the drawn polygon, clipped
 * to the county, becomes the township; its neighbours give up what it now covers; the townships
 * stay a partition of the county — refused (422, nothing written) when the polygon reaches outside
 * the county or would leave a gap, either wider than 1 m, or would erase a neighbour. Units,
 * hydrants, sites and villages now inside another township move to it (hazards and enforcement
 * follow their site), so statistics follow. A county matter: brigade only (a boundary edit
 * changes the neighbours too), audited, with If-Match on the township's version.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../db/client';
import {
  applyBoundary,
  boundaryCheck,
  lockTownship,
  reassignTownships,
  TOPOLOGY_M,
  withArea,
} from '../../db/queries/asset-edit-township';
import { layerFeature } from '../../db/queries/layers';
import type { Actor } from '../auth/actor';
import { auditedWrite, type Who } from '../auth/audit';
import { requireWriteScope } from '../auth/scope';
import { AnalysisInputError, ConflictError, InvalidParameterError, NotFoundError } from '../errors';

export async function editTownshipBoundary(
  db: Db,
  who: Who,
  actor: Actor,
  code: string,
  ifMatch: number,
  drawn: Polygon | MultiPolygon,
  /** 'add': the drawn area is added to the township (the union becomes its boundary). */
  mode: 'replace' | 'add' = 'replace',
) {
  return auditedWrite(db, who, { action: 'townships.boundary', table: 'townships', rowId: code }, async (tx) => {
    const before = await lockTownship(tx, code);
    if (!before) throw new NotFoundError(`township ${code} not found`);
    requireWriteScope(actor, null);
    if (before.version !== ifMatch) {
      throw new ConflictError(
        `已被他人修改（当前版本 ${before.version}）(changed by someone else: version ${before.version})`,
        {
          expected: ifMatch,
          version: before.version,
          current: await layerFeature(tx, 'townships', code),
        },
      );
    }
    const geom = mode === 'add' ? await withArea(tx, code, drawn) : drawn;
    const check = await boundaryCheck(tx, code, geom);
    if (!check.valid)
      throw new InvalidParameterError('geom: 边界无效（自相交？）(the boundary is not valid — self-intersecting?)');
    if (check.emptyAfterClip)
      throw new AnalysisInputError('geom: 边界不在本县内 (the boundary lies outside the county)');
    if (check.outsideM2 > 0) {
      throw new AnalysisInputError(
        `geom: 超出县界 ${Math.round(check.outsideM2)} 平方米 (reaches outside the county beyond ${TOPOLOGY_M} m)`,
        { outsideM2: check.outsideM2 },
      );
    }
    if (check.gapM2 > 0) {
      throw new AnalysisInputError(
        `geom: 会留下 ${Math.round(check.gapM2)} 平方米不属于任何乡镇的空隙；请改为扩大相邻乡镇的边界 (would leave a gap wider than ${TOPOLOGY_M} m: give that area to a neighbour by editing the neighbour)`,
        { gapM2: check.gapM2 },
      );
    }
    const neighbours = await applyBoundary(tx, code, geom);
    const erased = neighbours.filter((n) => n.empty).map((n) => n.code);
    if (erased.length > 0)
      throw new AnalysisInputError(`geom: 会覆盖整个相邻乡镇 (would erase ${erased.join(', ')})`, { erased });
    const moved = await reassignTownships(tx, [code, ...neighbours.map((n) => n.code)]);
    const after = await lockTownship(tx, code);
    const feature = await layerFeature(tx, 'townships', code);
    return {
      result: { feature, version: after?.version, neighbours, rowsMoved: moved },
      before,
      after: { township: after, neighbours, rowsMoved: moved },
      adcode: before.adcode,
    };
  });
}
