/** The console's language context; the messages themselves are in messages/, gathered by messages.ts. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translator, type Lang, type Translate } from './messages';

export * from './messages';

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'ar', t: translator('ar'), setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
