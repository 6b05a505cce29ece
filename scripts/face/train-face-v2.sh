#!/usr/bin/env bash
# The whole v2 face-model recipe, in order (models/face/README.md, "Reproduce"). CPU only; the slow
# steps are resumable or cached in models/face/work/ (git-ignored).
#   bash scripts/face/train-face-v2.sh [OUT_DIR, default models/face/tfjs-v2]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-models/face/tfjs-v2}
PY=${PYTHON:-/usr/bin/python3}
W=models/face/work
mkdir -p $W
[ -d models/face/tfjs-v1 ] || { echo "models/face/tfjs-v1 (the v1 teacher) is missing"; exit 1; }
# 1. teachers' soft outputs (v1 + flip TTA, human, face-api) on PublicTest and muxspace; human and
#    face-api on FER2013 train (v1 is left out there: it was trained on those faces)
[ -f $W/teachers_muxspace_train.f32 ] || nice -n 10 npx tsx scripts/face/teachers.ts --splits fer2013_publictest,muxspace_train
if [ ! -f $W/teachers_fer2013_train.f32 ]; then
  for k in 0 1; do nice -n 10 npx tsx scripts/face/teachers.ts --no-v1 --splits fer2013_train --part $k/2 & done; wait
  $PY models/face/join_parts.py fer2013_train 2
fi
# 2. detector boxes + eye keypoints, aligned crops through the runtime's preprocessing
[ -f $W/aligned_fer2013_train.u8 ] || nice -n 10 npx tsx scripts/face/align-data.ts
# 3. train (14 epochs at peak LR 0.08, then 6 from its EMA weights at 0.02), calibrate, export
nice -n 5 $PY models/face/train2.py --tag main --epochs 14
nice -n 5 $PY models/face/train2.py --tag ft --init $W/v2_main/last.pt --epochs 6 --lr 0.02 --warmup 0.05
$PY models/face/calibrate.py --ckpt $W/v2_ft/last.pt
$PY models/face/export2.py --ckpt $W/v2_ft/last.pt --out "$OUT"
