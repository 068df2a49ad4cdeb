#!/usr/bin/env bash
# Run a command with a PostgreSQL server reachable through the PG* variables.
#
#   scripts/with_postgres.sh make _test-engines
#
# 1. If the server that PGHOST/PGPORT name (default 127.0.0.1:5432) answers and lets us in,
#    use it as it is (the database PGDATABASE, default `cdp`, is created when missing).
# 2. Otherwise start a private throwaway cluster: data directory under a temp folder, its
#    own free port, trust auth on 127.0.0.1 only, fsync off; stopped and removed on exit.
#    Debian's `postgresql` package is installed first when no server binaries are found
#    (as root, or through password-less sudo). initdb refuses to run as root, so as root
#    the cluster runs as the `postgres` system user; any other user runs it as themselves.
# CDP_PRIVATE_POSTGRES=1 skips step 1, so parallel runs never share a database.
set -euo pipefail

log() { printf '[with_postgres] %s\n' "$*" >&2; }

[ "$#" -gt 0 ] || { log "usage: $0 COMMAND [ARGS...]"; exit 2; }

find_bindir() {
    local dir
    if command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
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

psql_client() {
    # psql of the PATH, else of the server binaries (Debian puts psql in both places).
    if command -v psql >/dev/null 2>&1; then
        command -v psql
    elif bindir=$(find_bindir) && [ -x "$bindir/psql" ]; then
        echo "$bindir/psql"
    else
        return 1
    fi
}

use_reachable_server() {
    # Exports PG* and creates the database; fails (returning 1) when we cannot get in.
    local host=${PGHOST:-127.0.0.1} port=${PGPORT:-5432} psql
    server_answers "$host" "$port" || return 1
    psql=$(psql_client) || { log "a server answers at $host:$port but psql is missing"; return 1; }
    export PGHOST=$host PGPORT=$port PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-cdp}
    if ! "$psql" -X -q -d postgres -tAc "select 1" >/dev/null 2>&1; then
        log "a server answers at $host:$port but does not let $PGUSER in"
        return 1
    fi
    if ! "$psql" -X -q -d postgres -tAc \
        "select 1 from pg_database where datname = '$PGDATABASE'" | grep -q 1; then
        "$psql" -X -q -d postgres -c "create database \"$PGDATABASE\"" >/dev/null
    fi
    log "using the server at $PGHOST:$PGPORT (database $PGDATABASE)"
}

install_postgres() {
    local sudo=()
    if [ "$(id -u)" != "0" ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            sudo=(sudo -n)
        else
            log "no PostgreSQL server binaries found, and installing them needs root:"
            log "  apt-get install postgresql   (or set PGHOST to a server you can use)"
            return 1
        fi
    fi
    command -v apt-get >/dev/null 2>&1 || {
        log "no PostgreSQL server binaries found and no apt-get: install PostgreSQL or set PGHOST"
        return 1
    }
    log "no PostgreSQL server binaries found; installing Debian's postgresql package"
    # Only the binaries: no system-wide cluster started as a service.
    "${sudo[@]}" mkdir -p /etc/postgresql-common
    if ! grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
        echo "create_main_cluster = false" | "${sudo[@]}" tee -a /etc/postgresql-common/createcluster.conf >/dev/null
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

if [ "${CDP_PRIVATE_POSTGRES:-0}" != "1" ] && use_reachable_server; then
    exec "$@"
fi

if ! bindir=$(find_bindir); then
    install_postgres || exit 2
    bindir=$(find_bindir) || { log "the postgresql package brought no server binaries"; exit 2; }
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
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting a private PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($workdir)"
"${run_as[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 --no-sync >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -w -l "$workdir/server.log" \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD= PGDATABASE=cdp
"$bindir/psql" -X -q -d postgres -c "create database $PGDATABASE" >/dev/null

set +e
"$@"
status=$?
set -e
exit $status
