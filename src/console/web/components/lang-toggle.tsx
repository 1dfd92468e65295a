/** Switches the whole console between Arabic (RTL) and English (LTR). */
import { useI18n } from '../i18n';

export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      class="btn btn-ghost lang-toggle"
      lang={lang === 'ar' ? 'en' : 'ar'}
      aria-label={t('langToggleLabel')}
      onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}
    >
      {t('langToggle')}
    </button>
  );
}
