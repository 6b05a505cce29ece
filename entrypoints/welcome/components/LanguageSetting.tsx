import { UI_LANGUAGES, type Settings, type UiLanguage } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';
import { browserLocale } from '../../../src/ui/ui-language';

interface Props {
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

const OWN_NAME: Record<Exclude<UiLanguage, 'auto'>, string> = { en: 'English', es: 'Español' };

/** The UI language: the browser's, or English or Spanish whatever the browser says (pages reload in it). */
export function LanguageSetting({ settings, save }: Props) {
  const browserName = OWN_NAME[browserLocale() as 'en' | 'es'] ?? browserLocale();
  return (
    <fieldset class="stack">
      <legend>{t('language.label')}</legend>
      <label class="row">
        <span class="sr-only">{t('language.label')}</span>
        <select
          value={settings.uiLanguage}
          onChange={(e) => void save({ uiLanguage: (e.currentTarget as HTMLSelectElement).value as UiLanguage })}
          data-testid="setting-language"
        >
          {UI_LANGUAGES.map((lang) => (
            // each language's name in that language, marked so screen readers say it right
            <option key={lang} value={lang} lang={lang === 'auto' ? undefined : lang}>
              {lang === 'auto' ? t('language.auto', { browser: browserName }) : OWN_NAME[lang]}
            </option>
          ))}
        </select>
      </label>
      <p class="small muted">{t('language.explain')}</p>
    </fieldset>
  );
}
