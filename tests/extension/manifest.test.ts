import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolve_ } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest } from '../../wxt.config';

describe('manifest (trust: what a release build may touch)', () => {
  it('a release build runs on the meeting sites only, never on localhost', () => {
    const release = buildManifest('chrome', false);
    const everywhere = JSON.stringify([release.host_permissions, release.web_accessible_resources]);
    expect(everywhere).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(release.host_permissions).toContain('https://meet.google.com/*');
  });

  it('a test build also runs on localhost (the demo call and the end-to-end tests)', () => {
    expect(buildManifest('chrome', true).host_permissions).toEqual(expect.arrayContaining(['http://localhost/*', 'http://127.0.0.1/*']));
  });

  it('asks for tab capture only when the user opts in', () => {
    const m = buildManifest('chrome', false);
    expect(m.permissions).not.toContain('tabCapture');
    expect(m.optional_permissions).toContain('tabCapture');
    // test builds hold it, since no test can answer a permission prompt
    expect(buildManifest('chrome', true).permissions).toContain('tabCapture');
  });
});

describe('the Firefox manifest', () => {
  const firefox = buildManifest('firefox', false);

  it('asks for nothing Firefox lacks (offscreen, tab capture) and takes optional hosts as optional permissions', () => {
    expect(firefox.permissions).not.toContain('offscreen');
    expect(firefox.permissions).not.toContain('tabCapture');
    // MV2: optional host permissions are optional permissions there
    expect(firefox.optional_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(firefox).not.toHaveProperty('optional_host_permissions');
  });

  it('declares that it collects no data, under a fixed add-on id', () => {
    expect(firefox.browser_specific_settings?.gecko).toMatchObject({ id: 'emotion-overlay@example.org', data_collection_permissions: { required: ['none'] } });
  });

  it('exposes only the relay frame to web pages and never runs on localhost in a release build', () => {
    expect(firefox.web_accessible_resources).toEqual(['relay.html']);
    expect(JSON.stringify(firefox.host_permissions)).not.toMatch(/localhost|127\.0\.0\.1/);
  });
});

describe('web-ext lint on the Firefox release build', () => {
  it('reports no errors', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'eo-firefox-release-'));
    try {
      const env = { ...process.env, EO_OUT_DIR: outDir, EO_TEST_BUILD: '' };
      await run('npx', ['wxt', 'build', '-b', 'firefox'], env);
      const report = JSON.parse(await run('npx', ['web-ext', 'lint', '--source-dir', join(outDir, 'firefox-mv2'), '--output', 'json', '--no-config-discovery'], env));
      const summary = (items: { code: string; file?: string }[]) => items.map((m) => `${m.code} ${m.file ?? ''}`);
      console.log('web-ext lint:', JSON.stringify(report.summary), 'warnings:', summary(report.warnings));
      expect(summary(report.errors)).toEqual([]);
      // the manifest itself is clean; the remaining warnings are about bundled code (innerHTML in preact, a dynamic import in MediaPipe's loader)
      expect(report.warnings.filter((w: { file?: string }) => w.file === 'manifest.json')).toEqual([]);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 240_000);
});

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, cwd: resolve_(import.meta.dirname, '../..'), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      // web-ext lint exits non-zero when it finds errors: the JSON on stdout says which
      if (error && !stdout.trim().startsWith('{')) reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}
