/** Request schemas of the 消安办's notices (督办通知 / 提示函 / 预警指南 / 案例警示). */
import { z } from 'zod';
import { noticeKind } from '../../db/schema-notices';
import { IsoDate } from './hazards';
import { TownshipCode } from './layers';
import { bodyInt, safeText } from './params';

export const NoticeBody = z
  .strictObject({
    kind: z.enum(noticeKind.enumValues),
    /** 文号; assigned (舞消安办督〔2023〕N号) when left out. */
    number: safeText(60).optional(),
    title: safeText(200).optional(),
    issuedOn: IsoDate,
    townshipCode: TownshipCode.optional(),
    replyBy: IsoDate.optional(),
    body: safeText(5000).optional(),
    hazardIds: z.array(bodyInt(1)).max(200).default([]),
  })
  .refine((b) => b.kind !== 'supervision' || (b.townshipCode !== undefined && b.replyBy !== undefined), {
    message: 'a 督办通知 needs townshipCode and replyBy',
    path: ['townshipCode'],
  })
  .refine((b) => b.replyBy === undefined || b.replyBy >= b.issuedOn, {
    message: 'replyBy must not be before issuedOn',
    path: ['replyBy'],
  })
  .refine((b) => b.hazardIds.length === 0 || b.townshipCode !== undefined, {
    message: 'hazards are named to a township',
    path: ['hazardIds'],
  })
  .refine((b) => new Set(b.hazardIds).size === b.hazardIds.length, {
    message: 'hazardIds must not repeat',
    path: ['hazardIds'],
  });

export const NoticeListQuery = z
  .strictObject({
    township: TownshipCode.optional(),
    kind: z.enum(noticeKind.enumValues).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

/** GET /api/notices/draft: a 督办通知 draft for a township as of a day. */
export const NoticeDraftQuery = z
  .strictObject({
    township: TownshipCode,
    asOf: IsoDate,
    replyBy: IsoDate.optional(),
  })
  .refine((q) => q.replyBy === undefined || q.replyBy >= q.asOf, {
    message: 'replyBy must not be before asOf',
    path: ['replyBy'],
  });

export const NoticeIdParam = z.strictObject({
  id: z
    .string()
    .regex(/^\d{1,9}$/, 'id must be a number')
    .transform(Number),
});
