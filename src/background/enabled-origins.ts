import { browser } from 'wxt/browser';

const SCRIPT_IDS = ['eo-media-tap', 'eo-call'];

/**
 * Runs the call content scripts on the pages the user enabled from the popup. Each origin needs
 * its optional host permission; origins without it are skipped, never prompted for here.
 */
export async function syncEnabledOrigins(origins: string[]): Promise<void> {
  const granted: string[] = [];
  for (const origin of origins) {
    const pattern = `${origin}/*`;
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPT_IDS });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (!granted.length) return;
  await browser.scripting.registerContentScripts([
    { id: 'eo-media-tap', js: ['content-scripts/media-tap.js'], matches: granted, runAt: 'document_start', world: 'MAIN', persistAcrossSessions: true },
    { id: 'eo-call', js: ['content-scripts/call.js'], matches: granted, runAt: 'document_start', persistAcrossSessions: true },
  ]);
}
