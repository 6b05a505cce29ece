/**
 * `npm run demo -- --classroom`: the classroom call with two scripted participants (Ana, Ben) in a
 * browser of their own and the user's page, with the extension, in another. Headless, the user's
 * opt-in is given on their behalf (personal use outside the EU, as a demo of scripted people) and
 * each person's reading is printed every second; windowed, the user opts in from the popup.
 */
import { extensionId, extensionWorker, launchWithExtension } from '../../../tests/support/chromium';
import type { SessionReading } from '../../../src/core/types';
import { EMOTIONS } from '../../../src/core/emotions';
import { startClassroomServer } from './server';

export const CLASSROOM_PEOPLE = [
  { name: 'Ana', script: 'happy:12,sad:12', speak: '1:0' },
  { name: 'Ben', script: 'neutral:12,happy2:12', speak: '0:1' },
];

export async function runClassroom(opts: { headless: boolean; fakeMedia: boolean; seconds: number }): Promise<void> {
  const server = await startClassroomServer(Number(process.env.DEMO_PORT ?? 8378));
  const others = await launchWithExtension({ noExtension: true, fakeMedia: false, unmuted: true });
  for (const p of CLASSROOM_PEOPLE) {
    const page = await others.newPage();
    await page.goto(`${server.url}room?room=class&name=${p.name}&camera=script&script=${p.script}&speak=${p.speak}`);
    // one page at a time: a page still starting its scripted camera in a background tab stalls
    await page.waitForFunction('window.classroom', { timeout: 30_000 });
  }
  const user = await launchWithExtension({ headless: opts.headless, fakeMedia: opts.fakeMedia, unmuted: true });
  // a tab of its own, in front (the welcome page opens on install, in the first one's place)
  const call = await user.newPage();
  await call.goto(`${server.url}room?room=class&name=You&camera=device`);
  console.log(`Classroom call at ${server.url}room?room=class with ${CLASSROOM_PEOPLE.map((p) => p.name).join(' and ')}`);
  const stop = async () => {
    await user.close().catch(() => undefined);
    await others.close().catch(() => undefined);
    await server.close();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));

  if (!opts.headless) {
    console.log('Open the extension popup on the call and choose "Also analyse the other participants". Ctrl-C ends the demo.');
    await new Promise<void>((resolve) => user.on('disconnected', () => resolve()));
    await stop();
    return;
  }
  try {
    await watchHeadless();
  } finally {
    await stop();
  }

  async function watchHeadless() {
  const id = await extensionId(user);
  const tiles = () => call.evaluate(`[...document.querySelectorAll('.tile')].map((t) => t.dataset.participant)`) as Promise<string[]>;
  for (let i = 0; (await tiles()).length < CLASSROOM_PEOPLE.length + 1; i++) {
    if (i === 30) throw new Error(`the others did not join the call: tiles ${JSON.stringify(await tiles())}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const sw = await extensionWorker(user);
  console.log('Demo opt-in on your behalf: personal use outside the EU; the participants are scripted demo media.');
  await sw.evaluate(`chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: {
    version: 4, ...(settings ?? {}), remoteAnalysis: { enabled: true, disclosureAcceptedAt: Date.now() },
    useContext: { region: 'elsewhere', setting: 'personal' } } }))`);
  const tabId = (await sw.evaluate(`chrome.tabs.query({ url: '${server.url}room*' }).then((t) => t[0].id)`)) as number;
  const popup = await user.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  console.log('opt-in:', JSON.stringify(await popup.evaluate(`chrome.runtime.sendMessage({ type: 'ui/analyse-participants', tabId: ${tabId}, enable: true })`)));
  await call.bringToFront();
  const started = Date.now();
  while (Date.now() - started < (opts.seconds || 30) * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const reading = (await popup.evaluate(`chrome.runtime.sendMessage({ type: 'ui/get-live', tabId: ${tabId} })`)) as SessionReading | null;
    const line = (reading?.subjects ?? []).map((s) => {
      const f = s.readings.face;
      const top = f?.probs ? EMOTIONS[f.probs.indexOf(Math.max(...f.probs))] : (f?.state ?? '—');
      const voice = s.readings.voice?.state === 'ok' ? ', speaking' : '';
      return `${s.subject.label ?? s.subject.id}: ${top}${voice}`;
    });
    console.log(`[${Math.round((Date.now() - started) / 1000)}s] ${line.join(' | ') || 'no reading yet'}`);
  }
  }
}
