#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests/CI, usable as root.
#   eval "$(scripts/pg-throwaway.sh start)"   # exports DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/app
#   scripts/pg-throwaway.sh stop              # stops it and deletes the data dir
# Postgres refuses to run as root ("root" execution of the PostgreSQL server is not permitted),
# so initdb/pg_ctl run as the unprivileged 'postgres' user via runuser (util-linux, always on Debian).
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGDATA="${PGDATA:-/tmp/pg-throwaway-$PGPORT}"   # must be traversable by the postgres user: not under /root
DB_NAME="${DB_NAME:-app}"
RUN_AS="${PG_RUN_AS:-postgres}"

find_pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

case "${1:-start}" in
start)
  PGBIN="$(find_pgbin)"
  if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ]; then
    echo "postgres server binaries missing: installing Debian's postgresql" >&2
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
    PGBIN="$(find_pgbin)"
  fi
  if [ "$(id -u)" = 0 ] && ! id -u "$RUN_AS" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
  fi
  if [ -f "$PGDATA/postmaster.pid" ]; then as_user "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$PGDATA" && mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown "$RUN_AS": "$PGDATA"
  chmod 700 "$PGDATA"
  as_user "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  # Durability off: it's a throwaway test cluster. Unix socket kept inside PGDATA (no /var/run needed).
  as_user "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  as_user "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DB_NAME"
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/$DB_NAME"
  ;;
stop)
  PGBIN="$(find_pgbin)"
  if [ -f "$PGDATA/postmaster.pid" ]; then as_user "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
  rm -rf "$PGDATA"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
