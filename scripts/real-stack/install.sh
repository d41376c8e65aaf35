#!/usr/bin/env bash
# Installs the real stack with the ordinary clients, at pinned versions:
#   ipfs-cluster-service and ipfs-cluster-ctl v1.1.6, Kubo's ipfs, Jaeger's all-in-one jaeger:
#     `go install mod/cmd/x@version`; where that is refused (Kubo's and Jaeger's go.mod have
#     replace directives; a proxy may refuse the version list go install reads for deprecation
#     notices) the module is fetched with `go mod download` and built inside a copy of it
#   prometheus/promtool, tmux and iproute2 from Debian (apt-get), when missing.
# Binaries go to $RS_BIN (see lib.sh); a binary whose stamp matches the pinned version is reused.
#
# Exit status: 0 when everything is installed. When a registry cannot be reached (or refuses a
# pinned version) it prints one line `REAL-STACK SKIPPED: <cause>`, writes the cause to
# $RS_SKIP_MARKER and exits 0, so callers read the marker. Any other failure (a compile error,
# a full disk) exits 1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v go >/dev/null || { rs_log "no go toolchain on PATH"; exit 1; }
mkdir -p "$RS_BIN" "$RS_ROOT/.cache"
rm -f "$RS_SKIP_MARKER"
# <project>/.cache/real-stack → $RS_HOME, unless it is already that folder or a real folder.
if [ "$(cd "$RS_HOME" && pwd -P)" != "$(cd "$RS_LINK" 2>/dev/null && pwd -P)" ]; then
  if [ -L "$RS_LINK" ] || [ ! -e "$RS_LINK" ]; then ln -sfn "$RS_HOME" "$RS_LINK"; fi
fi

exec 9>"$RS_HOME/install.lock"
flock 9

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cluster-top-real-stack-install.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

skip() {
  local cause="$1"
  printf '%s\n' "$cause" >"$RS_SKIP_MARKER"
  echo "REAL-STACK SKIPPED: $cause"
  exit 0
}

# Did a failed go command fail because a registry is unreachable or refused a module?
NET_PATTERN='disabled by GOPROXY=off|dial tcp|lookup .*(no such host|server misbehaving)|i/o timeout|connection refused|connection reset|network is unreachable|TLS handshake timeout|Temporary failure in name resolution|context deadline exceeded|unexpected EOF|: (403 Forbidden|404 Not Found|410 Gone|5[0-9][0-9] [A-Za-z ]+)$|proxyconnect|no route to host'

go_failed() { # what log
  local what="$1" log="$2"
  if grep -Eq "$NET_PATTERN" "$log"; then
    skip "could not fetch $what from the Go module proxy: $(grep -Em1 "$NET_PATTERN" "$log" | sed -E 's/^[[:space:]]*"Error": "//; s/",?$//; s/\\"/"/g' | cut -c1-300)"
  fi
  rs_log "building $what failed:"
  tail -n 40 "$log" >&2
  exit 1
}

# Moves a freshly built binary into place and stamps it.
place() { # built-binary name module version
  install -m 0755 "$1" "$RS_BIN/$2.new"
  mv -f "$RS_BIN/$2.new" "$RS_BIN/$2"
  printf '%s@%s\n' "$3" "$4" >"$RS_BIN/$2.stamp"
}

export GOFLAGS="${GOFLAGS:-} -trimpath"
LDFLAGS='-s -w'

# Builds `packages` of module@version inside a copy of its module-cache folder (for modules that
# `go install mod@version` refuses: replace directives, or a proxy that will not list versions).
build_in_copy() { # module version package...
  local mod="$1" ver="$2" key dir pkg
  shift 2
  key="$(basename "$mod")"
  rs_log "go mod download $mod@$ver, then go build $* in a copy of it"
  if ! go mod download -json "$mod@$ver" >"$WORK/$key.json" 2>"$WORK/$key.log"; then
    cat "$WORK/$key.json" >>"$WORK/$key.log"
    go_failed "$mod@$ver" "$WORK/$key.log"
  fi
  dir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' "$WORK/$key.json")"
  [ -d "$dir" ] || { rs_log "no module folder for $mod@$ver in: $(cat "$WORK/$key.json")"; exit 1; }
  rm -rf "$WORK/$key-src"
  cp -R "$dir" "$WORK/$key-src"
  chmod -R u+w "$WORK/$key-src"
  mkdir -p "$WORK/gobin"
  if ! (cd "$WORK/$key-src" && go build -ldflags="$LDFLAGS" -o "$WORK/gobin/" "$@") >"$WORK/$key.log" 2>&1; then
    go_failed "$mod@$ver" "$WORK/$key.log"
  fi
  rm -rf "$WORK/$key-src"
}

# Installs the commands `names` (cmd/<name> of the module, binary <name>) unless already there:
# `go install mod/cmd/<name>@version` first, and the copy build when go install refuses.
install_cmds() { # module version name...
  local mod="$1" ver="$2" name need=() targets=() pkgs=() start=$SECONDS
  shift 2
  for name in "$@"; do rs_installed "$name" "$mod" "$ver" || need+=("$name"); done
  [ "${#need[@]}" -gt 0 ] || return 0
  for name in "${need[@]}"; do targets+=("$mod/cmd/$name@$ver"); pkgs+=("./cmd/$name"); done
  rs_log "go install ${targets[*]}"
  if ! GOBIN="$WORK/gobin" go install -ldflags="$LDFLAGS" "${targets[@]}" >"$WORK/install.log" 2>&1; then
    rs_log "go install refused it: $({ grep -m1 -E 'directive|@v/list' "$WORK/install.log" || head -n1 "$WORK/install.log"; } | cut -c1-240)"
    build_in_copy "$mod" "$ver" "${pkgs[@]}"
  fi
  for name in "${need[@]}"; do place "$WORK/gobin/$name" "$name" "$mod" "$ver"; done
  rs_log "${need[*]} ($mod@$ver) built in $((SECONDS - start))s"
}

install_cmds "$RS_CLUSTER_MOD" "$RS_CLUSTER_VERSION" ipfs-cluster-service ipfs-cluster-ctl
install_cmds "$RS_KUBO_MOD" "$RS_KUBO_VERSION" ipfs
install_cmds "$RS_JAEGER_MOD" "$RS_JAEGER_VERSION" jaeger

# Debian packages: Prometheus (the oracle), tmux (the live-view check), iproute2.
missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
command -v tmux >/dev/null || missing+=(tmux)
command -v ip >/dev/null || missing+=(iproute2)   # brings lo up in the private network namespace
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  rs_log "apt-get install -y ${missing[*]}"
  if ! { $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >"$WORK/apt.log" 2>&1 \
         || { $SUDO apt-get update >>"$WORK/apt.log" 2>&1 \
              && $SUDO apt-get install -y --no-install-recommends "${missing[@]}" >>"$WORK/apt.log" 2>&1; }; }; then
    skip "apt-get install ${missing[*]} failed: $(grep -E '^(E|Err):' "$WORK/apt.log" | head -n1 | cut -c1-300)"
  fi
fi

rs_log "installed in $RS_BIN: $(cd "$RS_BIN" && cat ./*.stamp | sort -u | tr '\n' ' ')"
