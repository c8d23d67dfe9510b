/** Configuration, read once from the environment and validated; fails fast naming the field. */
import { z } from 'zod';

const Env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DATA_DIR: z.string().min(1).default('./.data'),
    /** Optional Tianditu key for the tile basemap (docs/standards.md §5); the default basemap needs none. */
    TIANDITU_TK: z.string().optional(),
    /** Host names (besides localhost, 127.0.0.1, [::1]) the server answers to, comma-separated: its LAN name or address. */
    PUBLIC_HOSTS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((h) => h.trim())
          .filter(Boolean),
      ),
    /** `1`: take the client address from X-Forwarded-For (only behind a reverse proxy on this machine). */
    TRUST_PROXY: z.enum(['0', '1']).default('0'),
    /** The first admin's password on a first start (automation); unset = a random one printed once. */
    FIREATLAS_INITIAL_ADMIN_PASSWORD: z.string().min(1).optional(),
    /** PEM files: both set = serve HTTPS directly. */
    TLS_CERT: z.string().min(1).optional(),
    TLS_KEY: z.string().min(1).optional(),
    /** Days until a password must be changed (0 = never). */
    PASSWORD_EXPIRY_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
    /** Seconds one heavy analysis may compute before it answers 503. */
    COMPUTE_BUDGET_SECONDS: z.coerce.number().min(1).max(600).default(5),
    /** Minutes of inactivity that end a session. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
  })
  .refine((e) => (e.TLS_CERT === undefined) === (e.TLS_KEY === undefined), {
    message: 'set both TLS_CERT and TLS_KEY, or neither',
    path: ['TLS_CERT'],
  });
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${fields}`);
  }
  return parsed.data;
}
