#!/bin/bash
# Spark engine against the local engine on the same benchmark, same JVM options, alternated, ROUNDS times:
# wall time and peak RSS of each whole process, and whether their slices.csv are identical.
#   recon.spark/bench/engines.sh [ROUNDS] [SUBJECTS] [WORKERS...]     (defaults: 3 8 "1 2"; output under $WORK)
# Run from the repository root after `mvn install`; it pauses nothing else running on the machine.
set -eu
ROUNDS=${1:-3}
SUBJECTS=${2:-8}
shift $(( $# > 2 ? 2 : $# ))
WORKERS=${*:-1 2}
WORK=${WORK:-/tmp/recon-engines}
mkdir -p "$WORK"
mvn -B -q -o dependency:build-classpath -pl recon.spark -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
# Spark's runtime, without the launcher jar (the embedded runtime loads it itself) and with recon.spark's classes
CP=$(tr ':' '\n' < "$WORK/cp.txt" | grep -v 'org/mrirecon/launcher' | paste -sd:):recon.spark/target/classes
OPTS="-XX:+UseParallelGC -Xmn128m -XX:+UseTransparentHugePages"   # the options of launcher/target/recon
ARGS="--subjects $SUBJECTS --slices 3 -m grappa@2:32,cs@4:20,varnet@4:20,zero-filled@4:20 --no-progress"
for round in $(seq "$ROUNDS"); do
  for w in $WORKERS; do
    rm -rf "$WORK/local$w" "$WORK/spark$w"
    /usr/bin/time -f "round $round, local engine, $w worker(s): %e s wall, %M KB peak" \
      launcher/target/recon benchmark $ARGS --workers "$w" -o "$WORK/local$w" > "$WORK/local$w.log" 2>&1
    tail -1 "$WORK/local$w.log"
    /usr/bin/time -f "round $round, Spark local[$w]: %e s wall, %M KB peak" \
      java $OPTS -Dspark.master="local[$w]" -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
      -Dspark.ui.enabled=false -cp "$CP" org.mrirecon.spark.SparkBenchmark --launcher launcher/target/launcher.jar \
      -- $ARGS -o "$WORK/spark$w" > "$WORK/spark$w.log" 2>&1
    tail -1 "$WORK/spark$w.log"
    cmp "$WORK/local$w/slices.csv" "$WORK/spark$w/slices.csv" && echo "slices.csv identical ($w worker(s))"
  done
done
