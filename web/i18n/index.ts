/** The message tables and a pure `translate`; the current language lives in state/locale.svelte.ts. */
import { en } from './en';
import { type MessageKey, type Messages, zhCN } from './zh-CN';

export type { MessageKey };
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const tables: Record<Language, Messages> = { 'zh-CN': zhCN, en };

/** Each language's own name, shown in the switch whatever the current language is. */
export const languageNames: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export type Params = Record<string, string | number>;

/** `translate('en', 'panel.count', { count: 3 })` → `'3'`; `{name}` placeholders are replaced as text. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const template = tables[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
