#!/usr/bin/env bash
# Export models/text/work/$FINAL (default final) to models/text/tfjs (EXPORT_ARGS, default --no-bias) and measure it through the runtime path:
# eval:text on every dev slice (models/text/work/eval), bench.ts, and the tables (work/report.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
W=models/text/work
mkdir -p "$W/eval"
"$PY" models/text/export_tfjs.py --ckpt "$W/${FINAL:-final}/model.pt" --out models/text/tfjs ${EXPORT_ARGS:---no-bias} 2>&1 | tee "$W/export.log"
for s in goemotions meld emoevent-en emoevent-es isear all; do
  nice -n 10 npx tsx scripts/text/eval-text.ts "$W/features/dev/$s.csv" > "$W/eval/$s.txt"
  tail -1 "$W/eval/$s.txt" > "$W/eval/$s.json"
done
# the same slices as live captions write them (train.sh extracts work/features_caps)
if [ -d "$W/features_caps/dev" ]; then
  for s in goemotions meld emoevent-en emoevent-es; do
    nice -n 10 npx tsx scripts/text/eval-text.ts "$W/features_caps/dev/$s.csv" > "$W/eval/caps-$s.txt"
    tail -1 "$W/eval/caps-$s.txt" > "$W/eval/caps-$s.json"
  done
fi
# speed of the runtime path (scripts/text/bench.ts: median of single-utterance calls)
npx tsx scripts/text/bench.ts | tail -1 | tee "$W/bench.json"
npx tsx scripts/text/report.ts | tee "$W/report.md"
