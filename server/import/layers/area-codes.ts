/** Administrative codes of the boundary layers (统计用区划代码): a 12-digit code ending in 000 is read as its 9-digit township code. */
import type { RowProblem } from './types';

export function codeProblem(values: Record<string, unknown>, column: string, digits: readonly number[]): RowProblem[] {
  const raw = String(values[column] ?? '').replace(/\s/g, '');
  const code = digits.includes(9) && /^\d{9}000$/.test(raw) ? raw.slice(0, 9) : raw;
  values[column] = code;
  if (digits.some((d) => new RegExp(`^\\d{${d}}$`).test(code))) return [];
  const want = digits.join(' 或 ');
  return [
    {
      field: column,
      reason: { zh: `代码须为 ${want} 位数字：${raw}`, en: `the code must be ${digits.join(' or ')} digits: ${raw}` },
    },
  ];
}
