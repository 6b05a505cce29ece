import { useEffect } from 'preact/hooks';
import { useSettings } from '../../src/ui/useSettings';
import { EMOTIONS } from '../../src/core/emotions';
import { EMOTION_STYLE } from '../../src/ui/emotion-style';
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
        <h1>Emotion Overlay</h1>
        <p class="lead">
          Estimates the expression on your face and in your voice during video calls, and shows it in a small badge on the
          call page.
        </p>
        <p class="emotions" aria-label="Expressions it recognises">
          {EMOTIONS.map((e) => (
            <span key={e} class="chip" style={{ borderColor: EMOTION_STYLE[e].color }}>
              {EMOTION_STYLE[e].emoji} {EMOTION_STYLE[e].label}
            </span>
          ))}
        </p>
      </header>

      <section class="card stack" aria-labelledby="what-title">
        <h2 id="what-title">What is analysed</h2>
        <ul>
          <li>
            <strong>Your face</strong> from your camera and <strong>your voice</strong> from your microphone, while you are in a
            call on Google Meet, Zoom, Teams, Jitsi, Whereby, or a site you enable.
          </li>
          <li>
            By default <strong>only you</strong>. Analysing other participants is a separate opt-in below, with obligations.
          </li>
          <li>Each call’s readings are kept in a history you can view, export as JSON or CSV, and delete from the popup.</li>
          <li>Expression estimates are rough guesses, not a reading of feelings.</li>
        </ul>
      </section>

      <section class="card stack privacy" aria-labelledby="privacy-title">
        <h2 id="privacy-title">Nothing leaves your device</h2>
        <p>
          The models run locally inside the extension. There is no server, no account, no analytics or telemetry, and no
          network request with your video, audio or results. History stays in this browser profile until you delete it or
          it expires.
        </p>
      </section>

      <MediaAccess />

      <section class="card stack" id="settings" aria-labelledby="settings-title">
        <div class="spread">
          <h2 id="settings-title">Settings</h2>
          <span class="small muted">Changes are saved immediately.</span>
        </div>
        {error && (
          <p class="danger-text small" role="alert">
            Could not save settings: {error}
          </p>
        )}
        {settings ? <SettingsForm settings={settings} save={save} /> : !error && <p class="muted small">Loading…</p>}
      </section>

      <PermissionList />
    </main>
  );
}
