/**
 * The same host, with each reading it sends to the worker also handed to `onReading`: the
 * recorder composites the reading the badge gets, without asking the session for one (which would
 * step its smoothing).
 */
import type { SessionReading } from '../../core/types';
import type { EngineHost } from '../engine-host';

export function withReadingTap(host: EngineHost, onReading: (reading: SessionReading) => void): EngineHost {
  return {
    models: () => host.models(),
    send(message) {
      if (message.type === 'engine/reading') onReading(message.reading);
      host.send(message);
    },
    storeSamples: (samples, subjects) => host.storeSamples(samples, subjects),
    storeUtterance: (utterance) => host.storeUtterance(utterance),
  };
}
