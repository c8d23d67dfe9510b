/**
 * The 消安办's notices: a 督办通知 draft for a township (its hazards past their deadline on a day, a
 * reply deadline a week later by default), recording a notice with the hazards it names (they must
 * be the township's), and the list. Numbers are assigned per kind and year when not given.
 */
import type { Db } from '../../db/client';
import { issuingCounty } from '../../db/queries/bulletin';
import {
  DuplicateNumber,
  getNotice,
  hazardsOfTownship,
  insertNotice,
  listNotices,
  type NoticeKind,
  type NoticeRow,
  nextNoticeSerial,
  noticeHazardDetails,
  type OverdueHazard,
  overdueHazards,
  townshipName,
} from '../../db/queries/notices';
import { dayNumber } from '../analysis/hazard-rebound';
import { ConflictError, InvalidParameterError, NotFoundError } from '../errors';
import { isoOfDay } from './bulletin-window';
import { noticeNumber } from './issuer';

const REPLY_DAYS = 7;

export interface NoticeDraft {
  kind: 'supervision';
  number: string;
  title: string;
  issuedOn: string;
  replyBy: string;
  townshipCode: string;
  townshipName: string;
  hazards: OverdueHazard[];
}

export const supervisionTitle = (township: string) => `关于督促${township}限期整改逾期火灾隐患的督办通知`;

async function numberFor(db: Db, adcode: string, kind: NoticeKind, issuedOn: string): Promise<string> {
  const year = issuedOn.slice(0, 4);
  const { name } = await issuingCounty(db, adcode);
  return noticeNumber(name, kind, year, await nextNoticeSerial(db, adcode, kind, year));
}

export async function noticeDraft(
  db: Db,
  q: { township: string; asOf: string; replyBy?: string },
): Promise<NoticeDraft> {
  const name = await townshipName(db, q.township);
  if (name === null) throw new NotFoundError(`township ${q.township} not found`);
  return {
    kind: 'supervision',
    number: await numberFor(db, q.township.slice(0, 6), 'supervision', q.asOf),
    title: supervisionTitle(name),
    issuedOn: q.asOf,
    replyBy: q.replyBy ?? isoOfDay(dayNumber(q.asOf) + REPLY_DAYS),
    townshipCode: q.township,
    townshipName: name,
    hazards: await overdueHazards(db, q.township, q.asOf),
  };
}

export interface NoticeInput {
  kind: NoticeKind;
  number?: string;
  title?: string;
  issuedOn: string;
  townshipCode?: string;
  replyBy?: string;
  body?: string;
  hazardIds: number[];
}

export async function createNotice(db: Db, input: NoticeInput, adcode: string): Promise<NoticeRow> {
  const township = input.townshipCode ?? null;
  const name = township === null ? null : await townshipName(db, township);
  if (township !== null && name === null) throw new InvalidParameterError(`unknown township ${township}`, { township });
  if (township !== null && input.hazardIds.length > 0) {
    const own = new Set(await hazardsOfTownship(db, township, input.hazardIds));
    const foreign = input.hazardIds.filter((id) => !own.has(id));
    if (foreign.length > 0) {
      throw new InvalidParameterError(
        `隐患不属于${name} (hazards not of township ${township}): ${foreign.join(', ')}`,
        {
          hazardIds: foreign,
        },
      );
    }
  }
  const title = input.title ?? (input.kind === 'supervision' && name ? supervisionTitle(name) : undefined);
  if (title === undefined) throw new InvalidParameterError('title is required for this kind of notice');
  try {
    return await insertNotice(db, {
      adcode,
      kind: input.kind,
      number: input.number ?? (await numberFor(db, adcode, input.kind, input.issuedOn)),
      title,
      issuedOn: input.issuedOn,
      townshipCode: township,
      replyBy: input.replyBy ?? null,
      body: input.body ?? null,
      hazardIds: input.hazardIds,
    });
  } catch (err) {
    if (err instanceof DuplicateNumber) throw new ConflictError(`文号 ${err.number} 已存在 (the number exists)`);
    throw err;
  }
}

export async function noticeList(
  db: Db,
  q: { township?: string; kind?: NoticeKind; from?: string; to?: string },
): Promise<{ rows: NoticeRow[] }> {
  return { rows: await listNotices(db, q) };
}

/** A recorded notice as a draft-shaped document (its hazards as of the issue day). */
export async function noticeDocument(db: Db, id: number): Promise<{ notice: NoticeRow; draft: NoticeDraft }> {
  const notice = await getNotice(db, id);
  if (!notice) throw new NotFoundError(`notice ${id} not found`);
  return {
    notice,
    draft: {
      kind: 'supervision',
      number: notice.number,
      title: notice.title,
      issuedOn: notice.issuedOn,
      replyBy: notice.replyBy ?? notice.issuedOn,
      townshipCode: notice.townshipCode ?? '',
      townshipName: notice.townshipName ?? '',
      hazards: await noticeHazardDetails(db, id, notice.issuedOn),
    },
  };
}
