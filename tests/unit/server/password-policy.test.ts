/** Password rules (GB/T 22239-2019 level-2 practice): each rule, its boundary, and expiry. */
import { describe, expect, it } from 'vitest';
import { characterClasses, checkPassword, DEFAULT_POLICY, passwordExpired } from '../../../server/auth/password-policy';

describe('checkPassword', () => {
  it.each([
    ['Abcdef1!', undefined],
    ['Abcde1!', 'too_short'], // 7 characters
    ['abcdefgh', 'too_few_classes'],
    ['abcdefg1', 'too_few_classes'],
    ['abcdef1!', undefined], // lower + digit + symbol = 3 classes
    ['消防安全第一A1', undefined], // CJK counts as "other"
    ['Zhangsan-2026', 'contains_username'],
    ['ZHANGSAN-2026', 'contains_username'], // case-insensitive
    ['Ab1!\u0000xyz', 'bad_characters'],
    ['Ab1!\ud800xyz', 'bad_characters'],
    [`Aa1!${'x'.repeat(130)}`, 'too_long'],
  ])('%j → %s', (password, problem) => {
    expect(checkPassword(password, 'zhangsan', DEFAULT_POLICY)).toBe(problem);
  });

  it('counts the four classes', () => {
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('aaaa')).toBe(1);
  });

  it('expires after the configured days, never with 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, new Date('2026-03-31T00:00:00Z'), DEFAULT_POLICY)).toBe(false); // 89 days
    expect(passwordExpired(changed, new Date('2026-04-02T00:00:00Z'), DEFAULT_POLICY)).toBe(true); // 91 days
    expect(passwordExpired(changed, new Date('2030-01-01T00:00:00Z'), { ...DEFAULT_POLICY, expiryDays: 0 })).toBe(
      false,
    );
  });
});
