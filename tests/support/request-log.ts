import type { Browser, Target } from 'puppeteer-core';

/**
 * Records every request made by the pages and extension contexts of a browser: tabs, the popup,
 * the offscreen document and the service worker (including restarted ones).
 */
export function logRequests(browser: Browser): string[] {
  const urls: string[] = [];
  const watch = async (target: Target) => {
    try {
      if (target.type() === 'page' || target.type() === 'background_page') {
        const page = await target.asPage();
        page.on('request', (r) => urls.push(r.url()));
      } else if (target.type() === 'service_worker') {
        const worker = await target.worker();
        if (!worker) return;
        worker.client.on('Network.requestWillBeSent', (e) => urls.push(e.request.url));
        await worker.client.send('Network.enable');
      }
    } catch {
      // a target that closed while we attached made no further requests
    }
  };
  browser.targets().forEach((t) => void watch(t));
  browser.on('targetcreated', (t: Target) => void watch(t));
  return urls;
}

/** Hosts of Chromium's own background services (updates, sign-in), which the extension never calls. */
export const CHROMIUM_SERVICE_HOSTS = /(^|\.)(google\.com|googleapis\.com|gstatic\.com)(:443)?$/;

export function proxiedHost(request: string): string {
  const target = request.split(' ')[1] ?? '';
  try {
    return target.includes('://') ? new URL(target).host : target;
  } catch {
    return target;
  }
}
