import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Meeting, MeetingSubject, Sample } from '../../src/core/types';
import { summarizeSubject } from '../../src/export/summary';
import { deleteMarker, getMarkers, getMeeting, getSamples, getSubjects } from '../../src/storage/meetings';
import type { MeetingMarker } from '../../src/storage/marker';
import { extensionPageUrl } from '../../src/ui/extension-url';
import { MarkerList, markerOffset } from '../popup/components/MarkerList';
import { RenameMeeting } from '../popup/components/RenameMeeting';
import { chartMarkers } from './components/marker-plugin';
import { formatDateTime, formatDuration } from '../../src/ui/format';
import { t } from '../../src/ui/i18n';
import { remarkText } from '../../src/ui/report-remark';
import { subjectName } from '../../src/ui/subject-name';
import { SummaryNumbers } from '../popup/components/SummaryNumbers';
import { siteLabel } from '../popup/site-label';
import { AffectChart } from './components/AffectChart';
import { Histogram } from './components/Histogram';
import { SubjectTimeline } from './components/SubjectTimeline';

interface Loaded {
  meeting: Meeting | null;
  subjects: MeetingSubject[];
  samples: Sample[];
  markers: MeetingMarker[];
}

/** One meeting's report: per person the remark, the histogram, the timelines and the figures; printable. */
export function ReportApp({ meetingId }: { meetingId: string | null }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!meetingId) return;
    Promise.all([getMeeting(meetingId), getSubjects(meetingId), getSamples(meetingId), getMarkers(meetingId)])
      .then(([meeting, subjects, samples, markers]) => setData({ meeting, subjects, samples, markers }))
      .catch((e) => setError(String(e?.message ?? e)));
  }, [meetingId]);

  const people = useMemo(() => {
    if (!data?.meeting) return [];
    return data.subjects.map((subject) => {
      const samples = data.samples.filter((s) => s.subjectId === subject.id);
      return { subject, samples, summary: summarizeSubject(data.meeting!, samples) };
    });
  }, [data]);

  const markers = useMemo(() => (data?.meeting ? chartMarkers(data.markers.map((m) => ({ x: markerOffset(m, data.meeting!.startedAt), note: m.note }))) : []), [data]);

  useEffect(() => {
    if (data?.meeting) document.title = `${t('report.title')} — ${data.meeting.title || siteLabel(data.meeting.site)}`;
  }, [data]);

  if (!meetingId) return <Shell><p class="muted">{t('report.noId')}</p></Shell>;
  if (error) return <Shell><p class="danger-text" role="alert">{error}</p></Shell>;
  if (!data) return <Shell><p class="muted">{t('report.loading')}</p></Shell>;
  if (!data.meeting) return <Shell><p class="muted" data-testid="report-missing">{t('report.missing')}</p></Shell>;

  const { meeting } = data;
  const fileName = `meeting-${meeting.id.slice(0, 8)}`;
  return (
    <Shell>
      <header class="stack report-head">
        <div class="spread">
          <RenameMeeting as="h1" meeting={meeting} onRenamed={(renamed) => setData({ ...data, meeting: renamed })} />
          <div class="row no-print">
            <a class="button" href={extensionPageUrl('/report.html?view=trends')} data-testid="open-trends">
              {t('trends.open')}
            </a>
            <button type="button" onClick={() => window.print()} data-testid="report-print">
              {t('report.print')}
            </button>
          </div>
        </div>
        <p class="muted">
          {t('report.title')} · {siteLabel(meeting.site)} · {t('report.started', { date: formatDateTime(meeting.startedAt) })} ·{' '}
          {formatDuration((Math.max(meeting.lastSampleAt, meeting.endedAt ?? 0) - meeting.startedAt) / 1000)}
        </p>
        {meeting.othersAnalysed && <p class="danger-text">{t('popup.detail.othersAnalysed')}</p>}
        <p class="notice-line">{t('common.notFeelings')}</p>
        {data.markers.length > 0 && (
          <div class="card stack">
            <MarkerList
              markers={data.markers}
              startedAt={meeting.startedAt}
              explanation={t('marker.reportExplain')}
              onDelete={(m) => void deleteMarker(m.meetingId, m.t).then(() => setData({ ...data, markers: data.markers.filter((x) => x.t !== m.t) }))}
            />
          </div>
        )}
      </header>
      {people.length === 0 && <p class="muted">{t('popup.detail.noReadings')}</p>}
      <div class={people.length > 1 ? 'people people--many' : 'people'}>
        {people.map(({ subject, samples, summary }) => {
          const name = subjectName(subject);
          const slug = `${fileName}-${subject.id.replace(/[^a-z0-9-]/gi, '').slice(0, 24) || 'subject'}`;
          return (
            <section key={subject.id} class="card stack person" data-testid="report-subject" data-subject-id={subject.id} aria-labelledby={`name-${slug}`}>
              <h2 id={`name-${slug}`}>{name}</h2>
              <p class="remark" data-testid="report-remark">
                {remarkText(summary, meeting.startedAt)}
              </p>
              <h3 title={t('report.histogramExplain')}>{t('report.histogram')}</h3>
              <p class="small muted">{t('report.histogramExplain')}</p>
              <Histogram summary={summary} name={name} />
              <h3>{t('report.timelines')}</h3>
              <p class="small muted">{t('report.timelineExplain')}</p>
              <SubjectTimeline samples={samples} startedAt={meeting.startedAt} name={name} fileName={slug} markers={markers} />
              <h3>{t('report.affect')}</h3>
              <p class="small muted">{t('report.affectExplain')}</p>
              <AffectChart samples={samples} startedAt={meeting.startedAt} name={name} fileName={slug} markers={markers} />
              <h3>{t('report.figures')}</h3>
              <SummaryNumbers summary={summary} showShares={false} />
            </section>
          );
        })}
      </div>
      <footer class="small muted">{t('common.onDevice')}</footer>
    </Shell>
  );
}

function Shell({ children }: { children: preact.ComponentChildren }) {
  return <main class="report stack">{children}</main>;
}
