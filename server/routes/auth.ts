/**
 * POST /api/auth/login {username, password} → session cookie + {user}; 401 (one message for an
 * unknown user and a wrong password), 423 while locked, 429 past the per-address rate.
 * POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password {current, next},
 * POST /api/auth/totp/setup (a pending secret) and /api/auth/totp/enable {otp} (the second factor).
 */
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/client';
import { type AppEnv, actorOf, whoOf } from '../auth/actor';
import { allow } from '../auth/allow';
import { type AuthConfig, SESSION_COOKIE } from '../auth/config';
import { rateLimit } from '../http/concurrency-limit';
import { LoginBody, PasswordBody, TotpEnableBody } from '../schemas/accounts';
import { enableTotp, startTotpSetup } from '../services/account-totp';
import { changeOwnPassword, presentActor, signIn, signOut } from '../services/accounts';
import { validate } from '../validate';

export function authRoutes(db: Db, config: AuthConfig) {
  const loginRate = rateLimit(config.loginPerMinute, (c) => (c.get('clientAddress') as string) ?? 'local', config.now);
  return (
    new Hono<AppEnv>()
      .post('/login', allow('public'), loginRate, validate('json', LoginBody), async (c) => {
        const { token, user } = await signIn(db, whoOf(c), config, c.req.valid('json'));
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: new URL(c.req.url).protocol === 'https:',
          path: '/',
        });
        return c.json({ user }, 200);
      })
      .post('/logout', allow('self'), async (c) => {
        await signOut(db, whoOf(c), actorOf(c));
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return c.json({ ok: true as const }, 200);
      })
      // Public: the page asks at every load whether someone is signed in (null = show the sign-in page).
      .get('/me', allow('public'), (c) => {
        const actor = c.get('actor');
        return c.json(
          { user: actor ? presentActor(actor) : null, idleTimeoutS: Math.round(config.idleMs / 1000) },
          200,
        );
      })
      .post('/password', allow('self'), validate('json', PasswordBody), async (c) =>
        c.json({ user: await changeOwnPassword(db, whoOf(c), config, actorOf(c), c.req.valid('json')) }, 200),
      )
      .post('/totp/setup', allow('self'), async (c) => c.json(await startTotpSetup(db, whoOf(c), actorOf(c)), 200))
      .post('/totp/enable', allow('self'), validate('json', TotpEnableBody), async (c) =>
        c.json(await enableTotp(db, whoOf(c), actorOf(c), c.req.valid('json').otp), 200),
      )
  );
}
