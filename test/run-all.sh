#!/usr/bin/env bash
# `npm test`: lint, build, type-check, the jest suites (unit, emulator, real n8n-core engine),
# then the pack inside a real n8n process. Stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp

echo "== lint" && npm run --silent lint
echo "== build" && npm run --silent build > /dev/null
echo "== type-check tests and scripts" && rm -rf .tmp/build && npx tsc -p tsconfig.test.json
echo "== jest"
status=0
npx jest --json --outputFile=.tmp/jest.json || status=$?
jest_summary=$(node -e 'const r=require("./.tmp/jest.json");console.log(`${r.numPassedTests} ${r.numFailedTests} ${r.numPendingTests}`)' 2>/dev/null || echo "0 1 0")
read -r passed failed skipped <<< "$jest_summary"
echo "jest: $passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] || exit "$status"

if [ "${LOGPULL_SKIP_REAL_N8N:-}" = "1" ]; then
	echo "== real n8n: skipped (LOGPULL_SKIP_REAL_N8N=1)"
else
	echo "== real n8n" && bash test/real-n8n/run.sh | tee .tmp/real-n8n.log
	real=$(grep -E '^real-n8n: [0-9]+ passed, [0-9]+ failed' .tmp/real-n8n.log | tail -1 | sed -E 's/real-n8n: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
	read -r rp rf <<< "$real"
	passed=$((passed + rp))
	failed=$((failed + rf))
fi
echo "all: $passed passed, $failed failed"
