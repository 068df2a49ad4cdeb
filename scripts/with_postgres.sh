#!/usr/bin/env bash
# Run a command with a PostgreSQL server reachable through the PG* variables.
#
#   scripts/with_postgres.sh make _test-postgres
#
# 1. If PGHOST (or 127.0.0.1:5432) answers, use it as it is.
# 2. Otherwise start a private throwaway cluster: data directory under a temp folder, its
#    own port, trust auth on 127.0.0.1 only, fsync off; stopped and removed on exit.
#    Debian's `postgresql` package is installed first if no server binaries are found
#    (needs root and the Debian package registry).
# initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail

log() { printf '[with_postgres] %s\n' "$*" >&2; }

find_bindir() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    return 1
}

server_answers() {
    # pg_isready ships with the client; fall back to bash's /dev/tcp when it is missing.
    local host=$1 port=$2
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$host" -p "$port" -t 2
    else
        timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
    fi
}

if [ "${CDP_PRIVATE_POSTGRES:-0}" != "1" ] && server_answers "${PGHOST:-127.0.0.1}" "${PGPORT:-5432}"; then
    export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
    export PGDATABASE=${PGDATABASE:-cdp}
    log "using the server at $PGHOST:$PGPORT"
    psql -d postgres -tAc "select 1 from pg_database where datname = '$PGDATABASE'" | grep -q 1 \
        || createdb "$PGDATABASE"
    exec "$@"
fi

if ! bindir=$(find_bindir); then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        log "no PostgreSQL server binaries found; installing Debian's postgresql package"
        mkdir -p /etc/postgresql-common
        # No system-wide cluster: we only want the binaries.
        echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bindir=$(find_bindir)
    else
        log "no PostgreSQL server found: install PostgreSQL (e.g. apt-get install postgresql) or set PGHOST"
        exit 2
    fi
fi

run_as=()
if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    run_as=(runuser -u postgres --)
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/cdp-pg.XXXXXX")
chmod 755 "$workdir"
[ "${#run_as[@]}" -gt 0 ] && chown postgres "$workdir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

log "starting a private PostgreSQL ($("$bindir/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port"
"${run_as[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -w -l "$workdir/server.log" \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD= PGDATABASE=cdp
"$bindir/psql" -q -d postgres -c "create database $PGDATABASE" >/dev/null

set +e
"$@"
status=$?
set -e
exit $status
