import type { Probabilities } from '../core/emotions';
import { ProbabilityBars } from '../ui/ProbabilityBars';

interface BadgeRowProps {
  label: string;
  probs: Probabilities | null;
  /** Shown instead of the bars when there are no probabilities. */
  note: string;
  testId: 'badge-face' | 'badge-voice' | 'badge-fused';
  /** Class initials under the bars (the last row, so one line labels every column). */
  initials?: boolean;
  /** Pointer over or focus on the row: the badge shows its values in words. */
  onInspect: (inspecting: boolean) => void;
}

/** One labelled line of seven mini bars (face, voice or combined); focusable, to read its values. */
export function BadgeRow({ label, probs, note, testId, initials = false, onInspect }: BadgeRowProps) {
  const hasReading = probs !== null && probs.length > 0;
  return (
    <div
      class="eo-row"
      data-testid={testId}
      data-has-reading={String(hasReading)}
      tabIndex={hasReading ? 0 : -1}
      onMouseEnter={() => onInspect(true)}
      onMouseLeave={() => onInspect(false)}
      onFocus={() => onInspect(true)}
      onBlur={() => onInspect(false)}
    >
      <span class="eo-row-label">{label}</span>
      {hasReading ? <ProbabilityBars probs={probs} variant="mini" label={label} initials={initials} /> : <span class="eo-row-note">{note}</span>}
    </div>
  );
}
