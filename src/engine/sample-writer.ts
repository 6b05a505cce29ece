/**
 * Writes samples in order, keeping those that failed (a full disk, a closed database) and retrying
 * them before newer ones, so a storage error loses nothing; `pending` tells the badge how many are
 * not written yet. Past MAX_PENDING the oldest are dropped, and counted, rather than exhausting memory.
 */
import type { Sample, SubjectRef } from '../core/types';

export const MAX_PENDING = 3600;

export type StoreSamples = (samples: Sample[], subjects: SubjectRef[]) => Promise<void>;

export interface WriterStatus {
  pending: number;
  dropped: number;
  lastError: string | null;
}

export class SampleWriter {
  private queue: { samples: Sample[]; subjects: SubjectRef[] }[] = [];
  private writing = false;
  private dropped = 0;
  private lastError: string | null = null;

  constructor(
    private readonly store: StoreSamples,
    private readonly onStatus: (status: WriterStatus) => void = () => undefined,
  ) {}

  get status(): WriterStatus {
    return { pending: this.queue.reduce((n, b) => n + b.samples.length, 0), dropped: this.dropped, lastError: this.lastError };
  }

  /** Queues one moment's samples and writes what it can. */
  async write(samples: Sample[], subjects: SubjectRef[]): Promise<void> {
    if (samples.length) this.queue.push({ samples, subjects });
    while (this.queue.length > MAX_PENDING) {
      this.dropped += this.queue.shift()!.samples.length;
    }
    await this.flush();
  }

  /** Writes the queue in order; stops at the first failure (the next write or flush retries it). */
  async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    const before = this.status.pending;
    try {
      while (this.queue.length) {
        const batch = this.queue[0];
        try {
          await this.store(batch.samples, batch.subjects);
          this.queue.shift();
          this.lastError = null;
        } catch (error) {
          this.lastError = error instanceof Error ? error.message : String(error);
          break;
        }
      }
    } finally {
      this.writing = false;
      if (before !== this.status.pending || this.lastError) this.onStatus(this.status);
    }
  }
}
