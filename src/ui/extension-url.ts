import { browser } from 'wxt/browser';

/**
 * URL of one of the extension's own pages. WXT types `getURL` with the paths of the last build,
 * so a page added since then would not type-check; the path is still checked at runtime by Chrome.
 */
export function extensionPageUrl(path: `/${string}.html${string}`): string {
  return (browser.runtime.getURL as (p: string) => string)(path);
}
