import { t } from '../../../src/ui/i18n';

/**
 * Every permission in the manifest (wxt.config.ts) and what it is used for, in the manifest's
 * order of importance. `key` is the permission as the manifest names it, for the test.
 */
const PERMISSIONS = [
  { key: 'media', name: 'welcome.perm.media', why: 'welcome.perm.mediaWhy' },
  { key: 'offscreen', name: 'welcome.perm.offscreen', why: 'welcome.perm.offscreenWhy' },
  { key: 'storage', name: 'welcome.perm.storage', why: 'welcome.perm.storageWhy' },
  { key: 'host_permissions', name: 'welcome.perm.sites', why: 'welcome.perm.sitesWhy' },
  { key: 'activeTab', name: 'welcome.perm.activeTab', why: 'welcome.perm.activeTabWhy' },
  { key: 'tabCapture', name: 'welcome.perm.tabCapture', why: 'welcome.perm.tabCaptureWhy' },
  { key: 'scripting', name: 'welcome.perm.scripting', why: 'welcome.perm.scriptingWhy' },
] as const;

export function PermissionList() {
  return (
    <section class="card stack" aria-labelledby="permissions-title">
      <h2 id="permissions-title">{t('welcome.perm.title')}</h2>
      <table class="permissions" data-testid="permission-table">
        <tbody>
          {PERMISSIONS.map((p) => (
            <tr key={p.key} data-permission={p.key}>
              <th scope="row">{t(p.name)}</th>
              <td class="muted">{t(p.why)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
