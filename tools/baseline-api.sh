#!/usr/bin/env bash
# Baselines today's recon.api against the API as it was released before 2.0 (commit 3b0f1b8, org.mrirecon.api 1.0.0).
# Works on scratch clones and a scratch Maven repository; your checkout and ~/.m2 are not touched.
# The old recon.api is installed as the pretend release 0.0.9 and today's recon.api is built against it with the
# bnd-baseline-maven-plugin's full report: it must name org.mrirecon.api 1.0.0 -> 2.0.0 as a MAJOR change and pass.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
old=${1:-3b0f1b8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/m2"
mkdir -p "$repo"
[ -d "$HOME/.m2/repository" ] && cp -r "$HOME/.m2/repository/." "$repo/"

git clone -q "$top" "$work/old" && git -C "$work/old" checkout -q "$old" || exit 1
(cd "$work/old" && mvn -B -q -o -Dmaven.repo.local="$repo" -N install && \
    mvn -B -q -o -Dmaven.repo.local="$repo" -pl recon.api install -DskipTests) || exit 1
mvn -B -q -o -Dmaven.repo.local="$repo" install:install-file -Dfile="$work/old/recon.api/target/recon.api-0.1.0-SNAPSHOT.jar" \
    -DgroupId=org.mrirecon -DartifactId=recon.api -Dversion=0.0.9 -Dpackaging=jar || exit 1

git clone -q "$top" "$work/new"
cp "$top/pom.xml" "$work/new/pom.xml"
cd "$work/new"
mvn -B -q -o -Dmaven.repo.local="$repo" -N install || exit 1
if ! mvn -B -o -Dmaven.repo.local="$repo" -pl recon.api verify -DskipTests -Dbnd.baseline.fullReport=true \
        > "$work/build.log" 2>&1; then
    grep -E "ERROR|Baseline" "$work/build.log" | head -20
    echo "UNEXPECTED: the baseline check failed"
    exit 1
fi
grep -E "Baseline check" "$work/build.log"
# the report's package lines: name, change, new version, old version, suggested version
grep -E "^ *[<=>*+-]* *PACKAGE|org\.mrirecon\.api " recon.api/target/baseline/*.txt | head -20
echo "The baseline check passed: org.mrirecon.api carries the major version its changes need."
