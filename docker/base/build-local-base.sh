#!/usr/bin/env bash
# build-local-base.sh [--force] [tag] — a Debian bookworm + OpenJDK 17 JRE base image, made without any registry.
#
# Build machines cannot pull images, so CI builds the images' base locally: mmdebstrap writes a bookworm root
# filesystem as a tar stream from the Debian mirror the host's apt already uses, and `docker import` turns it into
# a one-layer image. Dockerfiles take their base as a build argument; CI passes this tag.
#
#   default tag   abacus-lab/base:bookworm-jre17
#   --force       rebuild even if the tag exists (otherwise an existing tag is kept: a rebuild takes ~40 s)
#
# Docker: uses DOCKER_HOST if set, else starts/reuses the private engine (docker/engine.sh up).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SUITE=bookworm

log() { echo "build-local-base: $*" >&2; }
die() { echo "build-local-base: $*" >&2; exit 1; }

FORCE=0
TAG=""
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) die "unknown option $a" ;;
    *) [[ -z "$TAG" ]] || die "only one tag"; TAG="$a" ;;
  esac
done
TAG="${TAG:-abacus-lab/base:bookworm-jre17}"

SUDO=()
[[ "$(id -u)" -eq 0 ]] || SUDO=(sudo)

# The private engine unless the caller already chose one; `up` also installs mmdebstrap.
if [[ -z "${DOCKER_HOST:-}" ]]; then
  eval "$("$HERE/../engine.sh" up)"
fi
command -v mmdebstrap >/dev/null || eval "$("$HERE/../engine.sh" up)"
docker version >/dev/null 2>&1 || die "no Docker engine answers at ${DOCKER_HOST:-the default socket}"

if [[ "$FORCE" -eq 0 ]] && docker image inspect "$TAG" >/dev/null 2>&1; then
  log "$TAG exists (use --force to rebuild)"
  echo "$TAG $(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}') 0 s (kept)"
  exit 0
fi

# The Debian mirror the host's apt sources name for $SUITE (deb822 .sources or one-line .list). Passed explicitly
# so the image never depends on mmdebstrap's built-in default mirror.
find_mirror() {
  local f files=()
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && files+=("$f")
  done
  ((${#files[@]})) || return 1
  local file
  for file in "${files[@]}"; do
    case "$file" in
      *.sources)
        # deb822: paragraphs separated by blank lines; take the first URI of an enabled "deb" paragraph whose
        # Suites contain exactly $SUITE (not -security / -updates).
        awk -v suite="$SUITE" '
          function flush() {
            if (uri != "" && types ~ /(^| )deb( |$)/ && enabled != "no") {
              n = split(suites, s, " ")
              for (i = 1; i <= n; i++) if (s[i] == suite) { print uri; found = 1; exit }
            }
            uri = ""; types = ""; suites = ""; enabled = ""
          }
          /^[[:space:]]*$/ { flush(); next }
          /^[[:space:]]*#/ { next }
          tolower($1) == "types:"   { sub(/^[^:]*:[[:space:]]*/, ""); types = $0 }
          tolower($1) == "uris:"    { uri = $2 }
          tolower($1) == "suites:"  { sub(/^[^:]*:[[:space:]]*/, ""); suites = $0 }
          tolower($1) == "enabled:" { enabled = tolower($2) }
          END { if (!found) flush() }
        ' "$file"
        ;;
      *)
        # one-line: deb [options] URI suite components...
        awk -v suite="$SUITE" '
          $1 == "deb" {
            i = 2
            if ($i ~ /^\[/) { while ($i !~ /\]$/ && i < NF) i++; i++ }
            if ($(i + 1) == suite) { print $i; exit }
          }
        ' "$file"
        ;;
    esac
  done | head -n 1
}
MIRROR="$(find_mirror || true)"
[[ -n "$MIRROR" ]] || die "no '$SUITE' mirror in /etc/apt/sources.list or /etc/apt/sources.list.d/"
case "$MIRROR" in
  mirror+*|cdrom:*|file:*) die "mirror $MIRROR cannot be used for the image; configure an http(s) mirror" ;;
esac

# Debian's own archive keyring when the host has it, rather than whatever else the host's apt trusts.
KEYRING=()
[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] \
  && KEYRING=(--keyring=/usr/share/keyrings/debian-archive-keyring.gpg)

log "building $TAG from $MIRROR ($SUITE) ..."
t0=$(date +%s.%N)
# --variant=apt: essential + apt, so Dockerfiles can apt-get more. Man pages stay: openjdk's postinst needs the
# man directories (excluding them breaks the install). mmdebstrap cleans the apt caches and lists itself.
# The image is imported untagged and tagged only after a smoke test, so a failed or truncated build never leaves
# a usable-looking tag behind.
IMAGE_ID="$(
  "${SUDO[@]}" mmdebstrap --quiet --variant=apt "${KEYRING[@]}" \
      --include=openjdk-17-jre-headless,ca-certificates \
      "$SUITE" - "deb $MIRROR $SUITE main" \
    | docker import \
        --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["bash"]' \
        --message "debian $SUITE + openjdk-17-jre-headless (mmdebstrap from $MIRROR)" \
        -
)" || die "mmdebstrap | docker import failed"
[[ "$IMAGE_ID" == sha256:* ]] || die "docker import returned '$IMAGE_ID'"

if ! docker run --rm --network host "$IMAGE_ID" java -version >/dev/null 2>&1; then
  docker image rm "$IMAGE_ID" >/dev/null 2>&1 || true
  die "the new image cannot run 'java -version'"
fi
OLD_ID="$(docker image inspect -f '{{.Id}}' "$TAG" 2>/dev/null || true)"
docker tag "$IMAGE_ID" "$TAG"
# --force leaves the previous build untagged: drop it (ignored if a container or another tag still uses it).
if [[ -n "$OLD_ID" && "$OLD_ID" != "$IMAGE_ID" ]]; then
  docker image rm "$OLD_ID" >/dev/null 2>&1 || true
fi

secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
size=$(docker image inspect -f '{{.Size}}' "$TAG" | awk '{ printf "%.0f MB", $1 / 1e6 }')
log "done"
echo "$TAG $size ${secs} s"
