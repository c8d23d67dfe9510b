/**
 * Township scope (issue 11): a township user reads hazard records, enforcement and inspections of
 * its own township only, and writes only rows of its township. Enforced in the query (the filter
 * is set to the user's township), not by filtering answers afterwards.
 */
import { ForbiddenError } from '../errors';
import type { Actor } from './actor';

/** The township filter a read runs with: the user's own for township users (asking for another → 403). */
export function readScope(actor: Actor, asked: string | undefined): string | undefined {
  if (actor.role !== 'township') return asked;
  if (asked !== undefined && asked !== actor.township) {
    throw new ForbiddenError('只能查看本乡镇的记录 (township users see their own township only)', {
      township: asked,
      own: actor.township,
    });
  }
  return actor.township ?? undefined;
}

/** Refuses a write to a row of another township (or of none) by a township user. */
export function requireWriteScope(actor: Actor, rowTownship: string | null): void {
  if (actor.role === 'township' && rowTownship !== actor.township) {
    throw new ForbiddenError('只能修改本乡镇的数据 (township users change rows of their own township only)', {
      township: rowTownship,
      own: actor.township,
    });
  }
}

/** Refuses reading one row of another township (records). */
export function requireReadScope(actor: Actor, rowTownship: string | null): void {
  if (actor.role === 'township' && rowTownship !== actor.township) {
    throw new ForbiddenError('只能查看本乡镇的记录 (township users see their own township only)');
  }
}
