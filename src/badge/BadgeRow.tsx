import type { Probabilities } from '../core/emotions';
import { ProbabilityBars } from '../ui/ProbabilityBars';

interface BadgeRowProps {
  label: string;
  probs: Probabilities | null;
  /** Shown instead of the bars when there are no probabilities. */
  note: string;
  testId: 'badge-face' | 'badge-voice' | 'badge-fused';
}

/** One labelled line of seven mini bars (face, voice or fused). */
export function BadgeRow({ label, probs, note, testId }: BadgeRowProps) {
  const hasReading = probs !== null && probs.length > 0;
  return (
    <div class="eo-row" data-testid={testId} data-has-reading={String(hasReading)}>
      <span class="eo-row-label">{label}</span>
      {hasReading ? <ProbabilityBars probs={probs} variant="mini" label={label} /> : <span class="eo-row-note">{note}</span>}
    </div>
  );
}
