#!/usr/bin/env bash
# cuda-natives.sh <flavor> <djl_cache_dir> — build DJL's PyTorch JNI against the torch of this image.
#
# Runs INSIDE a CUDA trainer image build, e.g.
#   docker build --build-arg FLAVOR=cu128 \
#     --build-arg BASE_IMAGE=<a CUDA PyTorch -devel image: python3 + torch, nvcc + CUDA headers, a JDK or apt> ...
# with a Dockerfile step like
#   RUN docker/trainer/cuda-natives.sh "$FLAVOR" "$DJL_CACHE_DIR"
#
# Why: DJL 0.35.1's natives on Maven Central are CPU-only (no CUDA libtorch for 2.7.1), and DJL's run-time download
# is not an option in a cluster. DJL can use any installed libtorch instead (PYTORCH_LIBRARY_PATH) if its JNI,
# libdjl_torch.so, is compiled against that libtorch. This script does that for the torch in the base image:
#   1. build tools via apt if missing (JDK 17 for `javac -h`, cmake, g++, make, git, curl)
#   2. DJL v0.35.1 sources (git clone; DJL_SRC_DIR=<checkout> uses a local one instead)
#   3. the JNI header, then cmake against the python torch (checked in CMakeCache), then make
#   4. the .so at <djl_cache_dir>/pytorch/<torch version>-<flavor>-linux-<arch>/0.35.1-libdjl_torch.so, the path
#      DJL's LibUtils looks up, and /opt/abacus/natives.env (KEY=value lines) with the variables that make DJL use it:
#      PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR. At run time DJL_CACHE_DIR (or ENGINE_CACHE_DIR) must
#      be <djl_cache_dir> and -Dai.djl.offline=true set.
#
# flavor: cpu, or cu<major><minor> matching torch.version.cuda (cu128 for CUDA 12.8, cu130 for 13.0). It is a
# label in DJL's cache path and must equal PYTORCH_FLAVOR at run time.
#
# Environment: PYTHON (default python3), DJL_SRC_DIR (local DJL v0.35.1 checkout), CUDA_HOME (default
# /usr/local/cuda), DJL_USE_CUDA=0 (leave out DJL's CUDA-only code: the inference stream and emptyCache; training
# on GPU does not need it), JOBS (parallel compiles; default from cores and memory), ABACUS_NATIVES_ENV (default
# /opt/abacus/natives.env).
set -euo pipefail

DJL_VERSION=0.35.1
DJL_GIT=https://github.com/deepjavalibrary/djl

log() { echo "cuda-natives: $*" >&2; }
die() { echo "cuda-natives: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: $(basename "$0") <flavor: cpu|cuXYZ> <djl_cache_dir>"
FLAVOR="$1"
CACHE_DIR="$2"
[[ "$FLAVOR" =~ ^(cpu|cu[0-9]{3,4})$ ]] || die "flavor '$FLAVOR' is neither cpu nor cu<digits> (e.g. cu128)"
mkdir -p "$CACHE_DIR"
CACHE_DIR="$(cd "$CACHE_DIR" && pwd)"
NATIVES_ENV="${ABACUS_NATIVES_ENV:-/opt/abacus/natives.env}"
PYTHON="${PYTHON:-python3}"

SUDO=()
[[ "$(id -u)" -eq 0 ]] || SUDO=(sudo)

# ---- 1. build tools ---------------------------------------------------------------------------------------------
need=()
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v cmake >/dev/null || need+=(cmake)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v git >/dev/null || need+=(git)
command -v curl >/dev/null || need+=(curl)
[[ -f /etc/ssl/certs/ca-certificates.crt ]] || need+=(ca-certificates)
if ((${#need[@]})); then
  command -v apt-get >/dev/null || die "missing ${need[*]} and no apt-get: install them in the base image"
  log "installing ${need[*]} (apt) ..."
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update >&2
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends "${need[@]}" >&2
fi
# find_package(JNI) needs a JDK home (include/jni.h), not a JRE.
if [[ ! -f "${JAVA_HOME:-/nonexistent}/include/jni.h" ]]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
  export JAVA_HOME
fi
[[ -f "$JAVA_HOME/include/jni.h" ]] || die "no jni.h under JAVA_HOME=$JAVA_HOME"

# ---- the torch of this image ------------------------------------------------------------------------------------
command -v "$PYTHON" >/dev/null || die "$PYTHON not found: the base image must have python3 with torch"
read -r TORCH_DIR TORCH_VERSION_FULL TORCH_CUDA < <(
  "$PYTHON" -c 'import os, torch; print(os.path.dirname(torch.__file__), torch.__version__, torch.version.cuda or "none")'
) || die "cannot import torch with $PYTHON"
TORCH_LIB="$TORCH_DIR/lib"
[[ -f "$TORCH_LIB/libtorch.so" ]] || die "no libtorch.so in $TORCH_LIB"
[[ -f "$TORCH_DIR/share/cmake/Torch/TorchConfig.cmake" ]] || die "no TorchConfig.cmake under $TORCH_DIR/share/cmake"
# DJL's label: x.y.z without the local part (2.7.1+cu128 -> 2.7.1).
TORCH_VERSION="$(sed -E 's/^([0-9]+\.[0-9]+\.[0-9]+).*/\1/' <<<"$TORCH_VERSION_FULL")"
IFS=. read -r TORCH_MAJOR TORCH_MINOR _ <<<"$TORCH_VERSION"
log "torch $TORCH_VERSION_FULL (CUDA $TORCH_CUDA) at $TORCH_DIR"

USE_CUDA=0
if [[ "$FLAVOR" == cu* ]]; then
  [[ "$TORCH_CUDA" != none ]] || die "flavor $FLAVOR but this torch is CPU-only"
  [[ "cu${TORCH_CUDA//./}" == "$FLAVOR" ]] \
    || log "WARNING: flavor $FLAVOR but torch was built for CUDA $TORCH_CUDA (cu${TORCH_CUDA//./}); the flavor is only a label"
  USE_CUDA="${DJL_USE_CUDA:-1}"
elif [[ "$TORCH_CUDA" != none ]]; then
  log "WARNING: flavor cpu with a CUDA torch: DJL's CUDA-only code (inference stream, emptyCache) is left out"
fi

case "$(uname -m)" in
  x86_64) CLASSIFIER=linux-x86_64 ;;
  aarch64|arm64) CLASSIFIER=linux-aarch64 ;;
  *) die "unsupported architecture $(uname -m)" ;;
esac

# ---- 2. DJL sources ---------------------------------------------------------------------------------------------
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SRC="$WORK/djl"
if [[ -n "${DJL_SRC_DIR:-}" ]]; then
  log "using DJL sources from $DJL_SRC_DIR"
  # Only what the JNI build reads, in the same layout (CMakeLists finds ../../../api/src/main/native).
  for p in engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java api/src/main/native; do
    [[ -d "$DJL_SRC_DIR/$p" ]] || die "$DJL_SRC_DIR has no $p"
    mkdir -p "$SRC/$(dirname "$p")"
    cp -a "$DJL_SRC_DIR/$p" "$SRC/$p"
  done
else
  log "fetching DJL v$DJL_VERSION sources ..."
  if ! git clone -q --depth 1 --branch "v$DJL_VERSION" "$DJL_GIT" "$SRC" >&2 \
      || [[ ! -d "$SRC/engines/pytorch/pytorch-native" ]]; then
    log "git clone failed; trying the release tarball"
    rm -rf "$SRC"
    mkdir -p "$SRC"
    curl -fsSL "$DJL_GIT/archive/refs/tags/v$DJL_VERSION.tar.gz" | tar -xz -C "$SRC" --strip-components=1
  fi
fi
NATIVE="$SRC/engines/pytorch/pytorch-native"
[[ -f "$NATIVE/CMakeLists.txt" ]] || die "no $NATIVE/CMakeLists.txt"

# torch >= 2.14 headers use C++20; DJL pins C++17.
if ((TORCH_MAJOR > 2 || (TORCH_MAJOR == 2 && TORCH_MINOR >= 14))); then
  sed -i 's/PROPERTY CXX_STANDARD 17)/PROPERTY CXX_STANDARD 20)/' "$NATIVE/CMakeLists.txt"
  grep -q 'PROPERTY CXX_STANDARD 20)' "$NATIVE/CMakeLists.txt" || die "could not switch CMakeLists.txt to C++20"
  log "torch $TORCH_VERSION: building with C++20"
fi

# DJL's build.sh: torch 1.13.1 / 2.0.1 / 2.1.x need the V1_13_X code paths.
PT_VERSION=""
[[ "$TORCH_VERSION" == 1.13.1 || "$TORCH_VERSION" == 2.0.1 || "$TORCH_VERSION" == 2.1.* ]] && PT_VERSION=V1_13_X

# ---- 3. header, configure, build (DJL's build.sh, with the image's torch instead of a downloaded libtorch) -------
BUILD="$NATIVE/build"          # CMakeLists.txt includes build/include
rm -rf "$BUILD"
mkdir -p "$BUILD/classes"
cd "$BUILD"
javac -sourcepath ../../pytorch-engine/src/main/java/ \
  ../../pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java -h include -d classes
[[ -f include/ai_djl_pytorch_jni_PyTorchLibrary.h ]] || die "javac -h wrote no JNI header"

cmake_args=(
  -G "Unix Makefiles"             # link.txt below is a Makefile-generator file; a base image may default to Ninja
  -DCMAKE_BUILD_TYPE=Release
  # The torch package dir itself in the prefix path, or a system libtorch could be found instead.
  "-DCMAKE_PREFIX_PATH=$TORCH_DIR;$TORCH_DIR/share/cmake"
  "-DPT_VERSION=$PT_VERSION"
)
if [[ "$FLAVOR" == cu* ]]; then
  CUDA_ROOT="${CUDA_HOME:-${CUDA_PATH:-/usr/local/cuda}}"
  [[ -x "$CUDA_ROOT/bin/nvcc" && -f "$CUDA_ROOT/include/cuda_runtime_api.h" ]] \
    || die "a CUDA torch needs the CUDA toolkit at build time (nvcc, headers) at $CUDA_ROOT: use a -devel base image or set CUDA_HOME"
  export PATH="$CUDA_ROOT/bin:$PATH"
  # No GPU during `docker build`: name the architectures, or Torch's CMake config tries to detect them. Nothing
  # here is compiled for the GPU, so the value does not matter.
  export TORCH_CUDA_ARCH_LIST="${TORCH_CUDA_ARCH_LIST:-8.0;9.0}"
  # A CUDA torch's CMake config runs find_package(CUDA), enable_language(CUDA) and find_package(CUDAToolkit):
  # point all three at one toolkit (it fails on two differing versions). The wheel does not know where it is.
  cmake_args+=("-DCUDA_TOOLKIT_ROOT_DIR=$CUDA_ROOT" "-DCUDAToolkit_ROOT=$CUDA_ROOT"
               "-DCMAKE_CUDA_COMPILER=$CUDA_ROOT/bin/nvcc")
fi
[[ "$USE_CUDA" == 1 ]] && cmake_args+=(-DUSE_CUDA=1)

log "cmake ${cmake_args[*]}"
cmake "${cmake_args[@]}" .. >&2

TORCH_LIBRARY="$(sed -n 's/^TORCH_LIBRARY:[A-Z]*=//p' CMakeCache.txt)"
[[ -n "$TORCH_LIBRARY" ]] || die "no TORCH_LIBRARY in CMakeCache.txt"
[[ "$(readlink -f "$(dirname "$TORCH_LIBRARY")")" == "$(readlink -f "$TORCH_LIB")" ]] \
  || die "cmake found libtorch at $TORCH_LIBRARY, not the python torch in $TORCH_LIB"
log "TORCH_LIBRARY=$TORCH_LIBRARY"

if [[ -z "${JOBS:-}" ]]; then
  # ~2 GB per compile of a torch-heavy source file.
  mem_kb="$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)"
  JOBS=$(( mem_kb / (2 * 1024 * 1024) ))
  ((JOBS <= $(nproc))) || JOBS="$(nproc)"
  ((JOBS >= 1)) || JOBS=1
fi
log "compiling with $JOBS jobs ..."
cmake --build . -- -j "$JOBS" >&2

if [[ "$FLAVOR" == cu* ]]; then
  # As DJL's build.sh: do not link cudart/nvrtc from the toolkit directly. libtorch_cuda brings the CUDA runtime it
  # was built with (the wheel's nvidia-* libraries), and the image that runs the JNI need not have the toolkit.
  LINK=CMakeFiles/djl_torch.dir/link.txt
  if grep -Eq '/lib(cudart|nvrtc)\.so' "$LINK"; then
    sed -i -E 's#[^ ]*/lib(cudart|nvrtc)\.so[.0-9]*##g' "$LINK"
    rm -f libdjl_torch.so
    cmake -E cmake_link_script "$LINK" --verbose=1 >&2
  fi
fi
[[ -f libdjl_torch.so ]] || die "no libdjl_torch.so built"

# Linked against this torch: its libraries resolve from TORCH_LIB (libcuda.so.1, the driver, is absent at build time).
needed="$(readelf -d libdjl_torch.so | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
log "NEEDED: $needed"
[[ " $needed" == *" libtorch"* || " $needed" == *" libc10.so"* ]] || die "libdjl_torch.so does not link libtorch"
resolved="$(LD_LIBRARY_PATH="$TORCH_LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd libdjl_torch.so)"
c10_at="$(awk '$1 == "libc10.so" { print $3 }' <<<"$resolved")"
[[ -z "$c10_at" || "$(readlink -f "$c10_at")" == "$(readlink -f "$TORCH_LIB/libc10.so")" ]] \
  || die "libc10.so resolves to $c10_at, not $TORCH_LIB"
if grep -v 'libcuda\.so' <<<"$resolved" | grep -q 'not found'; then
  log "WARNING: unresolved libraries (DJL loads torch's own first; check at run time):"
  grep 'not found' <<<"$resolved" >&2 || true
fi

# ---- 4. install where DJL looks, and the variables that point DJL at it ------------------------------------------
DEST="$CACHE_DIR/pytorch/$TORCH_VERSION-$FLAVOR-$CLASSIFIER"
mkdir -p "$DEST"
install -m 0644 libdjl_torch.so "$DEST/$DJL_VERSION-libdjl_torch.so"
log "installed $DEST/$DJL_VERSION-libdjl_torch.so"

for v in "$TORCH_LIB" "$TORCH_VERSION" "$FLAVOR"; do
  [[ "$v" =~ ^[^[:space:]\"\'\$\`\\]+$ ]] || die "value '$v' cannot be written to an env file safely"
done
mkdir -p "$(dirname "$NATIVES_ENV")"
# Plain KEY=value lines: usable with `set -a; . natives.env` in an entrypoint and with `docker run --env-file`.
cat >"$NATIVES_ENV" <<EOF
# DJL on the image's torch $TORCH_VERSION_FULL; JNI in $DEST (DJL_CACHE_DIR must be $CACHE_DIR)
PYTORCH_LIBRARY_PATH=$TORCH_LIB
PYTORCH_VERSION=$TORCH_VERSION
PYTORCH_FLAVOR=$FLAVOR
EOF
log "wrote $NATIVES_ENV"
cat "$NATIVES_ENV" >&2
