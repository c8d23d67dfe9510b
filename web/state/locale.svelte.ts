/** The UI language (zh-CN by default), remembered in localStorage. */
import { type Language, languages, type MessageKey, type Params, translate } from '../i18n';

const storageKey = 'fireatlas.lang';

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(storageKey);
  return languages.find((l) => l === stored) ?? 'zh-CN';
}

export class Locale {
  lang = $state<Language>(initialLanguage());

  /** Bound so components can pass `t` around; reading `lang` makes every caller reactive. */
  t = (key: MessageKey, params?: Params): string => translate(this.lang, key, params);

  set(lang: Language): void {
    this.lang = lang;
    globalThis.localStorage?.setItem(storageKey, lang);
  }
}
