#!/usr/bin/env bash
# `npm test`: lint, build, type-check, the jest suites (unit, emulator, real n8n-core engine),
# then the pack inside a real n8n process, then the trigger examples through n8n's own nodes
# (which need that install), then the polling triggers in `n8n start` over two
# accelerated days, then n8n in queue mode (main + 2 workers, Redis, Postgres), then the real n8n
# editor in Chromium (test/editor). Stops at the first failing stage. LOGPULL_SKIP_TRIGGERS=1
# skips the trigger stage, LOGPULL_SKIP_QUEUE=1 the queue stage, LOGPULL_SKIP_EDITOR=1 the editor.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp

# A cold machine needs both real-n8n installs (~15 min together): start them now, in the
# background, so they overlap with lint, build and jest. The real-n8n stages wait for them.
if [ "${LOGPULL_SKIP_REAL_N8N:-}" != "1" ]; then
	for version in 1.123.81 2.41.1; do
		N8N_VERSION=$version bash test/real-n8n/install.sh > ".tmp/install-n8n-$version.log" 2>&1 &
	done
fi

# Debian's chromium for the editor stage (~1-2 min with apt on a cold machine), also in the background.
if [ "${LOGPULL_SKIP_EDITOR:-}" != "1" ]; then
	bash test/editor/install.sh > .tmp/install-chromium.log 2>&1 &
fi

echo "== lint" && npm run --silent lint
echo "== build" && npm run --silent build > /dev/null
echo "== type-check tests and scripts" && rm -rf .tmp/build && npx tsc -p tsconfig.test.json
passed=0
failed=0
# Runs jest with the given config, adds its counts to the totals, stops on failure.
run_jest() {
	local label=$1 report=$2
	shift 2
	local status=0
	npx jest "$@" --json --outputFile="$report" || status=$?
	local summary
	summary=$(node -e 'const r=require(process.argv[1]);console.log(`${r.numPassedTests} ${r.numFailedTests + r.numRuntimeErrorTestSuites} ${r.numPendingTests}`)' "$PWD/$report" 2>/dev/null || echo "0 1 0")
	read -r p f s <<< "$summary"
	echo "$label: $p passed, $f failed, $s skipped"
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$status" -eq 0 ] || { echo "all: $passed passed, $failed failed"; exit "$status"; }
}

# Adds a stage's "<label>: N passed, N failed" line from <log> to the totals (no such line: 1 failed).
add_counts() {
	local label=$1 log=$2 line
	line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1 || true)
	passed=$((passed + $(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/;t;s/.*/0/')))
	failed=$((failed + $(echo "$line" | sed -E 's/.*, ([0-9]+) failed.*/\1/;t;s/.*/1/')))
}
# Ends the run with the totals when a stage exited non-zero.
stop_on_failure() {
	[ "$1" -eq 0 ] || { echo "all: $passed passed, $failed failed"; exit "$1"; }
}

# The trigger examples chain the pack's files into n8n's own nodes (n8n-nodes-base), taken from the
# real-n8n install, which a cold machine has only later: with real n8n on, they run after its stage.
later=()
[ "${LOGPULL_SKIP_REAL_N8N:-}" = "1" ] || later=(--testPathIgnorePatterns /node_modules/ triggerExamples)
echo "== jest (n8n-core 1.122, as n8n 1.123 ships)"
run_jest jest .tmp/jest.json "${later[@]}"

echo "== engine tests again on n8n-core 2.41 (as n8n 2.x ships)"
core2_dir=$(bash test/core2/install.sh | tail -1)
LOGPULL_CORE2_DIR=$core2_dir run_jest jest-core2 .tmp/jest-core2.json -c jest.core2.config.js "${later[@]}"

if [ "${LOGPULL_SKIP_REAL_N8N:-}" = "1" ]; then
	echo "== real n8n: skipped (LOGPULL_SKIP_REAL_N8N=1)"
else
	for version in 1.123.81 2.41.1; do
		echo "== real n8n $version"
		status=0
		N8N_VERSION=$version bash test/real-n8n/run.sh | tee .tmp/real-n8n-$version.log || status=$?
		add_counts "n8n-$version" ".tmp/real-n8n-$version.log"
		stop_on_failure "$status"
	done
	echo "== trigger examples through n8n's own nodes, on both n8n-core versions"
	LOGPULL_REQUIRE_STOCK_NODES=1 run_jest examples .tmp/jest-examples.json test/nodes/triggerExamples.engine.test.ts
	LOGPULL_REQUIRE_STOCK_NODES=1 LOGPULL_CORE2_DIR=$core2_dir run_jest examples-core2 .tmp/jest-examples-core2.json \
		-c jest.core2.config.js test/nodes/triggerExamples.engine.test.ts
fi

# The polling triggers in `n8n start` through two accelerated days and a restart (libfaketime).
if [ "${LOGPULL_SKIP_TRIGGERS:-}" = "1" ] || [ "${LOGPULL_SKIP_REAL_N8N:-}" = "1" ]; then
	echo "== triggers in real n8n: skipped (LOGPULL_SKIP_TRIGGERS=1 or LOGPULL_SKIP_REAL_N8N=1)"
else
	echo "== triggers in real n8n (two days on an accelerated clock, one restart)"
	status=0
	LOGPULL_BUILT=1 LOGPULL_TRIGGERS_VERSIONS="1.123.81 2.41.1" bash test/triggers-live/run.sh | tee .tmp/triggers.log || status=$?
	for version in 1.123.81 2.41.1; do add_counts "triggers-$version" .tmp/triggers.log; done
	stop_on_failure "$status"
fi

# Queue mode: main + 2 workers on Redis and Postgres (Debian packages, installed when missing).
if [ "${LOGPULL_SKIP_QUEUE:-}" = "1" ] || [ "${LOGPULL_SKIP_REAL_N8N:-}" = "1" ]; then
	echo "== queue mode: skipped (LOGPULL_SKIP_QUEUE=1 or LOGPULL_SKIP_REAL_N8N=1)"
else
	echo "== queue mode (n8n main + 2 workers, Redis, Postgres)"
	status=0
	LOGPULL_BUILT=1 LOGPULL_QUEUE_VERSIONS="1.123.81 2.41.1" bash test/queue/run.sh | tee .tmp/queue.log || status=$?
	for version in 1.123.81 2.41.1; do add_counts "queue-$version" .tmp/queue.log; done
	stop_on_failure "$status"
fi
if [ "${LOGPULL_SKIP_EDITOR:-}" = "1" ]; then
	echo "== editor in a browser: skipped (LOGPULL_SKIP_EDITOR=1)"
else
	for version in 1.123.81 2.41.1; do
		echo "== editor in a browser, n8n $version"
		status=0
		N8N_VERSION=$version bash test/editor/run.sh | tee .tmp/editor-$version.log || status=$?
		add_counts "editor-$version" ".tmp/editor-$version.log"
		stop_on_failure "$status"
	done
fi
echo "all: $passed passed, $failed failed"
