import { useEffect, useRef, useState } from 'preact/hooks';
import type { Meeting } from '../../../src/core/types';
import { MEETING_TITLE_MAX } from '../../../src/storage/marker';
import { renameMeeting } from '../../../src/storage/meetings';
import { t } from '../../../src/ui/i18n';
import { siteLabel } from '../site-label';

interface Props {
  meeting: Meeting;
  onRenamed: (meeting: Meeting) => void;
  /** The heading element the name shows in (h1 on the report, h2 in the popup). */
  as?: 'h1' | 'h2';
}

/** The meeting's name as a heading, with "Rename": an inline field, Enter saves, Escape cancels. */
export function RenameMeeting({ meeting, onRenamed, as: Heading = 'h2' }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(meeting.title);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const stop = () => {
    setEditing(false);
    setTimeout(() => opener.current?.focus(), 0);
  };

  const save = async () => {
    try {
      const renamed = await renameMeeting(meeting.id, name);
      if (renamed) onRenamed(renamed);
      setError(null);
      stop();
    } catch (e) {
      setError(t('rename.failed', { error: String((e as Error)?.message ?? e) }));
    }
  };

  if (!editing) {
    return (
      <div class="spread">
        <Heading class="meeting-title" data-testid="meeting-name">
          {meeting.title || siteLabel(meeting.site)}
        </Heading>
        <button
          ref={opener}
          type="button"
          class="link small no-print"
          onClick={() => {
            setName(meeting.title);
            setEditing(true);
          }}
          data-testid="rename-open"
        >
          {t('rename.button')}
        </button>
      </div>
    );
  }
  return (
    <form
      class="stack small"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label class="stack" style={{ gap: '4px' }}>
        <span>{t('rename.label')}</span>
        <input
          ref={input}
          type="text"
          maxLength={MEETING_TITLE_MAX}
          value={name}
          placeholder={siteLabel(meeting.site)}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), stop())}
          data-testid="rename-input"
        />
      </label>
      <div class="row">
        <button type="submit" class="primary" data-testid="rename-save">
          {t('rename.save')}
        </button>
        <button type="button" onClick={stop}>
          {t('rename.cancel')}
        </button>
      </div>
      {error && <p class="danger-text" role="alert">{error}</p>}
    </form>
  );
}
