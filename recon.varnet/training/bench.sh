#!/bin/sh
# Benchmark (not a test): ms per slice, 320 x 320, 15 coils, 4x / 20 ACS, Java + ONNX Runtime vs PyTorch, same
# model (the bundled package, read by both), same input, 2 threads each, one after the other.
#   recon.varnet/training/bench.sh [runs]      (after: mvn -o -pl recon.varnet install)
set -e
cd "$(dirname "$0")/.."
RUNS=${1:-5}
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" org.mrirecon.varnet.VarNetBenchmark \
    target/bench "$RUNS" 2
cd training
MODEL=$(sed -n 's/.*BUNDLED = "\(.*\)";/\1/p' ../src/main/java/org/mrirecon/varnet/ModelLoader.java)
OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench_torch.py --package "../src/main/resources/$MODEL" \
    --data ../target/bench --runs "$RUNS"
