#!/bin/sh
# Benchmark (not a test): the full-size fastMRI VarNet (29.9 M parameters) on one 640 x 368, 15-coil slice,
# Java + ONNX Runtime vs PyTorch (fastMRI's architecture on the original checkpoint, and this project's layout
# read from the package), 2 threads each, one after the other; median of RUNS runs after a warm-up; peak resident
# memory of each process (/usr/bin/time -v).
#   recon.varnet/training/bench_import.sh DIR [CASE] [RUNS]
# DIR: a folder of make_import_fixtures.py --full (default case fastmri-full-knee-368); after mvn -o -pl recon.varnet install
set -e
cd "$(dirname "$0")/.."
DIR=${1:?give the folder written by make_import_fixtures.py --full}
CASE=$DIR/${2:-fastmri-full-knee-368}
RUNS=${3:-3}
OUT=target/bench-import
mkdir -p $OUT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
peak() { sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$1" | awk '{printf "%.2f GB\n", $1 / 1048576}'; }
/usr/bin/time -v -o $OUT/java.time java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    org.mrirecon.varnet.ImportedModelBenchmark "$CASE" $OUT "$RUNS" 2
echo "Java peak resident memory: $(peak $OUT/java.time)"
cd training
for MODEL in original converted; do
  OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/time -v -o ../$OUT/torch-$MODEL.time /usr/bin/python3 \
      bench_import_torch.py --case "$CASE" --java ../$OUT --model $MODEL --runs "$RUNS" 2>&1 | grep -v -i warn
  echo "PyTorch ($MODEL) peak resident memory: $(peak ../$OUT/torch-$MODEL.time)"
done
