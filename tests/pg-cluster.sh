#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, listening on 127.0.0.1 only, with trust auth.
#
#   tests/pg-cluster.sh start DIR   initdb into DIR/data, start the server on the first free port
#                                   from 55432, create database lifeline_test and write its URL
#                                   to DIR/url. Does nothing if that cluster is already running.
#   tests/pg-cluster.sh stop DIR    stop the server and remove DIR.
#
# PG_BINDIR overrides where the server programs are (default: PostgreSQL 15 on Debian).
# As root, the server runs as the system user lifeline-test (created if missing), since
# initdb and postgres refuse to run as root.
set -euo pipefail

readonly SUPERUSER=lifeline
readonly DATABASE=lifeline_test
readonly OS_USER=lifeline-test
readonly FIRST_PORT=55432
readonly PORTS_TO_TRY=50
PG_BINDIR=${PG_BINDIR:-/usr/lib/postgresql/15/bin}

die() {
  echo "pg-cluster.sh: $*" >&2
  exit 1
}

usage() {
  die "usage: pg-cluster.sh start|stop DIR"
}

running_as_root() { [[ $(id -u) -eq 0 ]]; }

# Runs a server program as the cluster's owner.
as_owner() {
  if running_as_root; then
    runuser -u "$OS_USER" -- "$@"
  else
    "$@"
  fi
}

ensure_owner_account() {
  running_as_root || return 0
  id -u "$OS_USER" >/dev/null 2>&1 && return 0
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    "$OS_USER"
}

pg_ctl() { as_owner "$PG_BINDIR/pg_ctl" "$@"; }

is_running() {
  [[ -f $dir/url && -d $dir/data ]] && pg_ctl status -D "$dir/data" >/dev/null 2>&1
}

# Something already accepts connections on this port.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Leftovers of an interrupted run: stop whatever still runs there and start from scratch.
clear_leftovers() {
  if [[ -d $dir/data ]]; then
    pg_ctl stop -D "$dir/data" -m immediate >/dev/null 2>&1 || true
  fi
  rm -rf -- "$dir/data" "$dir/url"
}

init_cluster() {
  mkdir -p -- "$dir"
  if running_as_root; then chown "$OS_USER" "$dir"; fi
  if ! as_owner "$PG_BINDIR/initdb" -D "$dir/data" --auth=trust -U "$SUPERUSER" \
    --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed (as root, every directory above $dir must be searchable by $OS_USER)"
  fi
}

# Starts the server on the first port that is free and binds; prints that port.
start_server() {
  local port tried=0
  for ((port = FIRST_PORT; tried < PORTS_TO_TRY; port++)); do
    port_in_use "$port" && continue
    tried=$((tried + 1))
    if pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -h 127.0.0.1 -p $port -c fsync=off" start >/dev/null; then
      echo "$port"
      return 0
    fi
    grep -q "could not bind\|could not create listen socket" "$dir/server.log" || break
  done
  tail -n 20 "$dir/server.log" >&2 || true
  die "could not start PostgreSQL"
}

start() {
  if is_running; then
    echo "already running: $(cat "$dir/url")"
    return 0
  fi
  [[ -x $PG_BINDIR/initdb ]] ||
    die "no PostgreSQL server programs in $PG_BINDIR (apt-get install postgresql-15)"
  # postgres takes -k through a shell, and a Unix socket path is limited to 107 bytes.
  [[ $dir != *[[:space:]]* ]] || die "DIR must not contain spaces: $dir"
  ((${#dir} <= 80)) || die "DIR is too long for a Unix socket path: $dir"
  ensure_owner_account
  clear_leftovers
  init_cluster
  local port
  port=$(start_server)
  "$PG_BINDIR/createdb" -h 127.0.0.1 -p "$port" -U "$SUPERUSER" "$DATABASE"
  echo "postgresql://$SUPERUSER@127.0.0.1:$port/$DATABASE" >"$dir/url.tmp"
  mv -- "$dir/url.tmp" "$dir/url"
  echo "started: $(cat "$dir/url")"
}

stop() {
  [[ -e $dir ]] || return 0
  # rm -rf only what this script made.
  [[ -d $dir/data || -f $dir/url || -f $dir/initdb.log ]] ||
    die "$dir does not look like a cluster made by this script; not removing it"
  if [[ -d $dir/data ]]; then
    pg_ctl stop -D "$dir/data" -m fast -w >/dev/null 2>&1 || true
  fi
  rm -rf -- "$dir"
  echo "stopped and removed $dir"
}

[[ $# -eq 2 ]] || usage
dir=$(realpath -m -- "$2")
case $1 in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
