#!/usr/bin/env bash
# Build the trainer and Spark images from the contexts Maven assembled (deploy/target/docker), offline
# (--network none): every jar is in the context, nothing is downloaded. (A CUDA flavour of the trainer builds
# DJL's JNI from source, so it needs the network and a CUDA -devel PyTorch base image: docs/kubernetes.md.)
#
#   mvn -B -ntp -DskipTests verify -pl deploy -am      (assembles the contexts; with DOCKER_HOST set it also runs this)
#   docker/build-images.sh [--context DIR] [--tag TAG] [--base IMAGE|local] [--flavor cpu|cu128] [--only trainer|spark]
#
# --base local builds on the registry-free base image of docker/base/build-local-base.sh (CI, tests); the default
# is a public JRE 17 image. Prints one line per image: tag, size, build seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
context="$repo/deploy/target/docker"
tag="0.1.0"
base="eclipse-temurin:17-jre"
flavor="cpu"
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --context) context="$2"; shift 2 ;;
    --tag) tag="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    --flavor) flavor="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    *) echo "build-images.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ "$base" == local ]]; then
  base="abacus-lab/base:bookworm-jre17"
  "$here/base/build-local-base.sh" "$base" >&2
fi
for d in "$context/trainer/lib" "$context/spark/lib"; do
  [[ -d "$d" ]] || { echo "build-images.sh: no $d: run 'mvn -B -ntp -DskipTests verify -pl deploy -am' first" >&2; exit 2; }
done

# Spark's jars: the SPARK_HOME that tools/spark-home assembles (hard links: the context is not a second copy).
spark_jars="$repo/tools/spark-home/target/spark-home/jars"
[[ -d "$spark_jars" ]] || { echo "build-images.sh: no $spark_jars: run 'mvn -B -ntp -DskipTests verify -pl tools/spark-home'" >&2; exit 2; }
rm -rf "$context/spark/jars"
cp -al "$spark_jars" "$context/spark/jars" 2>/dev/null || cp -a "$spark_jars" "$context/spark/jars"
cp "$here/trainer/abacus-trainer" "$here/trainer/cuda-natives.sh" "$context/trainer/"
cp "$here/spark/entrypoint.sh" "$here/spark/spark-submit" "$context/spark/"
rm -rf "$context/spark/sweeps"
cp -a "$repo/sweeps" "$context/spark/sweeps"
cp "$here/trainer/Dockerfile" "$context/trainer/Dockerfile"
cp "$here/spark/Dockerfile" "$context/spark/Dockerfile"

build() { # name, image tag, extra build args...
  local name="$1" image="$2"; shift 2
  local t0=$SECONDS
  docker build -q --network "$network" --build-arg "BASE_IMAGE=$base" "$@" -t "$image" "$context/$name" >&2
  local bytes
  bytes="$(docker image inspect -f '{{.Size}}' "$image")"
  printf '%s\t%d MB\t%d s\n' "$image" $((bytes / 1000000)) $((SECONDS - t0))
}
# A CPU build needs nothing from outside its context; a CUDA build fetches DJL's JNI sources (cuda-natives.sh).
network=none
suffix=""
[[ "$flavor" == cpu ]] || { suffix="-$flavor"; network=host; }
[[ "$only" == spark ]] || build trainer "abacus-lab/trainer:$tag$suffix" --build-arg "FLAVOR=$flavor"
[[ "$only" == trainer || "$flavor" != cpu ]] || build spark "abacus-lab/spark:$tag"
