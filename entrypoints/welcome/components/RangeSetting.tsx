import { useEffect, useState } from 'preact/hooks';

interface RangeSettingProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (value: number) => string;
  onCommit: (value: number) => void;
  testId: string;
}

/**
 * A slider that shows its value while dragging but saves only when released, so dragging does
 * not write settings (and restart the engine's settings) dozens of times a second.
 */
export function RangeSetting({ label, value, min, max, step, format, onCommit, testId }: RangeSettingProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const read = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
  return (
    <label class="setting-range">
      <span>{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={draft}
        onInput={(e) => setDraft(read(e))}
        onChange={(e) => onCommit(read(e))}
        data-testid={testId}
      />
      <output>{format(draft)}</output>
    </label>
  );
}
