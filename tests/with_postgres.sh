#!/bin/sh
# Runs a command with a throw-away PostgreSQL cluster on loopback and
# FINSAM_TEST_POSTGRES naming a database in it; the cluster is stopped and its
# directory removed when the command ends, also when it fails or is interrupted.
#
#   tests/with_postgres.sh .venv/bin/pytest tests
#
# Debian's PostgreSQL is installed when no server binaries are found (we may be root
# on a fresh CI machine). As root the cluster runs as the user `postgres` (created
# when missing): initdb refuses to run as root. The exit status is the command's.
set -eu

find_bindir() {
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
    done | sort -V | tail -n 1
}

BINDIR=$(find_bindir)
if [ -z "$BINDIR" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "with_postgres: no PostgreSQL server binaries and not root to install them" >&2
        exit 2
    fi
    echo "with_postgres: installing Debian's PostgreSQL" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BINDIR=$(find_bindir)
fi

RUNAS=""
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    RUNAS="runuser -u postgres --"
fi

WORK=$(mktemp -d /tmp/finsam-pg.XXXXXX)
chmod 755 "$WORK"
[ -z "$RUNAS" ] || chown postgres "$WORK"
DATA="$WORK/data"

stop() {
    status=$?
    trap '' INT TERM  # a second signal must not cut the clean-up short
    $RUNAS "$BINDIR/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
    # the server's last processes may still be leaving files: try again briefly
    for _ in 1 2 3 4 5; do rm -rf "$WORK" 2>/dev/null && break; sleep 1; done
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free port on loopback: ask the kernel for one.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

$RUNAS "$BINDIR/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
# A test cluster: durability and autovacuum off (it is thrown away), loopback only,
# sockets in $WORK. WITH_POSTGRES_DURABLE=1 keeps PostgreSQL's durability on (fsync,
# full page writes, synchronous commit), as an operator runs it: the benchmark's
# PostgreSQL figures are taken so, to compare with SQLite's synchronous=FULL.
DURABILITY="-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
if [ "${WITH_POSTGRES_DURABLE:-}" = 1 ]; then
    DURABILITY="-c fsync=on -c full_page_writes=on -c synchronous_commit=on"
fi
$RUNAS "$BINDIR/pg_ctl" -D "$DATA" -l "$WORK/log" -w -o "-c listen_addresses=127.0.0.1 \
    -c port=$PORT -c unix_socket_directories=$WORK $DURABILITY \
    -c max_connections=200 -c autovacuum=off" start >/dev/null

psql_admin() {
    $RUNAS "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres "$@"
}
# pg_signal_backend: the tests drop their databases WITH (FORCE)
# A random password: finsam masks a secret's value in every message it prints, so a
# password that is also a word ("finsam") would mask that word in the tests' output.
PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
psql_admin -d postgres -c "CREATE ROLE finsam LOGIN PASSWORD '$PASSWORD' CREATEDB CREATEROLE" \
    -c "GRANT pg_signal_backend TO finsam" \
    -c "CREATE DATABASE finsam OWNER finsam" >/dev/null
# Password authentication from now on (the tests check what a wrong password does).
sed -i 's/trust$/scram-sha-256/' "$DATA/pg_hba.conf"
psql_admin -d postgres -c "ALTER ROLE postgres PASSWORD 'postgres'" >/dev/null
$RUNAS "$BINDIR/pg_ctl" -D "$DATA" reload >/dev/null

# the server's URL with its password, for the tests' own connections (psycopg); the
# stores the tests open through finsam get the password the documented way
# (FINSAM_DB_PASSWORD, tests/conftest.py), never in a --db URL
export FINSAM_TEST_POSTGRES="postgresql://finsam:$PASSWORD@127.0.0.1:$PORT/finsam"
echo "with_postgres: PostgreSQL $("$BINDIR/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
set +e
"$@"
