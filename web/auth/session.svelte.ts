/**
 * Who is signed in (GET /api/auth/me), sign-in, password change, sign-out, and the idle logout:
 * a warning two minutes before the server's idle timeout, sign-out at it. Activity keeps the
 * server's session alive with a light /me request at most every five minutes.
 */
import { client } from '../api';
import type { Language } from '../i18n';
import { onSessionEnded } from './expiry';
import { type AuthKey, authText } from './messages';

export interface SignedInUser {
  username: string;
  role: 'admin' | 'auditor' | 'brigade' | 'township' | 'viewer';
  township: string | null;
  mustChangePassword: boolean;
  mustEnrollTotp: boolean;
  permissions: string[];
}

/** A failed request with the server's `{error:{code,message}}`. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<RequestError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new RequestError(body.error?.message ?? `${res.status} ${res.statusText}`, body.error?.code);
  } catch {
    return new RequestError(`${res.status} ${res.statusText}`, undefined);
  }
}

const WARN_BEFORE_MS = 120_000;
const KEEP_ALIVE_MS = 5 * 60_000;

export class Session {
  user = $state.raw<SignedInUser | undefined>(undefined);
  /** The first /me answer has arrived (signed in or not). */
  checked = $state(false);
  /** Shown on the sign-in page after an automatic sign-out. */
  notice = $state<AuthKey | undefined>(undefined);
  /** Seconds until the idle sign-out while the warning is shown. */
  warningS = $state<number | undefined>(undefined);
  idleMs = 30 * 60_000;
  private lastActive = Date.now();
  private lastPing = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly lang: () => Language) {
    onSessionEnded(() => {
      if (this.user) this.ended('auth.expired');
    });
  }

  t = (key: AuthKey, params?: Record<string, string | number>) => authText(this.lang(), key, params);

  may(permission: string): boolean {
    return this.user?.permissions.includes(permission) ?? false;
  }

  async check(): Promise<void> {
    const res = await client.auth.me.$get();
    if (res.ok) {
      const body = await res.json();
      this.idleMs = body.idleTimeoutS * 1000;
      if (body.user) this.signedIn(body.user as SignedInUser);
      else if (this.user) this.ended('auth.expired');
    }
    this.checked = true;
  }

  async signIn(username: string, password: string, otp?: string): Promise<void> {
    const res = await client.auth.login.$post({ json: { username, password, ...(otp ? { otp } : {}) } });
    if (!res.ok) throw await failure(res);
    this.notice = undefined;
    await this.check();
  }

  async changePassword(current: string, next: string): Promise<void> {
    const res = await client.auth.password.$post({ json: { current, next } });
    if (!res.ok) throw await failure(res);
    this.user = (await res.json()).user as SignedInUser;
  }

  /** Starts the second-factor setup: the secret to type into an authenticator app, and its otpauth:// URI. */
  async startTotp(): Promise<{ secret: string; uri: string }> {
    const res = await client.auth.totp.setup.$post();
    if (!res.ok) throw await failure(res);
    return res.json();
  }

  async enableTotp(otp: string): Promise<void> {
    const res = await client.auth.totp.enable.$post({ json: { otp } });
    if (!res.ok) throw await failure(res);
    await this.check();
  }

  async signOut(notice: AuthKey = 'auth.signedOut'): Promise<void> {
    await client.auth.logout.$post().catch(() => undefined);
    this.ended(notice);
  }

  /** Marks user activity (pointer, keys); keeps the server session alive. */
  activity(): void {
    this.lastActive = Date.now();
    this.warningS = undefined;
    if (this.user && Date.now() - this.lastPing > KEEP_ALIVE_MS) {
      this.lastPing = Date.now();
      void this.check();
    }
  }

  private signedIn(user: SignedInUser): void {
    this.user = user;
    this.lastActive = Date.now();
    this.lastPing = Date.now();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private tick(): void {
    const idle = Date.now() - this.lastActive;
    if (idle >= this.idleMs) void this.signOut('auth.expired');
    else if (idle >= this.idleMs - Math.min(WARN_BEFORE_MS, this.idleMs / 2))
      this.warningS = Math.ceil((this.idleMs - idle) / 1000);
  }

  private ended(notice: AuthKey): void {
    clearInterval(this.timer);
    this.user = undefined;
    this.warningS = undefined;
    this.notice = notice;
  }
}
