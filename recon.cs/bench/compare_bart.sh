#!/usr/bin/env bash
# Side by side with BART on the same knee-phantom slice and the same masks: BART's ecalib + pics -l1 against recon.cs
# (ESPIRiT + l1-wavelet), at 4x with 20 ACS lines and 2x with 32, same iteration count. Prints PSNR/SSIM/NMSE against
# the fully sampled RSS reference and wall time, then how our ESPIRiT maps agree with BART's and with the true maps.
#
# Usage: recon.cs/bench/compare_bart.sh [iterations=50] [bart_lambda=0.01] [size=320] [coils=15] [slice=17]
# Environment: WORK     folder for the .cfl files (default: a new temporary folder)
#              REPEATS  our reconstructions per protocol; the first is timed cold, the best of the rest warm (3)
#              OURS     extra parameters for ours, e.g. "lambda=0.003 wavelet=db2"
#              BART_THREADS  OMP_NUM_THREADS for BART (default: all cores)
#              OMP_WAIT_POLICY  for BART's OpenMP threads (default PASSIVE: with the default spinning waits BART runs
#                       several times slower whenever other processes share the cores)
# Needs Java 17 and Maven with recon.cs's dependencies installed; installs BART from Debian if it is missing.
set -euo pipefail

ITER=${1:-50}
REG=${2:-0.01}
N=${3:-320}
COILS=${4:-15}
SLICE=${5:-17}
REPEATS=${REPEATS:-3}
OURS=${OURS:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if ! command -v bart >/dev/null 2>&1; then
    echo "BART not found: installing the Debian package" >&2
    apt-get install -y bart >&2
fi
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
if [ -n "${BART_THREADS:-}" ]; then
    export OMP_NUM_THREADS=$BART_THREADS
fi

cd "$ROOT"
mvn -B -q -o -pl recon.cs test-compile
mvn -B -q -o -pl recon.cs dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="$ROOT/recon.cs/target/test-classes:$ROOT/recon.cs/target/classes:$(cat "$WORK/classpath.txt")"
run() { java -cp "$CP" org.mrirecon.cs.bench.BartComparison "$@"; }
now_ms() { date +%s%3N; }

echo "BART $(bart version) (OMP_WAIT_POLICY=$OMP_WAIT_POLICY), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "data in $WORK"
echo "phantom ${N}x${N}, $COILS coils, slice $SLICE; $ITER iterations; bart pics -S -l1 -r $REG; ours: ${OURS:-defaults}"
run write "$WORK" "$N" "$COILS" "$SLICE" 4:20 2:32

for P in 4:20 2:32; do
    TAG=R${P/:/_}
    echo
    printf '%-34s %7s %7s %8s %8s\n' method PSNR SSIM NMSE time_s
    t0=$(now_ms)
    bart ecalib -m2 "$WORK/ksp_$TAG" "$WORK/maps_$TAG" >/dev/null
    t1=$(now_ms)
    bart pics -S -l1 -r "$REG" -i "$ITER" "$WORK/ksp_$TAG" "$WORK/maps_$TAG" "$WORK/bart_$TAG" >/dev/null 2>&1
    t2=$(now_ms)
    run score "$WORK" "$P" "$WORK/bart_$TAG" "$(awk "BEGIN{print ($t2 - $t0) / 1000}")" "bart ecalib+pics"
    echo "  bart ecalib $(awk "BEGIN{print ($t1 - $t0) / 1000}") s, pics $(awk "BEGIN{print ($t2 - $t1) / 1000}") s"
    # shellcheck disable=SC2086
    run ours "$WORK" "$P" "$REPEATS" iterations="$ITER" $OURS
    run maps "$WORK" "$P" "$WORK/maps_$TAG"
done
