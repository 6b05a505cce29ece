/**
 * The worker's consent checks before a recording (worker-commands.ts), with the extension's storage
 * (wxt's fake browser). The engine's answer is a listener standing in for the offscreen document;
 * the real one is exercised in tests/e2e/record-session.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setActiveCall } from '../../src/background/call-registry';
import { saveSettings } from '../../src/settings/store';
import { startRecordingCommand } from '../../src/files/recording/worker-commands';
import type { Message } from '../../src/messaging/protocol';
import { useLocale } from '../ui/locale-messages';

const call = { tabId: 7, meetingId: 'meeting-1', sessionId: 'session-1', paused: false, othersAnalysed: false };
const popup = { role: 'extension-page' as const };
const badge = (tabId = 7, frameId = 0) => ({ role: 'content' as const, tabId, frameId });
let engineGot: Message[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  await useLocale('es');
  engineGot = [];
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const message = raw as Message;
    engineGot.push(message);
    if (message.type === 'ping') return Promise.resolve({ pong: true, sessionId: 'session-1' });
    if (message.type === 'engine/record-start') return Promise.resolve({ ok: true });
    return undefined;
  });
  await setActiveCall(call);
});

const starts = () => engineGot.filter((m) => m.type === 'engine/record-start');

describe('who may start a recording, of whom', () => {
  it('records the user from the popup or the badge of the call tab, with the overlay words', async () => {
    expect(await startRecordingCommand({ type: 'ui/record-start', tabId: 7 }, popup)).toEqual({ ok: true });
    expect(await startRecordingCommand({ type: 'ui/record-start' }, badge())).toEqual({ ok: true });
    expect(starts()).toHaveLength(2);
    // in the user's language (the engine's document cannot look them up)
    expect(starts()[0]).toMatchObject({ sessionId: 'session-1', subjectId: 'self', labels: { emotions: expect.arrayContaining(['Alegría']) } });
  });

  it('refuses another tab, a sub-frame, and a tab with no call', async () => {
    expect(await startRecordingCommand({ type: 'ui/record-start', tabId: 8 }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/No call/) });
    expect(await startRecordingCommand({ type: 'ui/record-start' }, badge(7, 3))).toMatchObject({ ok: false });
    expect(await startRecordingCommand({ type: 'ui/record-start', tabId: 8 }, badge(7))).toMatchObject({ ok: false });
    expect(await startRecordingCommand({ type: 'ui/record-start' }, popup)).toMatchObject({ ok: false });
    await setActiveCall(null);
    expect(await startRecordingCommand({ type: 'ui/record-start', tabId: 7 }, popup)).toMatchObject({ ok: false });
    expect(starts()).toHaveLength(0);
  });

  it('records another participant only from the popup, opted in for this call, allowed where the user is, and confirmed', async () => {
    const other = { type: 'ui/record-start' as const, tabId: 7, subjectId: 'peer-1' };
    // the user has not said where and in what setting: no
    expect(await startRecordingCommand({ ...other, othersConfirmed: true }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/welcome page/) });
    // an EU workplace: no, as for analysing others
    await saveSettings({ useContext: { region: 'eu', setting: 'workplace' }, remoteAnalysis: { enabled: true, disclosureAcceptedAt: 1 } });
    expect(await startRecordingCommand({ ...other, othersConfirmed: true }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed in workplaces/) });
    // allowed in general, but the others are not analysed in this call
    await saveSettings({ useContext: { region: 'elsewhere', setting: 'personal' } });
    expect(await startRecordingCommand({ ...other, othersConfirmed: true }, popup)).toMatchObject({ ok: false, error: expect.stringMatching(/Turn on analysing/) });
    await setActiveCall({ ...call, othersAnalysed: true });
    // not confirmed that they were told: asks for it
    expect(await startRecordingCommand(other, popup)).toMatchObject({ ok: false, needsConfirm: true });
    // from the badge: never (it has no consent step)
    expect(await startRecordingCommand({ type: 'ui/record-start', subjectId: 'peer-1', othersConfirmed: true }, badge())).toMatchObject({ ok: false });
    expect(starts()).toHaveLength(0);
    expect(await startRecordingCommand({ ...other, othersConfirmed: true }, popup)).toEqual({ ok: true });
    expect(starts()[0]).toMatchObject({ subjectId: 'peer-1' });
  });
});
