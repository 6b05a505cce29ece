import { t } from './i18n';

/**
 * Sets `<html lang>` and the title to the language the browser picked for the extension's
 * messages, so screen readers read a Spanish page as Spanish.
 */
export function setDocumentLanguage(title?: string): void {
  const lang = t('@@ui_locale').replace('_', '-');
  if (lang) document.documentElement.lang = lang;
  if (title) document.title = title;
}
