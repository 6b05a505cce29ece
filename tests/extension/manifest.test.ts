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
