#!/usr/bin/env bash
# bash models/text/search_distill.sh -- seeds, an ensemble, born-again students and caption augmentation
# (models/text/README.md, "Seeds, distillation, captions"). Selection on meld-val and the guards only
# (the rules in the README, written down before the runs), never MELD dev.
set -euo pipefail
cd "$(dirname "$0")/../.."
W=models/text/work
COMMON="--holdout isear --dense --dim 24 --buckets 120000 --lr 3e-3 --epochs 5 --meld-val 0.1 --corpus-boost meld=3 --save-logits"
run() { name=$1; shift; OMP_NUM_THREADS=1 nice -n 10 /usr/bin/python3 models/text/train.py $COMMON "$@" --out $W/$name > $W/$name.log 2>&1; echo "done $name"; }
export -f run; export COMMON W
printf '%s\n' "s_0 --seed 0" "s_1 --seed 1" "s_2 --seed 2" "s_3 --seed 3" "s_4 --seed 4" "h_64 --hidden 64" | xargs -P "${JOBS:-2}" -I{} bash -c 'run {}'
/usr/bin/python3 models/text/ensemble.py $W/teacher5.npy $W/s_0 $W/s_1 $W/s_2 $W/s_3 $W/s_4 | tee $W/ensemble.txt
printf '%s\n' "d_05 --seed 5 --teacher $W/teacher5.npy --distill 0.5" "d_09 --seed 5 --teacher $W/teacher5.npy --distill 0.9" | xargs -P "${JOBS:-2}" -I{} bash -c 'run {}'
# caption augmentation: half of the training texts as live captions write them (scripts/text/caption-style.ts)
nice -n 10 npx tsx scripts/text/extract-features.ts --caption-style --out $W/features_caps | tail -1
printf '%s\n' "c_0 --seed 0" "c_1 --seed 1" | sed "s|\$| --aug-features $W/features_caps --aug-prob 0.5|" | xargs -P "${JOBS:-2}" -I{} bash -c 'run {}'
/usr/bin/python3 models/text/select_recipe.py $W/s_0 $W/s_1 $W/s_2 $W/s_3 $W/s_4 $W/h_64 $W/d_05 $W/d_09 $W/c_0 $W/c_1 | tee $W/select3.txt
