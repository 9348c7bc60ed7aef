#!/usr/bin/env bash
# Installs what LiveShop needs from Debian's packages, idempotently:
# the pgvector extension for PostgreSQL 15 (built from Debian's source package) and,
# with --browser, Chromium for the end-to-end tests. Does nothing when all is present.
set -euo pipefail

PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
VECTOR_CONTROL=/usr/share/postgresql/$PG_MAJOR/extension/vector.control
want_browser=false
[ "${1:-}" = "--browser" ] && want_browser=true

say() { echo "liveshop setup: $*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

apt_updated=false
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    fail "need to install Debian packages ($*) but not running as root. Run as root: apt-get update && apt-get install -y $*"
  fi
  if [ "$apt_updated" = false ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || fail "apt-get update failed; check the machine's Debian package sources"
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || fail "could not install Debian packages: $*. Install them by hand with: apt-get install -y $*"
}

# The URI of the machine's own Debian mirror, read from its apt sources (never hard-coded).
debian_mirror_uri() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' /etc/apt/sources.list.d/*.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || fail "cannot find the Debian mirror in /etc/apt/sources.list(.d); pgvector must be built by hand (see docs/operations.md)"
  echo "$uri"
}

install_pgvector() {
  [ -f "$VECTOR_CONTROL" ] && return 0
  [ -x "$PG_BIN/postgres" ] || apt_install "postgresql-$PG_MAJOR"
  say "building pgvector 0.8 from Debian's source package (one time, about a minute)…"
  apt_install "postgresql-server-dev-$PG_MAJOR" build-essential
  local work; work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$work/lists/partial"
  echo "deb-src $(debian_mirror_uri) trixie main" > "$work/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")
  apt-get -o APT::Sandbox::User=root "${opts[@]}" update -qq >/dev/null || fail "could not read the Debian source index for pgvector"
  (cd "$work" && apt-get -o APT::Sandbox::User=root "${opts[@]}" source --download-only pgvector >/dev/null) \
    || fail "could not download Debian's pgvector source package"
  local tarball; tarball=$(ls "$work"/pgvector_*.orig.tar.* 2>/dev/null | head -n 1)
  [ -n "$tarball" ] || fail "pgvector source tarball missing after download"
  mkdir -p "$work/src" && tar -xf "$tarball" -C "$work/src" --strip-components=1
  make -s -C "$work/src" PG_CONFIG="$PG_BIN/pg_config" >/dev/null 2>&1 || fail "building pgvector failed (make in $work/src)"
  make -s -C "$work/src" PG_CONFIG="$PG_BIN/pg_config" install >/dev/null || fail "installing pgvector failed"
  [ -f "$VECTOR_CONTROL" ] || fail "pgvector installed but $VECTOR_CONTROL is still missing"
  say "pgvector installed"
}

install_browser() {
  [ -x /usr/bin/chromium ] && return 0
  say "installing Debian's Chromium for the browser tests…"
  apt_install chromium
}

command -v dotnet >/dev/null || fail ".NET SDK 10 is required (dotnet not on PATH); see README.md"
install_pgvector
[ "$want_browser" = true ] && install_browser
exit 0
