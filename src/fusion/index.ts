export { valenceArousal, CIRCUMPLEX } from './affect';
export { ExponentialSmoother } from './smoothing';
export { FusionEngine, type FusionEngineOptions } from './fusion-engine';
export { streamWeights, DEFAULT_BASE_WEIGHTS, faceQuality, voiceQuality, certaintyFactor, type StreamWeights } from './weights';
export { toProbabilities, normalizedEntropy, jensenShannonDistance } from './probabilities';
