/** Bodies and queries of sign-in, password change, account administration and the audit log. */
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { IsoDate } from './hazards';
import { TownshipCode } from './layers';
import { isStorableText, queryInt, safeText } from './params';

const Username = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, 'user name: 3–32 lower-case letters, digits, _ . -, starting with a letter');
const Password = z.string().min(1).max(256).refine(isStorableText, 'password must be text');

const OtpCode = z.string().regex(/^\d{6}$/, 'the code has 6 digits');

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64).refine(isStorableText, 'user name must be text'),
  password: Password,
  /** The authenticator app's code, for accounts with a second factor. */
  otp: OtpCode.optional(),
});

export const TotpEnableBody = z.strictObject({ otp: OtpCode });

export const TotpPolicyBody = z.strictObject({ totpRoles: z.array(z.enum(ROLES)).max(ROLES.length) });

export const PasswordBody = z.strictObject({ current: Password, next: Password });

export const UserCreateBody = z.strictObject({
  username: Username,
  displayName: safeText(64).optional(),
  role: z.enum(ROLES),
  township: TownshipCode.optional(),
  /** A temporary password; a random one is made when absent. Either way the user must change it. */
  password: Password.optional(),
});

export const UserPatchBody = z
  .strictObject({
    displayName: safeText(64).nullable().optional(),
    role: z.enum(ROLES).optional(),
    township: TownshipCode.nullable().optional(),
    disabled: z.boolean().optional(),
    /** true: reset the password to a random temporary one (returned once). */
    resetPassword: z.literal(true).optional(),
    /** true: remove the user's second factor (a lost phone); a role that requires one asks to set it up again. */
    resetTotp: z.literal(true).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const UserIdParam = z.strictObject({ id: queryInt(1, 2_147_483_647, 'id') });

export const AuditQuery = z.strictObject({
  actor: z.string().min(1).max(64).refine(isStorableText).optional(),
  table: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  township: TownshipCode.optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$|^[A-Z]+ \/\S{1,120}$/)
    .optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: queryInt(1, 10_000, 'limit').default(200),
  offset: queryInt(0, 10_000_000, 'offset').default(0),
});
