#!/usr/bin/env bash
# Shows that an incompatible API change without a version bump fails the build.
# Works on a scratch clone and a scratch Maven repository; your checkout and ~/.m2 are not touched.
# It installs the current recon.api as a pretend earlier release 0.0.9, changes Reconstructor.descriptor() to
# descriptor(String), and builds recon.api: bnd-baseline-maven-plugin reports a MAJOR change and fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/m2"
mkdir -p "$repo"
[ -d "$HOME/.m2/repository" ] && cp -r "$HOME/.m2/repository/." "$repo/"

git clone -q "$top" "$work/src"
cp "$top/pom.xml" "$work/src/pom.xml"
cd "$work/src"
mvn -B -q -Dmaven.repo.local="$repo" -pl recon.api -am install -DskipTests || exit 1
mvn -B -q -Dmaven.repo.local="$repo" install:install-file -Dfile=recon.api/target/recon.api-0.1.0-SNAPSHOT.jar \
    -DgroupId=org.mrirecon -DartifactId=recon.api -Dversion=0.0.9 -Dpackaging=jar || exit 1

sed -i 's|    MethodDescriptor descriptor();|    MethodDescriptor descriptor(String locale);|' \
    recon.api/src/main/java/org/mrirecon/api/Reconstructor.java
echo "Changed Reconstructor.descriptor() to descriptor(String) without changing @Version(\"1.0.0\"); building..."
if mvn -B -Dmaven.repo.local="$repo" -pl recon.api verify -DskipTests > "$work/build.log" 2>&1; then
    echo "UNEXPECTED: the build passed"
    exit 1
fi
grep -E "Baseline problems|PACKAGE|INTERFACE|METHOD" "$work/build.log" | head -12
echo "As expected, the build failed: the change needs org.mrirecon.api 2.0.0."
