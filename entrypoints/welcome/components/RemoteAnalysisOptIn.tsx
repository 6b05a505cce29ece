import { useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import { remoteDisclosureParagraphs } from '../../../src/ui/disclosure';
import { t } from '../../../src/ui/i18n';
import { EU_WORKPLACE_EDUCATION_BLOCK } from '../../../src/background/others-policy';
import { formatDateTime } from '../../../src/ui/format';

interface RemoteAnalysisOptInProps {
  value: Settings['remoteAnalysis'];
  /** Why others may not be analysed in the user's region and setting, or null. */
  blockedReason: string | null;
  onChange: (value: Settings['remoteAnalysis']) => void;
}

/**
 * Opt-in to analysing other participants. Off by default; turning it on shows the disclosure,
 * which must be accepted each time it is enabled (the acceptance time is stored).
 */
export function RemoteAnalysisOptIn({ value, blockedReason, onChange }: RemoteAnalysisOptInProps) {
  const [reviewing, setReviewing] = useState(false);
  const [accepted, setAccepted] = useState(false);

  const toggle = (checked: boolean) => {
    if (checked) {
      setAccepted(false);
      setReviewing(true);
    } else {
      setReviewing(false);
      onChange({ enabled: false, disclosureAcceptedAt: value.disclosureAcceptedAt });
    }
  };

  return (
    <div class="stack" data-testid="setting-remote-block">
      <label class="setting-toggle">
        <input
          type="checkbox"
          checked={value.enabled || reviewing}
          disabled={blockedReason !== null && !value.enabled}
          onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)}
          data-testid="setting-remote"
        />
        <span>
          <strong>{t('welcome.remote.title')}</strong>
          <span class="muted small block">
            {blockedReason === null ? t('welcome.remote.offByDefault') : blockedReason === EU_WORKPLACE_EDUCATION_BLOCK ? t('welcome.context.blocked') : t('welcome.context.needContext')}
          </span>
        </span>
      </label>

      {value.enabled && value.disclosureAcceptedAt !== null && (
        <p class="small danger-text">
          {t('welcome.remote.onSince', { date: formatDateTime(value.disclosureAcceptedAt) })}
        </p>
      )}

      {reviewing && !value.enabled && (
        <div class="notice stack" role="region" aria-label={t('welcome.remote.disclosure')} data-testid="remote-disclosure">
          {remoteDisclosureParagraphs().map((text) => (
            <p key={text} class="small">
              {text}
            </p>
          ))}
          <label class="row small">
            <input
              type="checkbox"
              checked={accepted}
              onChange={(e) => setAccepted((e.currentTarget as HTMLInputElement).checked)}
              data-testid="remote-accept"
            />
            {t('welcome.remote.accept')}
          </label>
          <div class="row">
            <button
              type="button"
              class="danger solid"
              disabled={!accepted}
              data-testid="remote-enable"
              onClick={() => {
                onChange({ enabled: true, disclosureAcceptedAt: Date.now() });
                setReviewing(false);
              }}
            >
              {t('welcome.remote.enable')}
            </button>
            <button type="button" onClick={() => setReviewing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
