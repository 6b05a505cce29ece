#!/usr/bin/env bash
# bash models/text/search_meld.sh -- the MELD-margin recipe search (models/text/README.md, "MELD margin").
# Selection on meld-val = the last 10 % of MELD train (held out), never MELD dev; then
# python3 models/text/select_recipe.py prints meld-val and the guards (not MELD dev).
cd "$(dirname "$0")/../.."
COMMON="--holdout isear --dense --dim 24 --buckets 120000 --lr 3e-3 --epochs 5 --meld-val 0.1"
run() { name=$1; shift; OMP_NUM_THREADS=1 nice -n 10 /usr/bin/python3 models/text/train.py $COMMON "$@" --out models/text/work/$name > models/text/work/$name.log 2>&1; echo "done $name"; }
run v_base &
run v_m3 --corpus-boost meld=3 &
run v_cp1 --class-power 1.0 &
run v_la --class-power 0 --logit-adjust 1.0 &
run v_m3cp75 --corpus-boost meld=3 --class-power 0.75 &
wait
