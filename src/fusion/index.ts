export { valenceArousal, CIRCUMPLEX } from './affect';
export { ExponentialSmoother } from './smoothing';
export { FusionEngine, type FusionEngineOptions } from './fusion-engine';
export { modalityWeights, DEFAULT_BASE_WEIGHTS, certaintyFactor, type ModalityWeights, type BaseWeights } from './weights';
export { toProbabilities, normalizedEntropy, jensenShannonDistance } from './probabilities';
