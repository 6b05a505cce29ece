import type { AnalysisProgress } from '../../../src/files/progress';
import { formatClock } from '../../../src/ui/format';

/** How far the analysis is, how long it has left, and how to stop it (what was read is kept). */
export function ProgressPanel({ progress, fileName, loading, onCancel }: { progress: AnalysisProgress | null; fileName: string; loading: boolean; onCancel: () => void }) {
  const speed = progress?.msPerMediaSecond ? 1000 / progress.msPerMediaSecond : null;
  return (
    <section class="card stack" data-testid="progress" aria-live="polite">
      <p>
        {loading ? 'Opening' : 'Analysing'} “{fileName}”…
      </p>
      <progress class="progress-bar" max={1} value={progress?.fraction ?? 0} data-testid="progress-bar" />
      <p class="small muted" data-testid="progress-text">
        {progress
          ? `${formatClock(progress.doneSeconds)} of ${formatClock(progress.durationSeconds)}` +
            (progress.etaSeconds !== null ? ` · about ${Math.ceil(progress.etaSeconds)} s left` : '') +
            (speed ? ` · ${speed.toFixed(1)}× real time` : '')
          : loading
            ? 'Loading the models and reading the file…'
            : 'Starting…'}
      </p>
      <div>
        <button type="button" class="danger" onClick={onCancel} data-testid="cancel">
          Cancel (keep what is analysed)
        </button>
      </div>
    </section>
  );
}
