/**
 * Password rules (GB/T 22239-2019 level-2 practice, docs/standards.md): at least 8 characters,
 * at least 3 of the 4 classes (lower case, upper case, digits, others), not containing the
 * user name, not one of the last 3 (checked by the caller against the stored hashes).
 * Pure: the numbers come from the configuration.
 */
import { isStorableText } from '../schemas/params';

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
  /** How many previous passwords may not be reused. */
  history: number;
  /** Days until a password must be changed; 0 = never. */
  expiryDays: number;
}

export const DEFAULT_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3, history: 3, expiryDays: 90 };

export type PolicyProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username' | 'bad_characters';

const MESSAGES: Record<PolicyProblem, (p: PasswordPolicy) => string> = {
  too_short: (p) => `密码至少 ${p.minLength} 个字符 (at least ${p.minLength} characters)`,
  too_long: () => '密码最多 128 个字符 (at most 128 characters)',
  too_few_classes: (p) =>
    `密码须含大写字母、小写字母、数字、符号中的至少 ${p.minClasses} 类 (at least ${p.minClasses} of: upper case, lower case, digits, symbols)`,
  contains_username: () => '密码不能包含用户名 (must not contain the user name)',
  bad_characters: () => '密码含有不可用的控制字符 (contains control characters)',
};

export function characterClasses(password: string): number {
  let n = 0;
  if (/\p{Ll}/u.test(password)) n++;
  if (/\p{Lu}/u.test(password)) n++;
  if (/\p{Nd}/u.test(password)) n++;
  if (/[^\p{Ll}\p{Lu}\p{Nd}]/u.test(password)) n++;
  return n;
}

/** The first rule the password breaks, or undefined. */
export function checkPassword(password: string, username: string, policy: PasswordPolicy): PolicyProblem | undefined {
  // Control characters (NUL among them) cannot be typed and break some terminals and logs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what is refused here
  if (/[\u0000-\u001f\u007f]/.test(password) || !isStorableText(password)) return 'bad_characters';
  if ([...password].length < policy.minLength) return 'too_short';
  if (password.length > 128) return 'too_long';
  if (characterClasses(password) < policy.minClasses) return 'too_few_classes';
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  return undefined;
}

export function policyMessage(problem: PolicyProblem, policy: PasswordPolicy): string {
  return MESSAGES[problem](policy);
}

/** Whether a password last changed at `changedAt` has expired at `now`. */
export function passwordExpired(changedAt: Date, now: Date, policy: PasswordPolicy): boolean {
  return policy.expiryDays > 0 && now.getTime() - changedAt.getTime() > policy.expiryDays * 86_400_000;
}
