/** Request schemas of the bulletin (GET /api/bulletin, .docx, .xlsx). */
import { z } from 'zod';
import { parseWeights, type ScoreWeights } from '../analysis/bulletin-score';
import { IsoDate } from './hazards';
import { CountyParam, queryInt } from './params';

/** `patrolledPlaces:25,trainings:15,…`: the composite score's weights (others keep their defaults). */
const Weights = z.string().transform((s, ctx): ScoreWeights => {
  const parsed = parseWeights(s);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

export const BulletinQuery = z
  .strictObject({
    /** The county (adcode) the bulletin is of; default the focus county. */
    county: CountyParam,
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    weights: Weights.optional(),
    reboundWindowDays: queryInt(0, 3650).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'give both from and to, or neither (the last whole week)',
    path: ['from'],
  });
