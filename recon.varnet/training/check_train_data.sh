#!/bin/sh
# train.py --data on fastMRI-layout and ISMRMRD files: a short training run, the same run killed (SIGKILL) after its
# first checkpoints and resumed, and the proof that both end identically (every loss.csv row and every weight).
#   recon.varnet/training/check_train_data.sh [DIR]      (default /tmp/varnet-train-data-check; about 5 min on 2 cores)
set -e
cd "$(dirname "$0")"
D=${1:-/tmp/varnet-train-data-check}
export OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
rm -rf "$D"
mkdir -p "$D"
# 3 fastMRI files and 2 ISMRMRD files, 2 slices each (the seeded split puts 2 fastMRI files into validation): 4 coils, 72 lines (2 of them padding each side),
# readout 128 (2x oversampled), reconstruction 64 x 64
$PY make_fastmri_files.py --out "$D/data" --files 3 --slices 2 --matrix 64 --coils 4 --lines 72 --seed 61
$PY make_fastmri_files.py --out "$D/data" --files 2 --slices 2 --matrix 64 --coils 4 --lines 72 --seed 62 \
    --format ismrmrd
CONFIG=config/realdata-smoke.json

echo "== run A: uninterrupted"
$PY train.py --data "$D/data" --config $CONFIG --run-dir "$D/run-a"

echo "== run B: killed after its second checkpoint, then resumed"
$PY train.py --data "$D/data" --config $CONFIG --run-dir "$D/run-b" > "$D/run-b.log" 2>&1 &
PID=$!
while ! grep -q "^it 20/" "$D/run-b.log" 2>/dev/null; do
  sleep 0.2
  kill -0 $PID 2>/dev/null || { cat "$D/run-b.log"; echo "run B ended early"; exit 1; }
done
sleep 1  # into the next iterations, past the checkpoint
kill -9 $PID
wait $PID 2>/dev/null || true
cat "$D/run-b.log"
echo "-- killed (SIGKILL) at: $(tail -n 1 "$D/run-b/loss.csv" | cut -d, -f1) (last logged iteration)"
$PY train.py --data "$D/data" --config $CONFIG --run-dir "$D/run-b"

echo "== compare"
$PY - "$D" <<'EOF'
import csv, os, sys
import torch
d = sys.argv[1]
rows = [list(csv.reader(open(os.path.join(d, r, "loss.csv")))) for r in ("run-a", "run-b")]
cols = [0, 4, 5, 6, 7, 8, 9, 10]  # iteration, loss, ssim, l1_rel, rows, cols, coils, acceleration (not the times)
same_rows = [[r[i] for i in cols] for r in rows[0]] == [[r[i] for i in cols] for r in rows[1]]
a, b = (torch.load(os.path.join(d, r, "model.pt")) for r in ("run-a", "run-b"))
diff = max(float((a[k] - b[k]).abs().max()) for k in a)
print(f"loss.csv: {len(rows[0]) - 1} rows, identical (iteration, loss, ssim, l1, shape, acceleration): {same_rows}")
print(f"model.pt: {len(a)} tensors, max |A - B| = {diff:.3g}")
sys.exit(0 if same_rows and diff == 0 else 1)
EOF
echo "train.py --data: resumed run identical to the uninterrupted one"
