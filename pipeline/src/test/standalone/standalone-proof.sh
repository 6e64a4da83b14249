#!/usr/bin/env bash
# Proof that `spark-submit` of the cluster jar works in client AND cluster deploy mode on a Spark
# standalone cluster, with results equal to an embedded run (pipeline/README.md, "Running on a
# cluster"). A master and two workers (one core each) are started on 127.0.0.1 only, from the
# Spark jars Maven resolved (no Spark distribution needed): SPARK_HOME/jars is spark-sql's
# runtime classpath, as in a distribution.
#
#   pipeline/src/test/standalone/standalone-proof.sh [--no-build] [WORK_DIR]
#
# Steps: build (mvn -Pcluster package), simulate 8 marrows, run embedded (bin/mrdflow run), start
# the cluster, spark-submit in client mode and in cluster mode (the driver on a worker, with the
# bundled config and the module options from conf/spark-java-options), compare every Parquet row
# of the three warehouses with DuckDB, then check that a failing run in cluster mode is reported:
# spark-submit itself exits 0 there whatever the driver's end (Spark's deploy Client), so cluster
# mode goes through bin/mrdflow-standalone-submit, which asks the master how the driver ended and
# must exit 1. Exit 0 when all holds, 3 when loopback ports cannot be bound (skip).
set -euo pipefail

home="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../../.." && pwd)"
build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
work="${1:-$(mktemp -d /tmp/mrdflow-standalone.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
pids=()
# the daemons run as children of background subshells: stop the JVMs, then the subshells
cleanup() { for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
# run LOG COMMAND...: runs it with its output in LOG; on failure shows the end of LOG and stops.
run() {
  local log=$1; shift
  "$@" > "$log" 2>&1 || { echo "FAILED ($log):"; tail -40 "$log"; exit 1; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
if ! master_port=$(free_port 2>/dev/null) || ! ui_port=$(free_port 2>/dev/null); then
  echo "SKIP: cannot bind a loopback port"; exit 3
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$home/pom.xml" | head -1)
spark_version=$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$home/pom.xml")
jar="$home/cli/target/mrdflow-cli-$version-cluster.jar"
if $build; then
  say "building the cluster jar (mvn -Pcluster package)"
  (cd "$home" && mvn -B -q -o -Dstyle.color=never -Pcluster -DskipTests package)
fi
[ -f "$jar" ] || { echo "no $jar: build with mvn -Pcluster -DskipTests package"; exit 1; }

# A Spark "distribution": SPARK_HOME/jars = spark-sql's runtime classpath from ~/.m2.
export SPARK_HOME="$work/spark"
mkdir -p "$SPARK_HOME/jars"
cat > "$SPARK_HOME/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>proof</groupId><artifactId>spark-dist</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId>
    <artifactId>spark-sql_2.13</artifactId><version>$spark_version</version></dependency></dependencies>
</project>
POM
(cd "$SPARK_HOME" && mvn -B -q -o org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=cp.txt >/dev/null)
for j in $(tr ':' ' ' < "$SPARK_HOME/cp.txt"); do ln -sf "$j" "$SPARK_HOME/jars/"; done
export SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
read -r -a module_opts < "$home/conf/spark-java-options" || [ ${#module_opts[@]} -gt 0 ]
opts="$(cat "$home/conf/spark-java-options")"
spark_java() { java "${module_opts[@]}" -Xmx768m -cp "$SPARK_HOME/jars/*" "$@"; }
# $SPARK_HOME/bin/spark-submit, as in a distribution (SparkSubmit is what that script starts; its
# JVM gets the module options as the script's launcher would give them).
mkdir -p "$SPARK_HOME/bin"
cat > "$SPARK_HOME/bin/spark-submit" <<SUBMIT
#!/usr/bin/env bash
exec java $(cat "$home/conf/spark-java-options") -Xmx768m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit "\$@"
SUBMIT
chmod +x "$SPARK_HOME/bin/spark-submit"

# One pseudonym key for every run, as a key file (the documented way on a cluster): without a key
# each run pseudonymizes file names with its own random key, and samples.source_path/file_name
# (and the plot paths) would differ between the warehouses. A standalone driver launched by a
# worker inherits the submitter's environment, so it reads the same file.
head -c 32 /dev/urandom | base64 > "$work/mrdflow.key"
chmod 600 "$work/mrdflow.key"
export MRDFLOW_PSEUDONYM_KEY_FILE="$work/mrdflow.key"

say "simulating 8 marrows and running embedded (bin/mrdflow run)"
run "$work/simulate.log" "$home/bin/mrdflow" simulate --scenario demo --seed 3 --events 100000 \
  --out "$work/in"
t=$SECONDS
run "$work/embedded.log" "$home/bin/mrdflow" run --input "$work/in" --output "$work/embedded" \
  --run-id proof
embedded_s=$((SECONDS - t))

say "starting a master and two workers on 127.0.0.1:$master_port"
master="spark://127.0.0.1:$master_port"
spark_java org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$master_port" \
  --webui-port "$ui_port" > "$work/master.log" 2>&1 &
pids+=($!)
for i in $(seq 60); do grep -q "I have been elected leader" "$work/master.log" && break; sleep 1; done
if ! grep -q "I have been elected leader" "$work/master.log"; then
  echo "SKIP: the master did not start on 127.0.0.1:$master_port (see $work/master.log)"; exit 3
fi
for w in 1 2; do
  spark_java org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 --cores 1 \
    --memory 2g --work-dir "$work/worker$w" "$master" > "$work/worker$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 60); do
  [ "$(grep -l "Successfully registered with master" "$work"/worker*.log 2>/dev/null | wc -l)" = 2 ] && break
  sleep 1
done
grep -q "Registering worker" "$work/master.log" || { echo "workers did not register"; exit 1; }

# spark-submit exactly as pipeline/README.md documents it; cluster mode through
# bin/mrdflow-standalone-submit (SUBMIT=... submit ...), which adds the driver's end to the exit status.
export MRDFLOW_MASTER_UI="http://127.0.0.1:$ui_port"
submit() {
  local mode=$1 out=$2; shift 2
  (cd "$work" && ${SUBMIT:-"$SPARK_HOME/bin/spark-submit"} --master "$master" \
    --deploy-mode "$mode" --name "mrdflow-$mode" \
    --conf "spark.driver.extraJavaOptions=$opts" --conf "spark.executor.extraJavaOptions=$opts" \
    --conf spark.standalone.submit.waitAppCompletion=true \
    --driver-memory 1g --executor-memory 1g --total-executor-cores 2 \
    "$jar" run --input "$work/in" --output "$out" --run-id proof "$@")
}
say "spark-submit --deploy-mode client"
t=$SECONDS; run "$work/client.log" submit client "$work/client"; client_s=$((SECONDS - t))
say "spark-submit --deploy-mode cluster (driver on a worker)"
t=$SECONDS; SUBMIT="$home/bin/mrdflow-standalone-submit" run "$work/cluster.log" submit cluster "$work/cluster"
cluster_s=$((SECONDS - t))

say "comparing every Parquet row with DuckDB"
duckdb=$(ls ~/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar | head -1)
cmp="$home/pipeline/src/test/standalone/CompareWarehouses.java"
echo "== client vs embedded";  java -cp "$duckdb" "$cmp" "$work/embedded" "$work/client"
echo "== cluster vs embedded"; java -cp "$duckdb" "$cmp" "$work/embedded" "$work/cluster"

say "a failing run in cluster mode (output folder cannot be created)"
touch "$work/not-a-folder"
set +e
submit cluster "$work/not-a-folder/warehouse" > "$work/failing-plain.log" 2>&1
plain_exit=$?
SUBMIT="$home/bin/mrdflow-standalone-submit" submit cluster "$work/not-a-folder/warehouse" > "$work/failing.log" 2>&1
failing_exit=$?
set -e
echo "failing run: spark-submit alone exit $plain_exit; bin/mrdflow-standalone-submit exit $failing_exit" \
  "($(grep -h 'mrdflow-standalone-submit:' "$work/failing.log" | tail -1)); driver said:" \
  "$(grep -h '^run:' "$work"/worker*/driver-*/stderr | tail -1)"
[ "$failing_exit" -eq 1 ] || { echo "bin/mrdflow-standalone-submit did not exit 1 after a failed run"; exit 1; }

echo "seconds: embedded $embedded_s, client $client_s, cluster $cluster_s (2 workers x 1 core)"
echo "cluster jar: $(du -k "$jar" | cut -f1) KB; work folder: $work"
echo "driver summary (cluster mode):"; grep -h -A8 "^MRDFlow run" "$work"/worker*/driver-*/stdout | head -12 || true
echo "PROOF OK"
