import type { Settings, UseRegion, UseSetting } from '../../../src/settings/schema';
import { EU_WORKPLACE_EDUCATION_BLOCK } from '../../../src/background/others-policy';

const REGIONS: { value: UseRegion; label: string }[] = [
  { value: 'eu', label: 'In the European Union' },
  { value: 'elsewhere', label: 'Elsewhere' },
];
const SETTINGS: { value: UseSetting; label: string }[] = [
  { value: 'personal', label: 'Personal (friends, family, practice)' },
  { value: 'workplace', label: 'Workplace (colleagues, interviews, customers)' },
  { value: 'education', label: 'Education (lessons, tutoring, exams)' },
  { value: 'medical-safety', label: 'Medical or safety' },
  { value: 'research', label: 'Research with consenting participants' },
];

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
        Where you use it
        <select
          value={value.region ?? ''}
          data-testid="use-region"
          onChange={(e) => onChange({ ...value, region: ((e.currentTarget as HTMLSelectElement).value || null) as UseRegion | null })}
        >
          <option value="">Choose…</option>
          {REGIONS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label class="stack small">
        In what setting
        <select
          value={value.setting ?? ''}
          data-testid="use-setting"
          onChange={(e) => onChange({ ...value, setting: ((e.currentTarget as HTMLSelectElement).value || null) as UseSetting | null })}
        >
          <option value="">Choose…</option>
          {SETTINGS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {blocked && (
        <p class="small danger-text" role="alert" data-testid="use-context-blocked">
          {EU_WORKPLACE_EDUCATION_BLOCK}
        </p>
      )}
    </div>
  );
}
