import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Settings } from '../../../src/settings/schema';
import { exportAllZip } from '../../../src/export/export-all';
import { allMeetingRecords } from '../../../src/storage/meeting-records';
import { extensionPageUrl } from '../../../src/ui/extension-url';
import { t } from '../../../src/ui/i18n';
import { downloadBytes } from '../download';

const pad = (n: number) => String(n).padStart(2, '0');

/** `emotion-overlay_all_2026-11-22.zip`, in local time. */
export function exportAllName(now = new Date()): string {
  return `emotion-overlay_all_${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.zip`;
}

/** Across meetings: the trends view, and every meeting as JSON and CSV in one ZIP (the export choices apply). */
export function HistoryActions({ settings, count }: { settings: Settings; count: number }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { face, voice, text, fused } = settings.exportInclude;
  const nothingSelected = !face && !voice && !text && !fused;

  const exportAll = async () => {
    setBusy(true);
    setStatus({ ok: true, text: t('exportAll.working') });
    try {
      const records = await allMeetingRecords();
      if (records.length === 0) {
        setStatus({ ok: false, text: t('exportAll.empty') });
        return;
      }
      downloadBytes(exportAllZip(records, { include: settings.exportInclude, pseudonyms: settings.exportPseudonyms }), exportAllName(), 'application/zip');
      setStatus({ ok: true, text: t('exportAll.done', { count: String(records.length) }) });
    } catch (e) {
      setStatus({ ok: false, text: t('exportAll.failed', { error: String((e as Error)?.message ?? e) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="stack small" data-testid="history-actions">
      <div class="row wrap">
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: extensionPageUrl('/report.html?view=trends') }).then(() => window.close())}
          data-testid="open-trends"
        >
          {t('trends.open')}
        </button>
        <button type="button" onClick={() => void exportAll()} disabled={busy || count === 0 || nothingSelected} title={t('exportAll.explain')} data-testid="export-all">
          {t('exportAll.button')}
        </button>
      </div>
      <p class={status?.ok === false ? 'danger-text' : 'muted'} role="status" data-testid="export-all-status">
        {status?.text ?? (nothingSelected && count > 0 ? t('popup.export.chooseOne') : '')}
      </p>
    </div>
  );
}
