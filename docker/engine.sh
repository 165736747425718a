#!/usr/bin/env bash
# engine.sh — a private Docker engine for tests and CI.
#
#   eval "$(docker/engine.sh up)"   install docker.io + mmdebstrap if missing, start dockerd (or reuse the running
#                                   one), print the export lines that point Docker and Testcontainers at it
#   docker/engine.sh env            print those export lines only
#   docker/engine.sh down           stop that dockerd
#
# Why private: build machines have no Docker engine and no registry access, and the system socket may belong to
# someone else. Our dockerd keeps its state, socket and pidfile under one directory (ABACUS_DOCKER_DIR, default
# /tmp/abacus-docker) and creates no bridge or iptables rules: containers use the host network (--network host)
# and talk over 127.0.0.1 only.
#
# stdout carries nothing but the export lines (callers eval it); every progress message goes to stderr.
set -euo pipefail

DIR="${ABACUS_DOCKER_DIR:-/tmp/abacus-docker}"
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
START_TIMEOUT_S=30

log() { echo "engine: $*" >&2; }
die() { echo "engine: $*" >&2; exit 1; }

# Root can do everything itself; anyone else needs sudo for apt and dockerd.
SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot install packages or start dockerd"
  SUDO=(sudo)
fi

print_env() {
  echo "export DOCKER_HOST=unix://$SOCK"
  # Testcontainers would otherwise pull helper images (Ryuk, the checks image) from a registry and time out.
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"
  echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost"
  echo "export TESTCONTAINERS_CHECKS_DISABLE=true"
}

engine_answers() { docker -H "unix://$SOCK" version >/dev/null 2>&1; }

# /proc rather than kill -0: a non-root caller may not signal root's dockerd; comm guards against a reused pid.
pid_alive() { [[ -n "${1:-}" && "$(cat "/proc/$1/comm" 2>/dev/null)" == dockerd ]]; }

read_pid() { cat "$PIDFILE" 2>/dev/null || true; }

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  ((${#missing[@]})) || return 0
  log "installing ${missing[*]} (apt) ..."
  local t0=$SECONDS out
  out="$(mktemp)"
  # Quiet unless it fails. docker.io's postinst may try to start the system service; without systemd that is a
  # no-op, and we never use the system socket anyway.
  if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update \
         && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
              docker.io mmdebstrap; } >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "apt-get failed"
  fi
  rm -f "$out"
  command -v dockerd >/dev/null || die "dockerd still missing after installing docker.io"
  log "installed in $((SECONDS - t0)) s"
}

start_engine() {
  # A unix socket path must fit in sun_path (108 bytes); dockerd's containerd socket lives under exec-root too.
  ((${#SOCK} < 90)) || die "ABACUS_DOCKER_DIR is too long for a unix socket path: $DIR"
  "${SUDO[@]}" mkdir -p "$DIR/data" "$DIR/exec"

  local pid launcher=""
  pid="$(read_pid)"
  if pid_alive "$pid"; then
    log "dockerd (pid $pid) is running; waiting for it to answer"
  else
    # A stale pidfile would make dockerd refuse to start.
    "${SUDO[@]}" rm -f "$PIDFILE" "$SOCK"
    local args=(
      --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$PIDFILE" -H "unix://$SOCK"
      # No bridge, NAT or firewall rules on a shared machine: containers run with --network host.
      --bridge=none --iptables=false --ip-masq=false
    )
    # --ip6tables appeared in Docker 20.10; older daemons refuse unknown flags.
    if dockerd --help 2>&1 | grep -q -- '--ip6tables'; then args+=(--ip6tables=false); fi
    # Let a non-root caller use the root-owned socket.
    if ((${#SUDO[@]})); then args+=(--group "$(id -gn)"); fi
    log "starting dockerd on unix://$SOCK (log: $LOG)"
    # setsid + nohup: the engine outlives this shell; its fds point at the log, never at our stdout, so
    # `$(engine.sh up)` returns instead of waiting for dockerd to close the pipe.
    # 9>&- : dockerd must not inherit the lock below, or the next `up` would wait for it forever.
    "${SUDO[@]}" setsid nohup dockerd "${args[@]}" </dev/null >>"$LOG" 2>&1 9>&- &
    launcher=$!
  fi

  local deadline=$((SECONDS + START_TIMEOUT_S)) t0=$SECONDS
  until engine_answers; do
    # Fail fast when the dockerd we launched is gone (bad flag, state dir in use, no permission).
    if [[ -n "${launcher:-}" && ! -d "/proc/$launcher" ]]; then
      log "dockerd exited during start; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 2>/dev/null || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "dockerd did not answer within ${START_TIMEOUT_S} s; last lines of $LOG:"
      tail -n 40 "$LOG" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
  log "dockerd ready after $((SECONDS - t0)) s ($(docker -H "unix://$SOCK" version -f '{{.Server.Version}}' 2>/dev/null))"
}

cmd_up() {
  ensure_packages
  mkdir -p "$DIR" 2>/dev/null || "${SUDO[@]}" mkdir -p "$DIR"
  # Two `up` at once (parallel CI steps) start one engine.
  if command -v flock >/dev/null; then
    exec 9>>"$DIR/engine.lock"
    flock 9
  fi
  if engine_answers; then
    log "reusing the running engine at unix://$SOCK (pid $(read_pid))"
  else
    start_engine
  fi
  if command -v flock >/dev/null; then exec 9>&-; fi
  print_env
}

cmd_down() {
  local pid
  pid="$(read_pid)"
  if ! pid_alive "$pid"; then
    log "no dockerd running for $DIR"
    return 0
  fi
  log "stopping dockerd (pid $pid)"
  "${SUDO[@]}" kill -TERM "$pid"
  # dockerd stops its containers and its containerd first; give it time before giving up.
  local deadline=$((SECONDS + 60))
  while pid_alive "$pid"; do
    ((SECONDS < deadline)) || die "dockerd (pid $pid) still running after 60 s; see $LOG"
    sleep 0.2
  done
  log "stopped"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  env) print_env ;;
  *) echo "usage: $(basename "$0") up|down|env" >&2; exit 2 ;;
esac
