#!/usr/bin/env bash
# npm run train:voice -- the whole voice-model recipe, reproducing every number in README.md.
#   1. features: scripts/voice/extract-features.ts (skipped if models/voice/work/features exists)
#   2. leave-speakers-out CV in PyTorch (5 folds), 3. each fold exported and evaluated through the
#   runtime pipeline (scripts/voice/cv-eval.ts), 4. final model on all speakers, 5. export to
#   models/voice/tfjs, 6. speed on RAVDESS with eval:voice.
# Environment: EPOCHS (default 40), FOLDS (default 0,1,2,3,4), SKIP_CV=1, PYTHON (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
EPOCHS=${EPOCHS:-40}
FOLDS=${FOLDS:-0,1,2,3,4}
W=models/voice/work
mkdir -p "$W"
if [ ! -f "$W/features/index.json" ]; then
  nice -n 5 npx tsx scripts/voice/extract-features.ts --out "$W/features" 2>&1 | tee "$W/extract.log"
fi
if [ "${SKIP_CV:-0}" != 1 ]; then
  nice -n 5 "$PY" models/voice/train.py --cv --folds "$FOLDS" --epochs "$EPOCHS" 2>&1 | tee "$W/cv.log"
  for f in ${FOLDS//,/ }; do
    "$PY" models/voice/export_tfjs.py --ckpt "$W/fold$f.pt" --out "$W/fold$f-tfjs"
  done
  nice -n 5 npx tsx scripts/voice/cv-eval.ts --folds "$FOLDS" 2>&1 | tee "$W/cv-eval.log"
fi
nice -n 5 "$PY" models/voice/train.py --final --epochs "$EPOCHS" 2>&1 | tee "$W/final.log"
"$PY" models/voice/export_tfjs.py --ckpt "$W/final.pt" --out models/voice/tfjs
nice -n 5 npx tsx scripts/voice/eval-voice.ts ../shared/data/speech/ravdess/metadata.csv --limit 200 2>&1 | tail -3 | tee "$W/speed.log"
