/** The one zod validator wrapper: bad input becomes 400 {error:{code,message,details}}. */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import type { ErrorBody } from './errors';

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const details = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = details[0];
      const body: ErrorBody = {
        error: {
          code: 'invalid_parameter',
          message: first ? `${first.path || target}: ${first.message}` : `invalid ${target}`,
          details,
        },
      };
      return c.json(body, 400);
    }
  });
}
