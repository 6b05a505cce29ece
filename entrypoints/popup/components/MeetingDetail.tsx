import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import type { Meeting, Sample } from '../../../src/core/types';
import { getMeeting, getSamples } from '../../../src/storage/meetings';
import { summarizeMeeting } from '../../../src/export/summary';
import { formatDateTime } from '../../../src/ui/format';
import { ConfirmButton } from './ConfirmButton';
import { ExportControls } from './ExportControls';
import { SummaryNumbers } from './SummaryNumbers';
import { TimelineChart } from './TimelineChart';
import { siteLabel } from '../site-label';

interface MeetingDetailProps {
  meetingId: string;
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
  onBack: () => void;
  onDelete: (id: string) => Promise<void>;
}

/** One meeting: timeline, summary, export and delete. */
export function MeetingDetail({ meetingId, settings, save, onBack, onDelete }: MeetingDetailProps) {
  const [data, setData] = useState<{ meeting: Meeting | null; samples: Sample[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([getMeeting(meetingId), getSamples(meetingId)])
      .then(([meeting, samples]) => !cancelled && setData({ meeting, samples }))
      .catch((e) => !cancelled && setError(String(e?.message ?? e)));
    return () => {
      cancelled = true;
    };
  }, [meetingId]);

  const summary = useMemo(() => (data?.meeting ? summarizeMeeting(data.meeting, data.samples) : null), [data]);

  const back = (
    <button type="button" class="link small" onClick={onBack}>
      ← All meetings
    </button>
  );

  if (error) return <section class="card stack">{back}<p class="danger-text small" role="alert">{error}</p></section>;
  if (!data) return <section class="card stack">{back}<p class="muted small">Loading…</p></section>;
  if (!data.meeting || !summary) return <section class="card stack">{back}<p class="muted small">This meeting no longer exists.</p></section>;

  const { meeting, samples } = data;
  return (
    <section class="card stack" data-testid="meeting-detail" data-meeting-id={meeting.id}>
      {back}
      <div>
        <h2 class="meeting-title">{meeting.title || siteLabel(meeting.site)}</h2>
        <p class="small muted">
          {siteLabel(meeting.site)} · {formatDateTime(meeting.startedAt)}
          {meeting.endedAt === null && ' · not ended'}
        </p>
        {meeting.subject === 'remote' && <p class="small danger-text">Other participants were analysed.</p>}
      </div>
      <TimelineChart samples={samples} />
      <SummaryNumbers summary={summary} />
      <ExportControls
        meeting={meeting}
        samples={samples}
        include={settings.exportInclude}
        onIncludeChange={(exportInclude) => void save({ exportInclude })}
      />
      <div>
        <ConfirmButton question="Delete this meeting?" confirmLabel="Delete" onConfirm={() => onDelete(meeting.id)} testId="delete-meeting">
          Delete meeting
        </ConfirmButton>
      </div>
    </section>
  );
}
