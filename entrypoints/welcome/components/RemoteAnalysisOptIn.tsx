import { useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import { REMOTE_DISCLOSURE_PARAGRAPHS } from '../../../src/ui/disclosure';
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
          <strong>Analyse other participants</strong>
          <span class="muted small block">
            {blockedReason ?? 'Off by default. Only your own face, voice and words are analysed otherwise.'}
          </span>
        </span>
      </label>

      {value.enabled && value.disclosureAcceptedAt !== null && (
        <p class="small danger-text">
          On — disclosure accepted {formatDateTime(value.disclosureAcceptedAt)}. The badge shows a red indicator on every
          analysed call.
        </p>
      )}

      {reviewing && !value.enabled && (
        <div class="notice stack" role="region" aria-label="Disclosure" data-testid="remote-disclosure">
          {REMOTE_DISCLOSURE_PARAGRAPHS.map((text) => (
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
            I have read this. I will inform everyone I analyse, and I will not use it at work or in education.
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
              Enable analysis of others
            </button>
            <button type="button" onClick={() => setReviewing(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
