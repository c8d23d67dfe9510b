/** GET /api/users, POST /api/users, PATCH /api/users/:id, GET|PUT /api/users/policy (role admin; every change audited). */
import { Hono } from 'hono';
import type { Db } from '../../db/client';
import { type AppEnv, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import type { AuthConfig } from '../auth/config';
import { TotpPolicyBody, UserCreateBody, UserIdParam, UserPatchBody } from '../schemas/accounts';
import { createUser, resetPassword, updateUser, userList } from '../services/account-admin';
import { resetTotp, setTotpPolicy, totpPolicy } from '../services/account-totp';
import { validate } from '../validate';

export function userRoutes(db: Db, config: AuthConfig) {
  return new Hono<AppEnv>()
    .get('/', allow('users:manage'), async (c) => c.json(await userList(db), 200))
    .get('/policy', allow('users:manage'), async (c) => c.json(await totpPolicy(db), 200))
    .put('/policy', allow('users:manage'), validate('json', TotpPolicyBody), async (c) =>
      c.json(await setTotpPolicy(db, whoOf(c), c.req.valid('json').totpRoles), 200),
    )
    .post('/', allow('users:manage'), validate('json', UserCreateBody), async (c) =>
      c.json(await createUser(db, whoOf(c), config, c.req.valid('json')), 201),
    )
    .patch(
      '/:id',
      allow('users:manage'),
      validate('param', UserIdParam),
      validate('json', UserPatchBody),
      async (c) => {
        const id = c.req.valid('param').id;
        const { resetPassword: reset, resetTotp: dropTotp, ...fields } = c.req.valid('json');
        const updated = Object.keys(fields).length > 0 ? await updateUser(db, whoOf(c), id, fields) : undefined;
        if (dropTotp) await resetTotp(db, whoOf(c), id);
        if (reset) return c.json(await resetPassword(db, whoOf(c), id), 200);
        return c.json({ user: updated?.user, temporaryPassword: undefined }, 200);
      },
    );
}
