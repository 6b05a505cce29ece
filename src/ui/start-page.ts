/**
 * How every extension page starts: the user's language first (settings.uiLanguage; the browser's
 * by default), then `<html lang>` and the first render. A later change of the language in any
 * context reloads the page, so every string on it switches at once.
 */
import { loadSettings, watchSettings } from '../settings/store';
import { setDocumentLanguage } from './document-language';
import { applyUiLanguage } from './ui-language';

export async function startPage(render: () => void, title?: () => string): Promise<void> {
  const settings = await loadSettings().catch(() => null);
  const language = settings?.uiLanguage ?? 'auto';
  if (settings) await applyUiLanguage(language);
  setDocumentLanguage(title?.());
  render();
  watchSettings((next) => {
    if (next.uiLanguage !== language) location.reload();
  }, new AbortController().signal);
}
