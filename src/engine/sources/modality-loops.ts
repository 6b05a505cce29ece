import type { EngineSettings } from '../../settings/schema';
import type { StreamModality } from './run-modality';

/**
 * One analysis loop per modality of a source, started and stopped as the settings turn face or
 * voice on and off mid-call. Every loop also stops with the session (`parent`).
 */
export class ModalityLoops {
  private readonly loops = new Map<StreamModality, AbortController>();

  constructor(private readonly parent: AbortSignal) {}

  /** Starts `run` for each of `modalities` the settings want and that is not running; stops the others (then `stopped`). */
  apply(
    settings: EngineSettings,
    modalities: Iterable<StreamModality>,
    run: (modality: StreamModality, signal: AbortSignal) => void,
    stopped: (modality: StreamModality) => void,
  ): void {
    for (const modality of modalities) {
      const running = this.loops.get(modality);
      if (settings[modality] && !running) {
        const controller = new AbortController();
        this.parent.addEventListener('abort', () => controller.abort(), { once: true });
        this.loops.set(modality, controller);
        run(modality, controller.signal);
      } else if (!settings[modality] && running) {
        running.abort();
        this.loops.delete(modality);
        stopped(modality);
      }
    }
  }

  stopAll(): void {
    this.loops.forEach((c) => c.abort());
    this.loops.clear();
  }
}
