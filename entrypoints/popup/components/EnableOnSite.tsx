import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';

interface EnableOnSiteProps {
  tabId: number;
  origin: string;
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
}

/**
 * For call pages the extension does not know (self-hosted Jitsi, other tools): asks for the
 * origin's optional host permission and records it in `enabledOrigins`, which the background
 * turns into a registered content script.
 */
export function EnableOnSite({ tabId, origin, settings, save }: EnableOnSiteProps) {
  const pattern = `${origin}/*`;
  const [granted, setGranted] = useState<boolean | null>(null);
  const [justEnabled, setJustEnabled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listed = settings.enabledOrigins.includes(origin);

  useEffect(() => {
    browser.permissions.contains({ origins: [pattern] }).then(setGranted, () => setGranted(false));
  }, [pattern]);

  const enable = async () => {
    setError(null);
    try {
      // Must be the first await: Chrome only shows the prompt inside the click's user gesture.
      const ok = await browser.permissions.request({ origins: [pattern] });
      setGranted(ok);
      if (!ok) {
        setError(t('popup.site.notGranted'));
        return;
      }
      await save({ enabledOrigins: [...settings.enabledOrigins.filter((o) => o !== origin), origin] });
      setJustEnabled(true);
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };

  const disable = async () => {
    setError(null);
    try {
      await save({ enabledOrigins: settings.enabledOrigins.filter((o) => o !== origin) });
      await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
      setGranted(false);
      setJustEnabled(false);
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };

  const enabled = listed && granted === true;
  const host = new URL(origin).host;

  return (
    <section class="card stack" data-testid="enable-site" data-enabled={String(enabled)}>
      {enabled ? (
        <>
          <div class="spread">
            <span>
              <span class="ok-text" aria-hidden="true">●</span> {t('popup.site.enabledOn', { host })}
            </span>
            <button type="button" class="link small" onClick={disable} data-testid="disable-site-button">
              {t('popup.site.disable')}
            </button>
          </div>
          {justEnabled && (
            <div class="spread small">
              <span class="muted">{t('popup.site.reloadToStart')}</span>
              <button type="button" onClick={() => browser.tabs.reload(tabId)}>
                {t('popup.site.reload')}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p class="small muted">{t('popup.site.unknown', { host })}</p>
          <button type="button" class="primary" onClick={enable} disabled={granted === null} data-testid="enable-site-button">
            {t('popup.site.enable')}
          </button>
        </>
      )}
      {error && <p class="small danger-text" role="alert">{error}</p>}
    </section>
  );
}
