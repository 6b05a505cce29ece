#!/usr/bin/env bash
# npm run train:text -- the whole text-model recipe, reproducing every number in models/text/README.md.
#   1. features: scripts/text/extract-features.ts (the runtime featuriser) -> models/text/work/features
#   2. the final model on the train splits of all four corpora, and leave-one-corpus-out runs (train
#      without one corpus, score its dev split), JOBS of them at a time (default 1)
#   3. export of the final model to models/text/tfjs (TF.js layers model, uint8 embedding table)
#   4. eval:text (TypeScript featuriser + TF.js WASM) on every dev slice, 5. the tables (report.ts)
# Environment: EPOCHS (default 5), SKIP_LOCO=1, JOBS, PYTHON (/usr/bin/python3), TRAIN_ARGS (hyper-parameters).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-5}
W=models/text/work
ARGS=${TRAIN_ARGS:---dense --dim 24 --buckets 120000 --lr 3e-3}
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} PY EPOCHS ARGS W
mkdir -p "$W/eval"
nice -n 10 npx tsx scripts/text/extract-features.ts 2>&1 | tail -1 | tee "$W/extract.log"
RUNS="final"
[ "${SKIP_LOCO:-0}" = 1 ] || RUNS="final meld goemotions emoevent isear"
echo $RUNS | tr ' ' '\n' | xargs -P "${JOBS:-1}" -I{} bash -c '
  if [ {} = final ]; then out=$W/final; hold=""; else out=$W/loco_{}; hold="--holdout {}"; fi
  nice -n 10 "$PY" models/text/train.py $hold --epochs "$EPOCHS" $ARGS --out "$out" > "$out.log" 2>&1 && echo "trained $out"'
tail -1 "$W/final.log"
"$PY" models/text/export_tfjs.py --ckpt "$W/final/model.pt" --out models/text/tfjs --no-bias 2>&1 | tee "$W/export.log"
for s in goemotions meld emoevent-en emoevent-es isear all; do
  nice -n 10 npx tsx scripts/text/eval-text.ts "$W/features/dev/$s.csv" > "$W/eval/$s.txt"
  tail -1 "$W/eval/$s.txt" > "$W/eval/$s.json"
done
npx tsx scripts/text/report.ts | tee "$W/report.md"
