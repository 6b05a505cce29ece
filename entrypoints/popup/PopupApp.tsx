import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Meeting } from '../../src/core/types';
import { deleteAllMeetings, deleteMeeting, listMeetings } from '../../src/storage/meetings';
import { enableableOrigin, isKnownMeetingUrl } from '../../src/ui/match-pattern';
import { extensionPageUrl } from '../../src/ui/extension-url';
import { useSettings } from '../../src/ui/useSettings';
import { EnableOnSite } from './components/EnableOnSite';
import { HistoryList } from './components/HistoryList';
import { LiveState } from './components/LiveState';
import { MeetingDetail } from './components/MeetingDetail';
import { ParticipantsControl } from './components/ParticipantsControl';
import { useActiveTab } from './hooks/useActiveTab';
import { useLiveReading } from './hooks/useLiveReading';

/** The action popup: the current tab's call on top, stored meetings below (or one meeting's detail). */
export function PopupApp() {
  const tab = useActiveTab();
  const live = useLiveReading(tab?.id);
  const { settings, save, error: settingsError } = useSettings();
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [openMeetingId, setOpenMeetingId] = useState<string | null>(null);

  const reloadHistory = useCallback(async () => {
    try {
      setMeetings(await listMeetings());
      setHistoryError(null);
    } catch (e) {
      setHistoryError(`Could not read the history: ${String((e as Error)?.message ?? e)}`);
    }
  }, []);
  useEffect(() => void reloadHistory(), [reloadHistory]);

  const origin = enableableOrigin(tab?.url);
  const offerEnable = tab?.id !== undefined && origin !== null && !isKnownMeetingUrl(tab.url!) && !live.reading;

  const openWelcome = (section: '' | '#settings') => {
    void browser.tabs.create({ url: extensionPageUrl(`/welcome.html${section}`) });
    window.close();
  };

  return (
    <main class="popup stack">
      <header class="spread">
        <h1>Emotion Overlay</h1>
        <button type="button" class="link small" onClick={() => void browser.tabs.create({ url: extensionPageUrl('/analyse.html') }).then(() => window.close())} data-testid="open-analyse">
          Analyse a file…
        </button>
        <button type="button" class="link small" onClick={() => openWelcome('#settings')} data-testid="open-settings">
          Settings
        </button>
      </header>

      {settingsError && <p class="small danger-text" role="alert">Settings: {settingsError}</p>}

      {openMeetingId && settings ? (
        <MeetingDetail
          meetingId={openMeetingId}
          settings={settings}
          save={save}
          onBack={() => setOpenMeetingId(null)}
          onDelete={async (id) => {
            await deleteMeeting(id);
            setOpenMeetingId(null);
            await reloadHistory();
          }}
        />
      ) : (
        <>
          <LiveState reading={live.reading} loaded={live.loaded} error={live.error} onTogglePause={live.togglePause} onOpenWelcome={() => openWelcome('')} />
          {live.reading && settings && tab?.id !== undefined && (
            <ParticipantsControl
              tabId={tab.id}
              othersAnalysed={live.reading.subjects.some((s) => s.subject.kind !== 'self')}
              settings={settings}
              onOpenSettings={() => openWelcome('#settings')}
            />
          )}
          {offerEnable && settings && <EnableOnSite tabId={tab!.id!} origin={origin!} settings={settings} save={save} />}
          <HistoryList
            meetings={meetings}
            error={historyError}
            onOpen={setOpenMeetingId}
            onDeleteAll={async () => {
              await deleteAllMeetings();
              // Not re-read: opening the database would create it again, and the browser removes an
              // origin's database files only once it holds no database at all.
              setMeetings([]);
            }}
          />
        </>
      )}

      <footer class="small muted">Everything is analysed and stored on this device only.</footer>
    </main>
  );
}
