/**
 * npm run eval:fusion -- [--per-class 300] [--seeds 20] [--boot 1000] [--seed 1]
 *                        [--face muxspace,fer] [--cap-face 200] [--cap-voice 100] [--cap-text 500]
 *                        [--data ../shared/data] [--refresh]
 *
 * Which fusion rule reads face + voice + text better: the confidence-weighted sum of all three
 * (mix.ts `weighted`) or the doubt rule (face + voice by their weighted sum; text decides when the
 * top two classes are within a margin, mix.ts `doubt`).
 *
 * A PROXY, not a measurement on real moments: no corpus here has the face, voice and words of the
 * same moment, so triples are paired by class under an independence assumption (pairing.ts):
 * (a face of class c, a clip of class c, an utterance of class c), each from held-out data of its
 * modality, each read by the SHIPPED model through the runtime code:
 *   face  models/face/tfjs on muxspace's held-out identities (its training used the others; their labels)
 *         and, as a second variant, FER2013 PublicTest (model selection; not trained on);
 *   voice models/voice/tfjs on ASED (Amharic, a whole corpus the shipped model never heard;
 *         5 classes: no disgust, no surprise, so those two classes are skipped);
 *   text  models/text/tfjs on MELD dev (not trained on; its temperature was fitted on the dev splits).
 * Per-sample probabilities are cached in .cache/fusion/ (git-ignored). Then, for each of `--seeds`
 * draws of `--per-class` triples per class: the doubt margin is chosen on one half (macro-F1), every
 * rule is scored on the other half. Rules run through src/fusion (weights.ts, mix.ts) with quality
 * 1 and the runtime's base weights. Prints a table per face variant; the last line is one JSON object.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMOTIONS } from '../../src/core/emotions';
import { DEFAULT_MIX_RULE, DOUBT_MARGIN } from '../../src/fusion/mix';
import { DEFAULT_BASE_WEIGHTS } from '../../src/fusion/weights';
import { formatTable } from '../lib/metrics';
import { cached, faceProbs, modelTag, textProbs, voiceProbs, type ProbCache } from './modality-probs';
import { bootstrap, drawTriples, FUSED_MODALITIES, makeRng, poolsByClass, score, splitHalves, spread, type FusedModality, type Spread, type Triple } from './pairing';
import { decide, doubtRule, fuse, SINGLE_AND_SUM_RULES, topTwoGap, type RuleSpec } from './rules';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = path.join(ROOT, '.cache/fusion');
/** Doubt margins tried on the tuning half (1 = text always multiplies in: a product rule). */
export const MARGINS = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1] as const;
const FACE_SETS: Record<string, { file: string; note: string }> = {
  muxspace: { file: 'faces/muxspace_train.bin', note: 'muxspace held-out identities (news photos; not trained on)' },
  fer: { file: 'faces/fer2013_publictest.bin', note: 'FER2013 PublicTest (model selection; not trained on)' },
};

interface Args { perClass: number; seeds: number; boot: number; seed: number; faces: string[]; capFace: number; capVoice: number; capText: number; data: string; refresh: boolean }

function parseArgs(argv: string[]): Args {
  const a: Args = { perClass: 300, seeds: 20, boot: 1000, seed: 1, faces: ['muxspace', 'fer'], capFace: 200, capVoice: 100, capText: 500, data: path.resolve(ROOT, '../shared/data'), refresh: false };
  const num = (k: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${k} needs a positive integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--per-class') a.perClass = num(k, argv[++i]);
    else if (k === '--seeds') a.seeds = num(k, argv[++i]);
    else if (k === '--boot') a.boot = num(k, argv[++i]);
    else if (k === '--seed') a.seed = num(k, argv[++i]);
    else if (k === '--cap-face') a.capFace = num(k, argv[++i]);
    else if (k === '--cap-voice') a.capVoice = num(k, argv[++i]);
    else if (k === '--cap-text') a.capText = num(k, argv[++i]);
    else if (k === '--face') a.faces = (argv[++i] ?? '').split(',');
    else if (k === '--data') a.data = path.resolve(argv[++i] ?? '');
    else if (k === '--refresh') a.refresh = true;
    else throw new Error(`unknown option ${k} (see the header of scripts/fusion/eval-fusion.ts)`);
  }
  for (const f of a.faces) if (!FACE_SETS[f]) throw new Error(`--face: unknown set ${f} (muxspace, fer)`);
  return a;
}

const TUNED = 'doubt, margin tuned';
const WEIGHTED = 'face+voice+text weighted';

interface VariantResult {
  face: string;
  pools: Record<FusedModality, Record<string, number>>;
  skipped: { emotion: string; missing: FusedModality[] }[];
  triplesPerSeed: { tune: number; test: number };
  /** Test-half scores over the seeds. */
  rules: Record<string, { accuracy: Spread; macroF1: Spread }>;
  /** Test-half macro-F1 and share of triples in doubt at each margin, over the seeds. */
  margins: Record<string, { macroF1: Spread; inDoubt: Spread }>;
  chosenMargins: Record<string, number>;
  /** doubt (tuned) − weighted, per seed. */
  diff: { macroF1: Spread; accuracy: Spread; doubtBetterSeeds: number };
  /** doubt (tuned) − weighted on the first seed's test half, bootstrap over its triples. */
  bootstrapDiff: { macroF1: Spread; accuracy: Spread };
}

function evaluateVariant(faceName: string, caches: Record<FusedModality, ProbCache>, args: Args): VariantResult {
  const pools = { face: poolsByClass(caches.face.labels), voice: poolsByClass(caches.voice.labels), text: poolsByClass(caches.text.labels) };
  const probsOf = (t: Triple) => ({ face: caches.face.probs[t.face], voice: caches.voice.probs[t.voice], text: caches.text.probs[t.text] });
  const predict = (spec: RuleSpec, items: Triple[]) => items.map((t) => decide(spec, probsOf(t)));
  const labelsOf = (items: Triple[]) => items.map((t) => t.label);
  const faceVoice = SINGLE_AND_SUM_RULES.find((r) => r.name === 'face+voice weighted')!;

  const perRule: Record<string, { accuracy: number[]; macroF1: number[] }> = {};
  const perMargin: Record<string, { macroF1: number[]; inDoubt: number[] }> = {};
  const chosen: Record<string, number> = {};
  const diffF1: number[] = [];
  const diffAcc: number[] = [];
  let boot: VariantResult['bootstrapDiff'] | null = null;
  let skipped: VariantResult['skipped'] = [];
  let sizes = { tune: 0, test: 0 };
  const add = (name: string, s: { accuracy: number; macroF1: number }) => {
    perRule[name] ??= { accuracy: [], macroF1: [] };
    perRule[name].accuracy.push(s.accuracy);
    perRule[name].macroF1.push(s.macroF1);
  };

  for (let k = 0; k < args.seeds; k++) {
    const rng = makeRng(args.seed * 1000 + k);
    const pairing = drawTriples(pools, args.perClass, rng);
    skipped = pairing.skipped;
    const [tune, test] = splitHalves(pairing.triples, rng);
    sizes = { tune: tune.length, test: test.length };
    const yTune = labelsOf(tune);
    const yTest = labelsOf(test);
    // the margin is chosen on the tuning half only (first best: the smallest margin on a tie)
    const tuneF1 = MARGINS.map((m) => score(yTune, predict(doubtRule(m), tune)).macroF1);
    const margin = MARGINS[tuneF1.indexOf(Math.max(...tuneF1))];
    chosen[String(margin)] = (chosen[String(margin)] ?? 0) + 1;

    const fvGaps = test.map((t) => topTwoGap(fuse(faceVoice, probsOf(t))));
    for (const m of MARGINS) {
      perMargin[String(m)] ??= { macroF1: [], inDoubt: [] };
      perMargin[String(m)].macroF1.push(score(yTest, predict(doubtRule(m), test)).macroF1);
      perMargin[String(m)].inDoubt.push(fvGaps.filter((g) => g < m).length / test.length);
    }
    const preds: Record<string, number[]> = {};
    for (const spec of [...SINGLE_AND_SUM_RULES, doubtRule(DOUBT_MARGIN)]) {
      preds[spec.name] = predict(spec, test);
      add(spec.name, score(yTest, preds[spec.name]));
    }
    preds[TUNED] = predict(doubtRule(margin), test);
    const tuned = score(yTest, preds[TUNED]);
    add(TUNED, tuned);
    const weighted = score(yTest, preds[WEIGHTED]);
    diffF1.push(tuned.macroF1 - weighted.macroF1);
    diffAcc.push(tuned.accuracy - weighted.accuracy);

    if (k === 0) {
      const pick = (ys: number[], pos: number[]) => pos.map((i) => ys[i]);
      const rngBoot = makeRng(args.seed * 7919);
      const f1 = bootstrap(test.length, args.boot, rngBoot, (pos) => score(pick(yTest, pos), pick(preds[TUNED], pos)).macroF1 - score(pick(yTest, pos), pick(preds[WEIGHTED], pos)).macroF1);
      const acc = bootstrap(test.length, args.boot, rngBoot, (pos) => score(pick(yTest, pos), pick(preds[TUNED], pos)).accuracy - score(pick(yTest, pos), pick(preds[WEIGHTED], pos)).accuracy);
      boot = { macroF1: spread(f1), accuracy: spread(acc) };
    }
  }

  const counts = (c: ProbCache) => Object.fromEntries(EMOTIONS.map((e, i) => [e, c.labels.filter((y) => y === i).length]));
  return {
    face: faceName,
    pools: { face: counts(caches.face), voice: counts(caches.voice), text: counts(caches.text) },
    skipped,
    triplesPerSeed: sizes,
    rules: Object.fromEntries(Object.entries(perRule).map(([n, v]) => [n, { accuracy: spread(v.accuracy), macroF1: spread(v.macroF1) }])),
    margins: Object.fromEntries(Object.entries(perMargin).map(([m, v]) => [m, { macroF1: spread(v.macroF1), inDoubt: spread(v.inDoubt) }])),
    chosenMargins: chosen,
    diff: { macroF1: spread(diffF1), accuracy: spread(diffAcc), doubtBetterSeeds: diffF1.filter((d) => d > 0).length },
    bootstrapDiff: boot!,
  };
}

const pct = (s: Spread) => `${(100 * s.mean).toFixed(1)} ± ${(100 * s.sd).toFixed(1)}`;
const signed = (s: Spread) => `${s.mean >= 0 ? '+' : ''}${(100 * s.mean).toFixed(2)} [${(100 * s.lo).toFixed(2)}, ${(100 * s.hi).toFixed(2)}]`;

function print(v: VariantResult, args: Args) {
  console.log(`\n== faces: ${FACE_SETS[v.face].note} ==`);
  console.log(`pools per class (angry..neutral): face ${EMOTIONS.map((e) => v.pools.face[e]).join('/')}, voice ${EMOTIONS.map((e) => v.pools.voice[e]).join('/')}, text ${EMOTIONS.map((e) => v.pools.text[e]).join('/')}`);
  for (const s of v.skipped) console.log(`skipped class ${s.emotion}: no ${s.missing.join(', ')} sample`);
  console.log(`${args.seeds} draws of ${args.perClass} triples per class; per draw ${v.triplesPerSeed.tune} to tune the margin, ${v.triplesPerSeed.test} to report (mean ± sd over draws, test halves)`);
  console.log(formatTable(['rule', 'accuracy %', 'macro-F1 %'], Object.entries(v.rules).map(([n, r]) => [n, pct(r.accuracy), pct(r.macroF1)])));
  console.log('\ndoubt rule by margin (test halves): macro-F1 %, share of triples in doubt %');
  console.log(formatTable(['margin', 'macro-F1 %', 'in doubt %', 'chosen on tune half'], MARGINS.map(String).map((m) => [m, pct(v.margins[m].macroF1), pct(v.margins[m].inDoubt), v.chosenMargins[m] ?? 0])));
  console.log(`\ndoubt (tuned) − weighted, macro-F1 points: ${signed(v.diff.macroF1)} over draws (doubt better in ${v.diff.doubtBetterSeeds}/${args.seeds}); ` +
    `accuracy ${signed(v.diff.accuracy)}`);
  console.log(`  bootstrap of the first draw's test half (${args.boot}×): macro-F1 ${signed(v.bootstrapDiff.macroF1)}, accuracy ${signed(v.bootstrapDiff.accuracy)}  (mean [2.5 %, 97.5 %])`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const model = (m: string) => path.join(ROOT, `models/${m}/tfjs/model.json`);
  const data = (p: string) => path.join(args.data, p);
  console.log('PROXY: class-conditional pairing of independent held-out samples (no corpus has face, voice and text of the same moment).');
  console.log('probabilities (cached in .cache/fusion):');
  const voice = await cached(path.join(WORK, 'voice-ased.json'), `ased|${args.capVoice}|${modelTag(model('voice'))}`, args.refresh, () =>
    voiceProbs(data('speech/ased/metadata.csv'), model('voice'), args.capVoice, makeRng(12), path.join(WORK, 'manifests')));
  const text = await cached(path.join(WORK, 'text-meld-dev.json'), `meld-dev|${args.capText}|${modelTag(model('text'))}`, args.refresh, () =>
    textProbs(data('text/meld.csv'), 'dev', model('text'), args.capText, makeRng(13)));
  const variants: VariantResult[] = [];
  for (const f of args.faces) {
    const face = await cached(path.join(WORK, `face-${f}.json`), `${f}|${args.capFace}|${modelTag(model('face'))}`, args.refresh, () =>
      faceProbs(data(FACE_SETS[f].file), model('face'), args.capFace, makeRng(11)));
    const v = evaluateVariant(f, { face, voice, text }, args);
    print(v, args);
    variants.push(v);
  }
  // the pre-declared decision: the primary (first) face variant's mean test-half macro-F1 difference
  const primary = variants[0];
  const better = primary.diff.macroF1.mean > 0 ? 'doubt' : 'weighted';
  console.log(`\nbetter rule on the primary variant (${primary.face}, mean test macro-F1): ${better}; the runtime's default is ${DEFAULT_MIX_RULE} (margin ${DOUBT_MARGIN})`);
  console.log(JSON.stringify({
    proxy: 'class-conditional pairing, independence assumed',
    sources: { voice: voice.source, text: text.source },
    baseWeights: DEFAULT_BASE_WEIGHTS, quality: 1, perClass: args.perClass, seeds: args.seeds, margins: MARGINS,
    modalities: FUSED_MODALITIES, variants, better, defaultRule: DEFAULT_MIX_RULE, defaultMargin: DOUBT_MARGIN,
  }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
