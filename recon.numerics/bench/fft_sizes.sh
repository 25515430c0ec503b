#!/usr/bin/env bash
# What one complex FFT costs on one core, by size, JTransforms beside FFTW (see FftSizes). Why it matters: the SENSE
# normal of CS and GRAPPA's image step are 320-point transforms along phase-encode, about half of a CS slice's CPU time
# with JTransforms.
# Usage: recon.numerics/bench/fft_sizes.sh [calls per round = 100000]
# Needs Java 17 and Maven with recon.numerics's dependencies installed (mvn install).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
mvn -B -q -o -pl recon.numerics test-compile
mvn -B -q -o -pl recon.numerics dependency:build-classpath -Dmdep.outputFile="$CP" >/dev/null
java -cp "recon.numerics/target/test-classes:recon.numerics/target/classes:$(cat "$CP")" \
    org.mrirecon.numerics.op.FftSizes "$@"
