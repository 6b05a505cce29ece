import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Meeting } from '../../src/core/types';
import { getActiveCall } from '../../src/background/call-registry';
import { deleteAllMeetings, deleteMeeting, listMeetings } from '../../src/storage/meetings';
import { enableableOrigin, isKnownMeetingUrl } from '../../src/ui/match-pattern';
import { extensionPageUrl } from '../../src/ui/extension-url';
import { t } from '../../src/ui/i18n';
import { useSettings } from '../../src/ui/useSettings';
import { BadgeControls } from './components/BadgeControls';
import { ClassView } from './components/ClassView';
import { EnableOnSite } from './components/EnableOnSite';
import { HistoryList } from './components/HistoryList';
import { LiveState } from './components/LiveState';
import { MeetingDetail } from './components/MeetingDetail';
import { ParticipantsControl } from './components/ParticipantsControl';
import { RecordControl } from './components/RecordControl';
import { MarkerControl } from './components/MarkerControl';
import { BuiltInSiteSwitch } from './components/BuiltInSiteSwitch';
import { HistoryActions } from './components/HistoryActions';
import { adapterFor } from '../../src/sites';
import { isSwitchableSite } from '../../src/settings/schema';
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
      setHistoryError(t('popup.historyError', { error: String((e as Error)?.message ?? e) }));
    }
  }, []);
  useEffect(() => void reloadHistory(), [reloadHistory]);
  // the call being analysed now, perhaps in another tab: its history row is marked "in progress"
  const [activeMeetingId, setActiveMeetingId] = useState<string | null>(null);
  useEffect(() => void getActiveCall().then((call) => setActiveMeetingId(call?.meetingId ?? null), () => undefined), []);

  const origin = enableableOrigin(tab?.url);
  const listedOrigin = origin !== null && (settings?.enabledOrigins.includes(origin) ?? false);
  // The per-site switch: offered on pages the extension does not know, and kept during a call there so it can be turned off.
  const offerSite = tab?.id !== undefined && origin !== null && !isKnownMeetingUrl(tab.url!) && (!live.reading || listedOrigin);
  // the on/off switch of a built-in meeting site (Meet, Zoom, Teams, Jitsi, Whereby)
  const builtInSite = tab?.url && origin !== null && isKnownMeetingUrl(tab.url) ? adapterFor(tab.url).id : null;
  const others = live.reading?.subjects.filter((s) => s.subject.kind !== 'self') ?? [];

  const openWelcome = (section: '' | '#settings') => {
    void browser.tabs.create({ url: extensionPageUrl(`/welcome.html${section}`) });
    window.close();
  };

  return (
    <main class="popup stack">
      <header class="spread">
        <h1>{t('extName')}</h1>
        <button type="button" class="link small" onClick={() => void browser.tabs.create({ url: extensionPageUrl('/analyse.html') }).then(() => window.close())} data-testid="open-analyse">
          {t('popup.analyseFile')}
        </button>
        <button type="button" class="link small" onClick={() => openWelcome('#settings')} data-testid="open-settings">
          {t('popup.settings')}
        </button>
      </header>

      {settingsError && <p class="small danger-text" role="alert">{t('popup.settingsError', { error: settingsError })}</p>}

      {openMeetingId && settings ? (
        <MeetingDetail
          meetingId={openMeetingId}
          settings={settings}
          save={save}
          onBack={() => {
            setOpenMeetingId(null);
            // a rename or a marker shows in the list at once
            void reloadHistory();
          }}
          onDelete={async (id) => {
            await deleteMeeting(id);
            setOpenMeetingId(null);
            await reloadHistory();
          }}
        />
      ) : (
        <>
          <LiveState reading={live.reading} loaded={live.loaded} error={live.error} onTogglePause={live.togglePause} onOpenWelcome={() => openWelcome('')} brief={others.length > 0} />
          {live.reading && others.length > 0 && <ClassView reading={live.reading} />}
          {live.reading && tab?.id !== undefined && <MarkerControl tabId={tab.id} />}
          {settings && <BadgeControls settings={settings} save={save} />}
          {live.reading && settings && tab?.id !== undefined && (
            <ParticipantsControl tabId={tab.id} othersAnalysed={others.length > 0} settings={settings} onOpenSettings={() => openWelcome('#settings')} />
          )}
          {live.reading && tab?.id !== undefined && <RecordControl tabId={tab.id} reading={live.reading} />}
          {settings && builtInSite && isSwitchableSite(builtInSite) && <BuiltInSiteSwitch site={builtInSite} settings={settings} save={save} />}
          {offerSite && settings && <EnableOnSite tabId={tab!.id!} origin={origin!} settings={settings} save={save} />}
          <HistoryList
            meetings={meetings}
            liveMeetingId={live.reading?.meetingId ?? activeMeetingId}
            error={historyError}
            onOpen={setOpenMeetingId}
            onDeleteAll={async () => {
              await deleteAllMeetings();
              // Not re-read: opening the database would create it again, and the browser removes an
              // origin's database files only once it holds no database at all.
              setMeetings([]);
            }}
          />
          {settings && <HistoryActions settings={settings} count={meetings?.length ?? 0} />}
        </>
      )}

      <footer class="small muted">{t('common.onDevice')}</footer>
    </main>
  );
}
