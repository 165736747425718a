#!/usr/bin/env bash
# Entry point of the Abacus Lab Spark image.
#
#   driver ARGS...         Spark on Kubernetes driver pod: spark-submit in client mode inside the pod
#   executor               Spark on Kubernetes executor pod: KubernetesExecutorBackend, configured by the
#                          SPARK_* environment variables the driver sets on the pod
#   spark-submit ARGS...   Spark's own spark-submit
#   anything else          the platform CLI (lab.abacus.cli.AbacusMain), e.g. `sweep run ...`, `--help`
#
# The driver/executor contract is the one Spark's Kubernetes scheduler backend expects from its image (Spark 4.x
# kubernetes/dockerfiles/spark/entrypoint.sh): the driver pod is started with `driver --properties-file ...
# --class ... <jar>` and executor pods with `executor`, so this image works with spark-submit --master k8s://
# and with the Spark operator without a separate Spark image.
#
# Environment: SPARK_HOME (default /opt/spark), JAVA_OPTS (CLI JVM options, e.g. -Xmx8g),
#              ABACUS_LIB (default /opt/abacus/lib), ABACUS_HOME (default /opt/abacus).
set -euo pipefail

export SPARK_HOME="${SPARK_HOME:-/opt/spark}"
# A SPARK_HOME assembled from Maven jars (no release tarball) has no RELEASE file: without this, bin/spark-class
# fails with "Cannot find any build directories".
export SPARK_SCALA_VERSION="${SPARK_SCALA_VERSION:-2.13}"
ABACUS_LIB="${ABACUS_LIB:-/opt/abacus/lib}"
ABACUS_HOME="${ABACUS_HOME:-/opt/abacus}"

# Spark on Java 17 needs its --add-opens list (spark-submit adds it itself; a plain `java` must pass it): the root
# pom's spark.add.opens, written by the build as a java @argfile.
JVM_OPTIONS="@${ABACUS_HOME}/bin/jvm.options"

if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(java -XshowSettings:properties -version 2>&1 | awk '$1 == "java.home" { print $3 }')"
  export JAVA_HOME
fi

# Pods often run as an arbitrary uid (runAsUser, OpenShift) without a passwd entry; Hadoop's login then fails
# ("invalid null input: name"). Add one: to /etc/passwd if writable, else through nss_wrapper if installed.
ensure_passwd_entry() {
  local uid gid name wrapper
  uid="$(id -u)"
  gid="$(id -g)"
  getent passwd "$uid" >/dev/null 2>&1 && return 0
  name="${SPARK_USER_NAME:-anonymous uid}"
  if [[ -w /etc/passwd ]]; then
    echo "$uid:x:$uid:$gid:$name:$SPARK_HOME:/bin/false" >>/etc/passwd
    return 0
  fi
  for wrapper in /usr/lib/*/libnss_wrapper.so /usr/lib/libnss_wrapper.so /lib/*/libnss_wrapper.so; do
    if [[ -s "$wrapper" ]]; then
      NSS_WRAPPER_PASSWD="$(mktemp)"
      NSS_WRAPPER_GROUP="$(mktemp)"
      echo "spark:x:$uid:$gid:$name:$SPARK_HOME:/bin/false" >"$NSS_WRAPPER_PASSWD"
      echo "spark:x:$gid:" >"$NSS_WRAPPER_GROUP"
      export LD_PRELOAD="$wrapper" NSS_WRAPPER_PASSWD NSS_WRAPPER_GROUP
      return 0
    fi
  done
  echo "entrypoint: uid $uid has no passwd entry and none could be added" >&2
}

# Run the final command as PID 1's child under tini when the image has it (signal forwarding, zombie reaping);
# otherwise exec it directly so the JVM itself receives SIGTERM.
run() {
  local tini
  tini="$(command -v tini || true)"
  if [[ -n "$tini" ]]; then
    exec "$tini" -s -- "$@"
  fi
  exec "$@"
}

# The classpath Spark's image gives an executor: conf dir, Hadoop conf, SPARK_CLASSPATH (spark.executor.
# extraClassPath arrives here), Spark's jars, SPARK_EXTRA_CLASSPATH, and the working directory (SPARK-43540: files
# shipped with --files / --jars land there).
spark_classpath() {
  local cp="${SPARK_CLASSPATH:-}:$SPARK_HOME/jars/*"
  [[ -n "${SPARK_EXTRA_CLASSPATH:-}" ]] && cp="$cp:$SPARK_EXTRA_CLASSPATH"
  [[ -n "${HADOOP_CONF_DIR+x}" ]] && cp="$HADOOP_CONF_DIR:$cp"
  if [[ -n "${SPARK_CONF_DIR+x}" ]]; then
    cp="$SPARK_CONF_DIR:$cp"
  else
    cp="$SPARK_HOME/conf:$cp"
  fi
  echo "$cp:$PWD"
}

# A Hadoop installation's jars for executors, unless the pod already says which.
if [[ -n "${HADOOP_HOME:-}" && -z "${SPARK_DIST_CLASSPATH:-}" ]]; then
  SPARK_DIST_CLASSPATH="$("$HADOOP_HOME/bin/hadoop" classpath)"
  export SPARK_DIST_CLASSPATH
fi
[[ -n "${PYSPARK_PYTHON+x}" ]] && export PYSPARK_PYTHON
[[ -n "${PYSPARK_DRIVER_PYTHON+x}" ]] && export PYSPARK_DRIVER_PYTHON

case "${1:-}" in
  driver)
    shift
    ensure_passwd_entry
    # Client mode inside the driver pod; the pod's IP is the bind address, and executors learn it too.
    run "$SPARK_HOME/bin/spark-submit" \
      --conf "spark.driver.bindAddress=${SPARK_DRIVER_BIND_ADDRESS:?driver pods get SPARK_DRIVER_BIND_ADDRESS from Spark}" \
      --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client \
      "$@"
    ;;

  executor)
    shift
    ensure_passwd_entry
    # The driver passes the executor's JVM options (spark.executor.extraJavaOptions and Spark's own, the
    # --add-opens list included) as SPARK_JAVA_OPT_0, _1, ...: keep their numeric order, one argument each.
    SPARK_EXECUTOR_JAVA_OPTS=()
    mapfile -t opt_vars < <(compgen -e | grep -E '^SPARK_JAVA_OPT_[0-9]+$' | sort -t_ -k4,4n || true)
    for v in "${opt_vars[@]}"; do
      SPARK_EXECUTOR_JAVA_OPTS+=("${!v}")
    done
    mem="${SPARK_EXECUTOR_MEMORY:?executor pods get SPARK_EXECUTOR_MEMORY from Spark}"
    run "$JAVA_HOME/bin/java" \
      "${SPARK_EXECUTOR_JAVA_OPTS[@]}" \
      "-Xms$mem" "-Xmx$mem" \
      -cp "$(spark_classpath)${SPARK_DIST_CLASSPATH:+:$SPARK_DIST_CLASSPATH}" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "${SPARK_DRIVER_URL:?}" \
      --executor-id "${SPARK_EXECUTOR_ID:?}" \
      --cores "${SPARK_EXECUTOR_CORES:?}" \
      --app-id "${SPARK_APPLICATION_ID:?}" \
      --hostname "${SPARK_EXECUTOR_POD_IP:?}" \
      --resourceProfileId "${SPARK_RESOURCE_PROFILE_ID:?}" \
      --podName "${SPARK_EXECUTOR_POD_NAME:?}"
    ;;

  spark-submit)
    shift
    ensure_passwd_entry
    run "$SPARK_HOME/bin/spark-submit" "$@"
    ;;

  *)
    ensure_passwd_entry
    # The platform CLI with Spark embedded (local[*]) — bin/abacus's JVM, with the image's jars. DJL must never
    # download (the CPU natives jar is on the classpath). abacus-lab.home lets `quickstart` find sweeps/.
    # shellcheck disable=SC2086  # JAVA_OPTS is an option list
    run "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -Dai.djl.offline=true "$JVM_OPTIONS" \
      "-Dabacus-lab.home=$ABACUS_HOME" \
      -cp "$ABACUS_LIB/abacus-spark-jobs.jar:$ABACUS_LIB/pytorch-native-cpu.jar:$SPARK_HOME/jars/*" \
      lab.abacus.cli.AbacusMain "$@"
    ;;
esac
