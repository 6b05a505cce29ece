/**
 * The caption adapters of Google Meet, Teams, Zoom web and Jitsi, in real Chromium, on DOM fixtures built the
 * way each site builds its caption region (see the adapters for where each structure comes from;
 * none is verified against the live site). Each fixture grows lines word by word through text-node
 * edits (characterData, as React does), and the adapter's `captions` feature runs on the page
 * unchanged, bundled by esbuild. Per site: interim text that grows then finalises is read once, two
 * speakers, the region removed and re-created (history shown again is not read twice), a German or
 * Spanish UI.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../support/chromium';
import { bundleForPage } from '../support/page-bundle';

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  bundle = await bundleForPage(
    `import { googleMeet } from './src/sites/google-meet'; import { teams } from './src/sites/teams'; import { zoom } from './src/sites/zoom'; import { jitsi } from './src/sites/jitsi';
        window.__sites = { meet: googleMeet, teams, zoom, jitsi };`,
  );
  browser = await launchWithExtension({ noExtension: true, fakeMedia: false });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * A fixture driver, run in the page: `open(lang)` adds a new caption region (localised labels and
 * header, as the site would show them), `close()` removes it, `line(speaker)` adds a line and
 * returns its index, `say(i, text)` sets the line's words so far by editing its text node.
 */
const DRIVERS: Record<string, string> = {
  // Meet: a region of speaker blocks, each the speaker's name and the words (the classes public
  // caption tools use: src/sites/google-meet.ts); the region's label is localised
  meet: `({
    labels: { en: 'Captions', de: 'Untertitel', es: 'Subtítulos' },
    open(lang) {
      const region = document.createElement('div');
      region.className = 'iOzk7';
      region.setAttribute('jsname', 'dsyhDe');
      region.setAttribute('role', 'region');
      region.setAttribute('aria-label', this.labels[lang]);
      document.body.append(region);
      this.region = region; this.lines = [];
    },
    close() { this.region.remove(); },
    line(speaker) {
      const block = document.createElement('div');
      block.className = 'nMcdL';
      block.innerHTML = '<img class="Z6byG" alt=""><div class="KcIKyf"><span class="NWpY1d">' + speaker + '</span></div><div class="bh44bd"></div>';
      block.querySelector('.bh44bd').append(document.createTextNode(''));
      this.region.append(block);
      return this.lines.push(block) - 1;
    },
    say(i, text) { this.lines[i].querySelector('.bh44bd').firstChild.data = text; },
  })`,
  // Teams v2 caption window: data-tid wrappers, Fluent UI compact chat messages
  teams: `({
    labels: { en: 'Live captions', de: 'Liveuntertitel', es: 'Subtítulos en directo' },
    open(lang) {
      const wrap = document.createElement('div');
      wrap.setAttribute('data-tid', 'closed-caption-v2-window-wrapper');
      wrap.setAttribute('aria-label', this.labels[lang]);
      wrap.innerHTML = '<div class="fui-Flex ___hdr"><span class="fui-StyledText">' + this.labels[lang] + '</span></div>' +
        '<div data-tid="closed-captions-renderer" role="log"><div class="fui-Flex ___list"></div></div>';
      document.body.append(wrap);
      this.list = wrap.querySelector('.___list'); this.lines = [];
    },
    close() { document.querySelector('[data-tid="closed-caption-v2-window-wrapper"]').remove(); },
    line(speaker) {
      const m = document.createElement('div');
      m.className = 'fui-ChatMessageCompact ___r7x2';
      m.innerHTML = '<div class="fui-ChatMessageCompact__avatar"><span role="img" class="fui-Avatar"></span></div>' +
        '<div class="fui-ChatMessageCompact__body"><span data-tid="author" class="fui-StyledText">' + speaker + '</span>' +
        '<span data-tid="closed-caption-text" class="fui-StyledText"></span></div>';
      m.querySelector('[data-tid="closed-caption-text"]').append(document.createTextNode(''));
      this.list.append(m);
      return this.lines.push(m) - 1;
    },
    say(i, text) { this.lines[i].querySelector('[data-tid="closed-caption-text"]').firstChild.data = text; },
  })`,
  // Jitsi: container (tss-react class), one <p><span>"Name: words"</span></p> per transcript message
  jitsi: `({
    labels: { en: 'Subtitles', de: 'Untertitel', es: 'Subtítulos' },
    open(lang) {
      const box = document.createElement('div');
      box.className = 'css-7f3a9b-transcriptionSubtitles';
      box.setAttribute('lang', lang);
      document.querySelector('#videospace').append(box);
      this.box = box; this.lines = [];
    },
    close() { this.box.remove(); },
    line(speaker) {
      const p = document.createElement('p');
      const span = document.createElement('span');
      span.append(document.createTextNode(speaker + ': '));
      p.append(span);
      this.box.append(p);
      return this.lines.push({ p, speaker }) - 1;
    },
    say(i, text) { const l = this.lines[i]; l.p.firstChild.firstChild.data = l.speaker + ': ' + text; },
  })`,
  // Zoom's transcript panel: rows with display name (once per run of a speaker), time, message
  'zoom-panel': `({
    labels: { en: 'Transcript', de: 'Transkript', es: 'Transcripción' },
    open(lang) {
      const panel = document.createElement('div');
      panel.id = 'full-transcription';
      panel.className = 'lt-full-transcript';
      panel.innerHTML = '<div class="lt-full-transcript__header">' + this.labels[lang] + '</div><div class="lt-full-transcript__list" role="list"></div>';
      document.querySelector('#wc-container').append(panel);
      this.panel = panel; this.lines = []; this.last = null;
    },
    close() { this.panel.remove(); },
    line(speaker) {
      const row = document.createElement('div');
      row.className = 'lt-full-transcript__item';
      row.setAttribute('role', 'listitem');
      // a run of one speaker names them once
      const head = speaker === this.last ? '' :
        '<div class="lt-full-transcript__item-header"><span class="lt-full-transcript__display-name">' + speaker + '</span>' +
        '<span class="lt-full-transcript__time">10:0' + this.lines.length + '</span></div>';
      row.innerHTML = head + '<div class="lt-full-transcript__message"></div>';
      row.querySelector('.lt-full-transcript__message').append(document.createTextNode(''));
      this.last = speaker;
      this.panel.querySelector('.lt-full-transcript__list').append(row);
      return this.lines.push(row) - 1;
    },
    say(i, text) { this.lines[i].querySelector('.lt-full-transcript__message').firstChild.data = text; },
  })`,
};

async function openPage(site: string, driver: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(
    `<!doctype html><html><head><title>call</title></head><body><div id="wc-container"><div id="videospace"></div></div></body></html>`,
  );
  await page.addScriptTag({ content: bundle });
  await page.evaluate(`(() => {
    window.fx = ${driver};
    window.said = [];
    window.stop = new AbortController();
    window.__sites[${JSON.stringify(site)}].features.captions(document, (u) => said.push(u), stop.signal);
  })()`);
  return page;
}

/** Lines grow a word at a time, as captions do while someone speaks (80 ms a word). */
async function speak(page: Page, line: number, sentence: string): Promise<void> {
  const words = sentence.split(' ');
  for (let i = 1; i <= words.length; i++) {
    await page.evaluate(`fx.say(${line}, ${JSON.stringify(words.slice(0, i).join(' '))})`);
    await new Promise((r) => setTimeout(r, 80));
  }
}

type Said = { speaker: string | null; text: string; t: number };
const said = (page: Page) => page.evaluate('said') as Promise<Said[]>;
async function waitSaid(page: Page, n: number): Promise<Said[]> {
  await page.waitForFunction(`said.length >= ${n}`, { timeout: 10_000 });
  // and nothing more arrives once the lines have settled
  await new Promise((r) => setTimeout(r, 1200));
  return said(page);
}

describe.each(['meet', 'teams', 'jitsi', 'zoom-panel'])('%s captions', (fixture) => {
  const site = fixture.replace(/-.*/, '');
  let page: Page;
  beforeAll(async () => {
    page = await openPage(site, DRIVERS[fixture]);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('reads a line once, when its words stop growing, with its speaker; and two speakers apart', async () => {
    await page.evaluate(`fx.open('en')`);
    const t0 = Date.now();
    const a = (await page.evaluate(`fx.line('Ana Pérez')`)) as number;
    await speak(page, a, 'I am really happy with how this went');
    const b = (await page.evaluate(`fx.line('Ben Okafor')`)) as number;
    await speak(page, b, 'honestly that worries me a lot');
    const got = await waitSaid(page, 2);
    expect(got.map(({ speaker, text }) => ({ speaker, text }))).toEqual([
      { speaker: 'Ana Pérez', text: 'I am really happy with how this went' },
      { speaker: 'Ben Okafor', text: 'honestly that worries me a lot' },
    ]);
    // the time is when the line last changed (not when it was read), within this test
    expect(got[0].t).toBeGreaterThanOrEqual(t0);
    expect(got[0].t).toBeLessThanOrEqual(got[1].t);
  });

  it('a region removed and re-created (captions off and on) goes on being read; its history is not read again', async () => {
    await page.evaluate(`fx.close()`);
    await new Promise((r) => setTimeout(r, 300));
    await page.evaluate(`fx.open('en')`);
    // the new region shows the last lines again, whole, as sites re-render them
    await page.evaluate(`fx.say(fx.line('Ana Pérez'), 'I am really happy with how this went')`);
    await page.evaluate(`fx.say(fx.line('Ben Okafor'), 'honestly that worries me a lot')`);
    const c = (await page.evaluate(`fx.line('Ben Okafor')`)) as number;
    await speak(page, c, 'but we can fix it tomorrow');
    const got = await waitSaid(page, 3);
    expect(got.slice(2).map(({ speaker, text }) => ({ speaker, text }))).toEqual([{ speaker: 'Ben Okafor', text: 'but we can fix it tomorrow' }]);
  });

  it.each(['de', 'es'])('works the same with the UI in %s (nothing localised is read)', async (lang) => {
    await page.evaluate(`fx.close(); fx.open(${JSON.stringify(lang)})`);
    const before = (await said(page)).length;
    const d = (await page.evaluate(`fx.line('Jürgen Groß')`)) as number;
    await speak(page, d, lang === 'de' ? 'das ist wirklich eine tolle Nachricht' : 'esto es una noticia muy triste');
    const got = await waitSaid(page, before + 1);
    expect(got.slice(before).map(({ speaker, text }) => ({ speaker, text }))).toEqual([
      { speaker: 'Jürgen Groß', text: lang === 'de' ? 'das ist wirklich eine tolle Nachricht' : 'esto es una noticia muy triste' },
    ]);
  });

  it('stops reading when its signal aborts', async () => {
    await page.evaluate(`stop.abort()`);
    const before = (await said(page)).length;
    await speak(page, (await page.evaluate(`fx.line('Ana Pérez')`)) as number, 'this is not read');
    await new Promise((r) => setTimeout(r, 1200));
    expect((await said(page)).length).toBe(before);
  });
});

describe('zoom', () => {
  it('a row without a name in the transcript panel continues the speaker before it', async () => {
    const page = await openPage('zoom', DRIVERS['zoom-panel']);
    try {
      await page.evaluate(`fx.open('en')`);
      await speak(page, (await page.evaluate(`fx.line('Ana Pérez')`)) as number, 'first thing');
      await speak(page, (await page.evaluate(`fx.line('Ana Pérez')`)) as number, 'second thing from Ana');
      await speak(page, (await page.evaluate(`fx.line('Ben Okafor')`)) as number, 'and mine');
      const got = await waitSaid(page, 3);
      // the second row has no display name of its own
      expect(await page.evaluate(`document.querySelectorAll('.lt-full-transcript__display-name').length`)).toBe(2);
      expect(got.map((u) => u.speaker)).toEqual(['Ana Pérez', 'Ana Pérez', 'Ben Okafor']);
    } finally {
      await page.close();
    }
  });

  it('the subtitle overlay (no names, a window over the last words) yields each new stretch of words once', async () => {
    const page = await openPage('zoom', `({})`);
    try {
      await page.evaluate(`(() => {
        const c = document.createElement('div');
        c.className = 'live-transcription-subtitle__overlay-container';
        c.innerHTML = '<div class="lt-subtitle-wrap"><div class="live-transcription-subtitle__box"><div id="live-transcription-subtitle">' +
          '<img class="zmu-data-selector-item__icon" alt="" src="data:,"><span class="live-transcription-subtitle__item"></span></div></div></div>';
        c.querySelector('.live-transcription-subtitle__item').append(document.createTextNode(''));
        document.querySelector('#wc-container').append(c);
        window.fx = { say: (_i, text) => { c.querySelector('.live-transcription-subtitle__item').firstChild.data = text; } };
      })()`);
      await speak(page, 0, 'good morning everyone thanks for joining');
      await waitSaid(page, 1);
      // the speaker goes on; the overlay drops its first words as new ones come
      const words = 'morning everyone thanks for joining today we have great news'.split(' ');
      for (let i = 6; i <= words.length; i++) {
        await page.evaluate(`fx.say(0, ${JSON.stringify(words.slice(Math.max(0, i - 7), i).join(' '))})`);
        await new Promise((r) => setTimeout(r, 80));
      }
      const got = await waitSaid(page, 2);
      expect(got.map(({ speaker, text }) => ({ speaker, text }))).toEqual([
        { speaker: null, text: 'good morning everyone thanks for joining' },
        { speaker: null, text: 'today we have great news' },
      ]);
    } finally {
      await page.close();
    }
  });
});
