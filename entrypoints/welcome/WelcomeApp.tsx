import { useEffect } from 'preact/hooks';
import { useSettings } from '../../src/ui/useSettings';
import { EMOTIONS } from '../../src/core/emotions';
import { EMOTION_STYLE } from '../../src/ui/emotion-style';
import { t } from '../../src/ui/i18n';
import { emotionLabel } from '../../src/ui/wording';
import { MediaAccess } from './components/MediaAccess';
import { PermissionList } from './components/PermissionList';
import { SettingsForm } from './components/SettingsForm';

/** Onboarding and settings page, opened by the background on install and from the popup. */
export function WelcomeApp() {
  const { settings, save, error } = useSettings();
  const settingsLoaded = settings !== null;

  // The popup links to #settings; the section only exists once rendered, after the browser's own jump.
  useEffect(() => {
    if (settingsLoaded && location.hash === '#settings') document.getElementById('settings')?.scrollIntoView();
  }, [settingsLoaded]);

  return (
    <main class="welcome stack">
      <header class="stack">
        <h1>{t('extName')}</h1>
        <p class="lead">{t('welcome.lead')}</p>
        <p class="emotions" role="group" aria-label={t('welcome.emotionsLabel')}>
          {EMOTIONS.map((e) => (
            <span key={e} class="chip" style={{ borderColor: EMOTION_STYLE[e].color }}>
              <span aria-hidden="true">{EMOTION_STYLE[e].emoji}</span> {emotionLabel(e)}
            </span>
          ))}
        </p>
      </header>

      <section class="card stack" aria-labelledby="what-title">
        <h2 id="what-title">{t('welcome.whatTitle')}</h2>
        <ul>
          <li>{t('welcome.whatFaceVoice')}</li>
          <li>{t('welcome.whatOnlyYou')}</li>
          <li>{t('welcome.whatHistory')}</li>
          <li>
            <strong>{t('welcome.whatRough')}</strong>
          </li>
        </ul>
      </section>

      <section class="card stack privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('welcome.privacyTitle')}</h2>
        <p>{t('welcome.privacyText')}</p>
      </section>

      <MediaAccess />

      <section class="card stack" id="settings" aria-labelledby="settings-title">
        <div class="spread">
          <h2 id="settings-title">{t('welcome.settingsTitle')}</h2>
          <span class="small muted">{t('welcome.savedImmediately')}</span>
        </div>
        {error && (
          <p class="danger-text small" role="alert">
            {t('welcome.settingsError', { error })}
          </p>
        )}
        {settings ? <SettingsForm settings={settings} save={save} /> : !error && <p class="muted small">{t('common.loading')}</p>}
      </section>

      <PermissionList />
    </main>
  );
}
