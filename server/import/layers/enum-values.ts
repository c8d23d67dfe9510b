/** The spellings an enum cell may take: the code, its labels in the one label table (zh, en), and the layer's synonyms. */
import { codesOf, type LabelGroup, label } from '../../export/labels';

export function enumValues(
  group: LabelGroup,
  synonyms: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const code of codesOf(group)) {
    out[code] = [code, label('zh', group, code) ?? code, label('en', group, code) ?? code, ...(synonyms[code] ?? [])];
  }
  return out;
}
