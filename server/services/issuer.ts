/**
 * The office that issues bulletins and notices, named from the county (a county is data): 舞阳县 →
 * 舞阳县消防安全委员会办公室, 文号 prefixes 舞消安办督 / 函 / 预 / 警 (the county's first character + 消安办).
 */
import type { NoticeKind } from '../../db/queries/notices';

export const issuerOf = (county: string): string => `${county}消防安全委员会办公室`;

const KIND_MARK: Record<NoticeKind, string> = {
  supervision: '督',
  reminder: '函',
  warning_guide: '预',
  case_warning: '警',
};

export function noticeNumber(county: string, kind: NoticeKind, year: string, serial: number): string {
  return `${[...county][0] ?? ''}消安办${KIND_MARK[kind]}〔${year}〕${serial}号`;
}
