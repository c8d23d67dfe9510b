/** A message of the import pipeline in both languages, and its one-line form "中文 (English)". */
export interface Bilingual {
  zh: string;
  en: string;
}

export const both = (m: Bilingual): string => `${m.zh} (${m.en})`;
