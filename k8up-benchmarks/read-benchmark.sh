#!/bin/sh
# Times `k8up-rwo plan --cluster-file DUMP -o json` against `jq '.items|length' DUMP`, alternately,
# RUNS times each (default 3), and the YAML form of the same dump; prints wall seconds and peak
# resident memory (GNU time's %M) per run. Needs the jar (mvn -q -DskipTests package), jq and
# /usr/bin/time. See docs/performance.md.
set -eu
RUNS=${RUNS:-3}
DIR=${DIR:-/tmp/k8up-read-benchmark}
JAR=k8up-examples/target/k8up-rwo.jar
CP=k8up-benchmarks/target/benchmarks.jar
mkdir -p "$DIR"
[ -f "$DIR/dump.json" ] || java -cp "$CP" io.k8up.benchmarks.ClusterDumpGenerator "$DIR/dump.json" json
[ -f "$DIR/dump.yaml" ] || java -cp "$CP" io.k8up.benchmarks.ClusterDumpGenerator "$DIR/dump.yaml" yaml
ls -l "$DIR"/dump.json "$DIR"/dump.yaml
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "plan-json run $i: %e s, peak RSS %M KB" \
    java -jar "$JAR" plan --cluster-file "$DIR/dump.json" -o json > "$DIR/plan.json" || true
  /usr/bin/time -f "jq run $i: %e s, peak RSS %M KB" jq '.items|length' "$DIR/dump.json" > /dev/null
  /usr/bin/time -f "plan-yaml run $i: %e s, peak RSS %M KB" \
    java -jar "$JAR" plan --cluster-file "$DIR/dump.yaml" -o json > "$DIR/plan-yaml.json" || true
done
