/** Account, session and hardening settings: read once from the environment, injectable in tests (clock). */
import { DEFAULT_POLICY, type PasswordPolicy } from './password-policy';

export interface AuthConfig {
  /** Milliseconds since the epoch; tests inject a clock instead of sleeping. */
  now: () => number;
  policy: PasswordPolicy;
  /** A session unused this long is over (30 minutes). */
  idleMs: number;
  /** A session is over this long after sign-in, used or not (12 hours). */
  absoluteMs: number;
  /** Failures in a row that lock an account or a client address (5), and for how long (15 minutes). */
  lockAfter: number;
  lockMs: number;
  /** Sign-in requests per client address per minute before 429. */
  loginPerMinute: number;
  /** Host names accepted besides localhost, 127.0.0.1 and [::1] (PUBLIC_HOSTS). */
  publicHosts: string[];
  /** Take the client address from X-Forwarded-For (behind nginx on the same machine). */
  trustProxy: boolean;
  /** Extra origins the browser may fetch tiles from (CSP connect-src / img-src). */
  tileHosts: string[];
  /** Time budget of one heavy analysis request (503 past it), milliseconds. */
  computeBudgetMs: number;
}

export const SESSION_COOKIE = 'fireatlas_session';

export function authConfig(partial: Partial<AuthConfig> = {}): AuthConfig {
  return {
    now: () => Date.now(),
    policy: DEFAULT_POLICY,
    idleMs: 30 * 60_000,
    absoluteMs: 12 * 3_600_000,
    lockAfter: 5,
    lockMs: 15 * 60_000,
    loginPerMinute: 30,
    publicHosts: [],
    trustProxy: false,
    tileHosts: [],
    computeBudgetMs: 5_000,
    ...partial,
  };
}
