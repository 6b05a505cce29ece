import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Settings } from '../../../src/settings/schema';
import type { Meeting, MeetingSubject, Sample } from '../../../src/core/types';
import { deleteMarker, getMarkers, getMeeting, getSamples, getSubjects, getUtterances } from '../../../src/storage/meetings';
import type { MeetingMarker } from '../../../src/storage/marker';
import { MarkerList } from './MarkerList';
import { RenameMeeting } from './RenameMeeting';
import type { StoredUtterance } from '../../../src/engine/engine-host';
import { summarizeSubject, type MeetingSummary } from '../../../src/export/summary';
import { formatDateTime } from '../../../src/ui/format';
import { extensionPageUrl } from '../../../src/ui/extension-url';
import { t } from '../../../src/ui/i18n';
import { subjectName } from '../../../src/ui/subject-name';
import { browser } from 'wxt/browser';
import { ConfirmButton } from './ConfirmButton';
import { ExportControls } from './ExportControls';
import { SummaryNumbers } from './SummaryNumbers';
import { TimelineChart } from './TimelineChart';
import { siteLabel } from '../site-label';
import { RecordingsPanel } from '../../../src/files/recording/RecordingsPanel';

interface MeetingDetailProps {
  meetingId: string;
  settings: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
  onBack: () => void;
  onDelete: (id: string) => Promise<void>;
}

/** One meeting: a timeline and summary per person, the report link, export and delete. */
export function MeetingDetail({ meetingId, settings, save, onBack, onDelete }: MeetingDetailProps) {
  const [data, setData] = useState<{ meeting: Meeting | null; subjects: MeetingSubject[]; samples: Sample[]; utterances: StoredUtterance[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [markers, setMarkers] = useState<MeetingMarker[]>([]);
  const [renamed, setRenamed] = useState<Meeting | null>(null);

  useEffect(() => {
    let cancelled = false;
    getMarkers(meetingId).then((m) => !cancelled && setMarkers(m), () => undefined);
    Promise.all([getMeeting(meetingId), getSubjects(meetingId), getSamples(meetingId), getUtterances(meetingId)])
      .then(([meeting, subjects, samples, utterances]) => !cancelled && setData({ meeting, subjects, samples, utterances }))
      .catch((e) => !cancelled && setError(String(e?.message ?? e)));
    return () => {
      cancelled = true;
    };
  }, [meetingId]);

  /** One block per subject: the user first, then the others in the order they appeared. */
  const perSubject = useMemo(() => {
    if (!data?.meeting) return null;
    return data.subjects.map((subject) => {
      const samples = data.samples.filter((s) => s.subjectId === subject.id);
      return { subject, samples, summary: summarizeSubject(data.meeting!, samples) as MeetingSummary };
    });
  }, [data]);

  const back = (
    <button type="button" class="link small" onClick={onBack} data-testid="detail-back">
      {t('popup.detail.back')}
    </button>
  );

  if (error) return <section class="card stack">{back}<p class="danger-text small" role="alert">{error}</p></section>;
  if (!data) return <section class="card stack">{back}<p class="muted small">{t('common.loading')}</p></section>;
  if (!data.meeting || !perSubject) return <section class="card stack">{back}<p class="muted small">{t('popup.detail.gone')}</p></section>;

  const { samples } = data;
  const meeting = renamed ?? data.meeting;
  return (
    <section class="card stack" data-testid="meeting-detail" data-meeting-id={meeting.id}>
      {back}
      <div>
        <RenameMeeting meeting={meeting} onRenamed={setRenamed} />
        <p class="small muted">
          {siteLabel(meeting.site)} · {formatDateTime(meeting.startedAt)}
          {meeting.endedAt === null && ` · ${t('popup.detail.notEnded')}`}
        </p>
        {meeting.othersAnalysed && <p class="small danger-text">{t('popup.detail.othersAnalysed')}</p>}
        <button
          type="button"
          class="link small"
          data-testid="open-report"
          onClick={() => {
            void browser.tabs.create({ url: extensionPageUrl(`/report.html?meeting=${encodeURIComponent(meeting.id)}`) });
            window.close();
          }}
        >
          {t('popup.detail.openReport')}
        </button>
      </div>
      {perSubject.length === 0 && <p class="small muted">{t('popup.detail.noReadings')}</p>}
      {perSubject.map(({ subject, samples: own, summary }) => (
        <div class="stack" key={subject.id} data-testid="subject-block" data-subject-id={subject.id}>
          {perSubject.length > 1 && <h3 class="subject-name">{subjectName(subject)}</h3>}
          <TimelineChart samples={own} name={subjectName(subject)} />
          <SummaryNumbers summary={summary} />
        </div>
      ))}
      <RecordingsPanel meetingId={meeting.id} subjects={data.subjects} samples={samples} />
      <MarkerList
        markers={markers}
        startedAt={meeting.startedAt}
        onDelete={(m) => void deleteMarker(m.meetingId, m.t).then(() => setMarkers((all) => all.filter((x) => x.t !== m.t)))}
      />
      <ExportControls
        meeting={meeting}
        markers={markers}
        subjects={data.subjects}
        samples={samples}
        utterances={data.utterances}
        include={settings.exportInclude}
        onIncludeChange={(exportInclude) => void save({ exportInclude })}
        pseudonyms={settings.exportPseudonyms}
        onPseudonymsChange={(exportPseudonyms) => void save({ exportPseudonyms })}
      />
      <div>
        <ConfirmButton question={t('popup.detail.deleteQuestion')} confirmLabel={t('popup.detail.deleteConfirm')} onConfirm={() => onDelete(meeting.id)} testId="delete-meeting">
          {t('popup.detail.delete')}
        </ConfirmButton>
      </div>
    </section>
  );
}
