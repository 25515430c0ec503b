#!/bin/sh
# The whole pipeline, one command, resumable (re-run it after an interruption):
#   recon.varnet/training/train.sh [config]
# 1. phantom slices -> /work/varnet-data (skipped when present), 2. training (resumes from the run's checkpoint),
# 3. export of the model package into src/main/resources and of the Java test fixture into src/test/resources.
set -e
cd "$(dirname "$0")"
CONFIG=${1:-config/varnet-phantom-v1.json}
NAME=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$CONFIG")
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
LAUNCHER=${LAUNCHER:-/work/main/launcher/target/launcher.jar}
/usr/bin/python3 prepare_data.py --launcher "$LAUNCHER" --out /work/varnet-data
/usr/bin/python3 train.py --config "$CONFIG"
/usr/bin/python3 export.py --config "$CONFIG" --out "../src/main/resources/models/$NAME" \
    --fixture ../src/test/resources/org/mrirecon/varnet/fixture
cp "/work/varnet-data/runs/$NAME/loss_curve.png" "../../docs/$NAME-loss.png"
