/** POST /api/hazards (issue 13): a hazard found on a site today, from the site's popup. */
import { z } from 'zod';
import { hazardCategory, hazardSeverity } from '../../db/schema';
import { IsoDate } from './hazards';
import { bodyInt, safeText } from './params';

export const HazardEntryBody = z.strictObject({
  siteId: bodyInt(1),
  category: z.enum(hazardCategory.enumValues),
  severity: z.enum(hazardSeverity.enumValues),
  description: safeText(1000),
  /** 整改期限: today or later. */
  deadline: IsoDate,
});
export type HazardEntry = z.infer<typeof HazardEntryBody>;
