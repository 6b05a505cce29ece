/**
 * The other participants as the content script finds them, in real Chromium, on a fixture built
 * the way Google Meet builds its call (see src/sites/google-meet.ts: unverified against the live
 * site): tiles with participant ids and `notranslate` names playing each person's video, and the
 * call's sound as three audio-only streams that belong to no tile (Meet mixes the loudest
 * speakers). The mixes must come out as mixes, not as three nameless people, and the person whose
 * tile carries the speaking mark as `speaking`, following the mark. A generic site (no mixing)
 * keeps audio-only streams as people.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Participant } from '../../src/core/schemas';
import { launchWithExtension } from '../support/chromium';
import { bundleForPage } from '../support/page-bundle';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const script = await bundleForPage(
    `import { findParticipants, nameFromTile } from './src/content/participants'; import { googleMeet } from './src/sites/google-meet';
        window.__find = (site) => {
          const f = site === 'meet' ? googleMeet.features : {};
          return findParticipants(document, window.__remote, (m) => f.participantName?.(m) ?? nameFromTile(m), { speakingName: f.speakingName, mixesAudio: f.mixesAudio });
        };`,
  );
  browser = await launchWithExtension({ noExtension: true, fakeMedia: false });
  page = await browser.newPage();
  await page.setContent('<main></main>');
  // Meet-like call: two tiles (video), three mixed audio streams in bare <audio> elements
  await page.evaluate(`(() => {
    const remote = [];
    const videoStream = () => { const c = document.createElement('canvas'); c.width = 64; c.height = 48; c.getContext('2d').fillRect(0, 0, 8, 8); return c.captureStream(1); };
    const audioStream = () => { const a = new AudioContext(); return a.createMediaStreamDestination().stream; };
    for (const [id, name] of [['spaces/x/devices/1', 'Ana Lima'], ['spaces/x/devices/2', 'Ben Okafor']]) {
      const tile = document.createElement('div');
      tile.setAttribute('data-participant-id', id);
      const video = document.createElement('video');
      video.srcObject = videoStream();
      const label = document.createElement('span');
      label.className = 'notranslate';
      label.textContent = name;
      const level = document.createElement('div');
      level.className = 'IisKdb';
      tile.append(video, label, level);
      document.querySelector('main').append(tile);
      const t = video.srcObject.getVideoTracks()[0];
      remote.push({ id: t.id, kind: 'video', peer: 'pc1', stream: video.srcObject.id });
    }
    for (let i = 0; i < 3; i++) {
      const el = document.createElement('audio');
      el.srcObject = audioStream();
      document.body.append(el);
      const t = el.srcObject.getAudioTracks()[0];
      remote.push({ id: t.id, kind: 'audio', peer: 'pc1', stream: el.srcObject.id });
    }
    window.__remote = remote;
    window.__speak = (name) => {
      for (const tile of document.querySelectorAll('[data-participant-id]')) {
        const level = tile.querySelector('.IisKdb');
        level.classList.toggle('HX2H7', tile.querySelector('.notranslate').textContent === name);
      }
    };
  })()`);
  await page.addScriptTag({ content: script });
});
afterAll(async () => {
  await browser?.close();
});

const find = (site: string) => page.evaluate(`window.__find('${site}')`) as Promise<Participant[]>;

describe('participants on a Meet-like call', () => {
  it('finds each tile’s person by name and takes tile-less audio for mixes, not people', async () => {
    const found = await find('meet');
    const people = found.filter((p) => !p.mixed);
    expect(people.map((p) => p.name).sort()).toEqual(['Ana Lima', 'Ben Okafor']);
    expect(people.every((p) => p.video && !p.audio)).toBe(true);
    const mixes = found.filter((p) => p.mixed);
    expect(mixes).toHaveLength(3);
    expect(mixes.every((m) => m.audio && !m.video && m.name === null && m.key.startsWith('mixed:'))).toBe(true);
    expect(found.some((p) => p.speaking)).toBe(false);
  });

  it('marks whoever the site shows speaking, and follows the mark', async () => {
    await page.evaluate(`window.__speak('Ben Okafor')`);
    expect((await find('meet')).filter((p) => p.speaking).map((p) => p.name)).toEqual(['Ben Okafor']);
    await page.evaluate(`window.__speak('Ana Lima')`);
    expect((await find('meet')).filter((p) => p.speaking).map((p) => p.name)).toEqual(['Ana Lima']);
    await page.evaluate(`window.__speak(null)`);
    expect((await find('meet')).some((p) => p.speaking)).toBe(false);
  });

  it('on a site that does not mix (one stream per person), audio-only streams stay people', async () => {
    const found = await find('generic');
    expect(found.some((p) => p.mixed)).toBe(false);
    expect(found.filter((p) => p.audio && !p.video)).toHaveLength(3);
  });
});

describe('participants of a call that runs in a same-origin frame (as app.zoom.us runs its client)', () => {
  it('finds a tile in the frame, whose stream is of the frame’s realm, and its speaking mark', async () => {
    await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.id = 'webclient';
      frame.srcdoc = '<main></main>';
      frame.addEventListener('load', () => {
        const w = frame.contentWindow, d = frame.contentDocument;
        const c = d.createElement('canvas'); c.width = 64; c.height = 48; c.getContext('2d').fillRect(0, 0, 8, 8);
        const tile = d.createElement('div');
        tile.setAttribute('data-participant-id', 'spaces/x/devices/3');
        const video = d.createElement('video');
        video.srcObject = c.captureStream(1);
        const label = d.createElement('span');
        label.className = 'notranslate';
        label.textContent = 'Chloe Dupont';
        const level = d.createElement('div');
        level.className = 'IisKdb HX2H7';
        tile.append(video, label, level);
        d.querySelector('main').append(tile);
        // a MediaStream of the frame's realm, not the top page's
        window.__frameStreamForeign = !(video.srcObject instanceof MediaStream) && video.srcObject instanceof w.MediaStream;
        const t = video.srcObject.getVideoTracks()[0];
        window.__remote.push({ id: t.id, kind: 'video', peer: 'frame1/pc1', stream: video.srcObject.id });
        resolve();
      }, { once: true });
      document.body.append(frame);
    })`);
    expect(await page.evaluate('window.__frameStreamForeign')).toBe(true);
    const found = await find('meet');
    const chloe = found.find((p) => p.name === 'Chloe Dupont');
    expect(chloe?.video).toBeTruthy();
    expect(chloe?.speaking).toBe(true);
    // the top page's people are still found beside her
    expect(found.filter((p) => !p.mixed).map((p) => p.name).sort()).toEqual(['Ana Lima', 'Ben Okafor', 'Chloe Dupont']);
  });
});
