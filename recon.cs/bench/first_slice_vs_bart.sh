#!/usr/bin/env bash
# A user's first CS slice from the command line, whole process, side by side with BART on the same slice: BART's
# `ecalib` + `pics -l1` (two processes) against `launcher/target/recon run -m cs` and `java -jar launcher.jar run -m cs`
# (one process each: framework start, reading, ESPIRiT + 50 FISTA iterations, report), alternated ROUNDS times;
# medians. Also the same CS warm, in process (bench), for the warm ratio.
#
# Usage: recon.cs/bench/first_slice_vs_bart.sh [ROUNDS=5] [EXTRA_JAR...]
#   EXTRA_JAR: more launcher jars to time with `java -jar` (e.g. an older build), labelled by file name.
# Environment: JAVA25_HOME, a Java 25+ JDK (default: Temurin 25 under /usr/lib/jvm if there): `recon` is also timed
# on it with its AOT cache (made once here by `recon --aot-cache`); JAVA25_HOME= (empty) skips it.
# Needs the launcher built (mvn install) and BART (Debian package `bart`); writes the slice with compare_bart.sh's
# helper (knee phantom 320x320, 15 coils, slice 17, 4x with 20 ACS lines).
set -euo pipefail
ROUNDS=${1:-5}
shift || true
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${WORK:-$(mktemp -d)}
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
cd "$ROOT"
if [ ! -f "$WORK/ksp_R4_20.cfl" ]; then
    mvn -B -q -o -pl recon.cs test-compile
    mvn -B -q -o -pl recon.cs dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
    java -cp "recon.cs/target/test-classes:recon.cs/target/classes:$(cat "$WORK/classpath.txt")" \
        org.mrirecon.cs.bench.BartComparison write "$WORK" 320 15 17 4:20
fi
JAVA25_HOME=${JAVA25_HOME-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -n "$JAVA25_HOME" ] && [ -x "$JAVA25_HOME/bin/java" ]; then
    JAVA_HOME=$JAVA25_HOME launcher/target/recon --aot-cache >/dev/null
else
    JAVA25_HOME=
fi
now() { date +%s%N; }
secs() { awk "BEGIN{printf \"%.2f\", ($2 - $1) / 1e9}"; }
declare -A times
run_ours() { # label, command...
    local label=$1; shift
    local t0; t0=$(now)
    "$@" run -i "$WORK/ksp_R4_20.cfl" -m cs -p iterations=50 --no-progress -o "$WORK/out" >/dev/null 2>&1
    times[$label]+="$(secs "$t0" "$(now)") "
}
for ((r = 1; r <= ROUNDS; r++)); do
    t0=$(now)
    bart ecalib -m2 "$WORK/ksp_R4_20" "$WORK/maps" >/dev/null
    bart pics -S -l1 -r 0.01 -i 50 "$WORK/ksp_R4_20" "$WORK/maps" "$WORK/bart" >/dev/null 2>&1
    times[bart]+="$(secs "$t0" "$(now)") "
    run_ours recon launcher/target/recon
    run_ours java-jar java -jar launcher/target/launcher.jar
    if [ -n "$JAVA25_HOME" ]; then
        JAVA_HOME=$JAVA25_HOME run_ours recon-java25-aot launcher/target/recon
    fi
    for jar in "$@"; do
        run_ours "$(basename "$jar")" java -jar "$jar"
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
bart=$(echo "${times[bart]}" | median)
echo "first CS slice, whole process, $ROUNDS alternated rounds on $(nproc) cores (seconds; median, all):"
for k in bart recon java-jar ${JAVA25_HOME:+recon-java25-aot} "$@"; do
    k=$(basename "$k")
    m=$(echo "${times[$k]}" | median)
    printf '  %-28s %6.2f  x%.2f of BART   [%s]\n' "$k" "$m" "$(awk "BEGIN{print $m / $bart}")" "${times[$k]% }"
done
