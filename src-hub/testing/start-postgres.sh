#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the hub's tests and prints its URL on stdout.
#   url=$(src-hub/testing/start-postgres.sh DIR)   # DIR: an empty or absent folder for the cluster
#   HUB_TEST_DATABASE_URL=$url HUB_REQUIRE_POSTGRES=1 npx vitest run src-hub
#   src-hub/testing/start-postgres.sh --stop DIR
# Postgres refuses to run as root, so as root the cluster runs as the postgres user.
set -euo pipefail

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-postgres: no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "--stop" ]; then
  as_owner "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null
  exit 0
fi

dir=${1:?usage: start-postgres.sh DIR | --stop DIR}
port=${HUB_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
mkdir -p "$dir"
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off" start >/dev/null
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres hub_test
echo "postgres://postgres@127.0.0.1:$port/hub_test"
