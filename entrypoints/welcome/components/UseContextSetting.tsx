import type { Settings, UseRegion, UseSetting } from '../../../src/settings/schema';
import { t } from '../../../src/ui/i18n';

const REGIONS = [
  { value: 'eu', label: 'welcome.context.eu' },
  { value: 'elsewhere', label: 'welcome.context.elsewhere' },
] as const satisfies readonly { value: UseRegion; label: string }[];
const SETTINGS = [
  { value: 'personal', label: 'welcome.context.personal' },
  { value: 'workplace', label: 'welcome.context.workplace' },
  { value: 'education', label: 'welcome.context.education' },
  { value: 'medical-safety', label: 'welcome.context.medicalSafety' },
  { value: 'research', label: 'welcome.context.research' },
] as const satisfies readonly { value: UseSetting; label: string }[];

interface Props {
  value: Settings['useContext'];
  onChange: (value: Settings['useContext']) => void;
}

/** Where, and in what setting, others would be analysed: in the EU, workplaces and education are off limits. */
export function UseContextSetting({ value, onChange }: Props) {
  const blocked = value.region === 'eu' && (value.setting === 'workplace' || value.setting === 'education');
  return (
    <div class="stack" data-testid="use-context">
      <label class="stack small">
        {t('welcome.context.where')}
        <select
          value={value.region ?? ''}
          data-testid="use-region"
          onChange={(e) => onChange({ ...value, region: ((e.currentTarget as HTMLSelectElement).value || null) as UseRegion | null })}
        >
          <option value="">{t('welcome.context.choose')}</option>
          {REGIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {t(r.label)}
            </option>
          ))}
        </select>
      </label>
      <label class="stack small">
        {t('welcome.context.setting')}
        <select
          value={value.setting ?? ''}
          data-testid="use-setting"
          onChange={(e) => onChange({ ...value, setting: ((e.currentTarget as HTMLSelectElement).value || null) as UseSetting | null })}
        >
          <option value="">{t('welcome.context.choose')}</option>
          {SETTINGS.map((s) => (
            <option key={s.value} value={s.value}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </label>
      {blocked && (
        <p class="small danger-text" role="alert" data-testid="use-context-blocked">
          {t('welcome.context.blocked')}
        </p>
      )}
    </div>
  );
}
