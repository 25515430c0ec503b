#!/bin/sh
# The whole pipeline, one command, resumable (re-run it after an interruption):
#   recon.varnet/training/train.sh [config ...]
# 1. phantom slices -> /work/varnet-data (skipped when present), 2. training, stage by stage (each resumes from its
# run's checkpoint; a stage with "init_from" starts from that earlier stage's weights), 3. export of the last stage
# as the model package into src/main/resources and of the Java test fixture into src/test/resources.
set -e
cd "$(dirname "$0")"
if [ $# -eq 0 ]; then
  set -- config/varnet-phantom-v1-stage1.json config/varnet-phantom-v1.json config/varnet-phantom-v2.json \
    config/varnet-phantom-v3-rss.json config/varnet-phantom-v3.json config/varnet-phantom-v4.json config/varnet-phantom-v5.json config/varnet-phantom-v6.json
fi
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
LAUNCHER=${LAUNCHER:-/work/main/launcher/target/launcher.jar}
/usr/bin/python3 prepare_data.py --launcher "$LAUNCHER" --out /work/varnet-data
for CONFIG in "$@"; do
  /usr/bin/python3 train.py --config "$CONFIG"
done
NAME=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$CONFIG")
/usr/bin/python3 export.py --config "$CONFIG" --out "../src/main/resources/models/$NAME" \
    --fixture ../src/test/resources/org/mrirecon/varnet/fixture
RUNS=""
for CONFIG in "$@"; do
  RUNS="$RUNS /work/varnet-data/runs/$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$CONFIG")"
done
/usr/bin/python3 plot.py "../../docs/$NAME-loss.png" $RUNS
