#!/usr/bin/env bash
# npm run train:voice -- the voice-model v2 recipe (models/voice/README.md).
#   1. features: scripts/voice/extract-features.ts in 3 resumable shards (rerun = resume)
#   2. leave-one-corpus-out and leave-speakers-out validation of the candidate recipes (train.py)
#   3. only with FINAL=<recipe>: final model of that recipe on all data, export to models/voice/tfjs
#      (overwrites the shipped v1 weights), 4. speed (eval:voice)
# Environment: RECIPES (default "v1 bal spk spk60"), FINAL (default empty: validation only), EPOCHS (20), SAMPLES (3072),
#   COPIES / KEEP (extraction), SKIP_CV=1, PYTHON (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-20}
SAMPLES=${SAMPLES:-3072}
RECIPES=${RECIPES:-v1 bal spk spk60}
FINAL=${FINAL:-}
COPIES=${COPIES:-ravdess=2,nemo=0,casia=1,ased=0}
KEEP=${KEEP:-nemo=0.4,casia=0.75}
W=models/voice/work
mkdir -p "$W"
export OMP_NUM_THREADS=1
for k in 0 1 2; do
  if [ ! -f "$W/features-$k/index.json" ]; then
    nice -n 10 npx tsx scripts/voice/extract-features.ts --out "$W/features-$k" --shard "$k/3" --copies "$COPIES" --keep "$KEEP" > "$W/extract-$k.log" 2>&1 &
  fi
done
wait
FEAT="$W/features-0,$W/features-1,$W/features-2"
if [ "${SKIP_CV:-0}" != 1 ]; then
  for r in $RECIPES; do
    nice -n 10 "$PY" models/voice/train.py --features "$FEAT" --recipe "$r" --loco ravdess,nemo,casia,ased --epochs "$EPOCHS" --samples "$SAMPLES" > "$W/loco-$r.log" 2>&1 &
    nice -n 10 "$PY" models/voice/train.py --features "$FEAT" --recipe "$r" --lso 0,1,2,3,4 --epochs "$EPOCHS" --samples "$SAMPLES" --work "$W/lso" > "$W/lso-$r.log" 2>&1 &
  done
  wait
  "$PY" models/voice/report.py --work "$W,$W/lso" --recipes "$RECIPES"
fi
[ -n "$FINAL" ] || exit 0
nice -n 10 "$PY" models/voice/train.py --features "$FEAT" --recipe "$FINAL" --final --epochs "$EPOCHS" --samples "$SAMPLES" 2>&1 | tee "$W/final.log"
"$PY" models/voice/export_tfjs.py --ckpt "$W/final-$FINAL.pt" --out models/voice/tfjs --features-index "$W/features-0/config.json"
nice -n 10 npx tsx scripts/voice/eval-voice.ts ../shared/data/speech/ravdess/metadata.csv --limit 200 2>&1 | tail -1 | tee "$W/speed.log"
