#!/usr/bin/env bash
# n8n-core 2.41.1 + n8n-workflow 2.41.0 (what n8n 2.41 ships) in a cache folder, for the engine
# tests on the 2.x line. ~30 s the first time.
set -euo pipefail
CACHE="${LOGPULL_CACHE:-$HOME/.cache/n8n-logpull}/core-2.41"
if [ ! -f "$CACHE/.ready" ]; then
	rm -rf "$CACHE" && mkdir -p "$CACHE"
	echo '{"name":"core2","private":true}' > "$CACHE/package.json"
	(cd "$CACHE" && npm install n8n-core@2.41.1 n8n-workflow@2.41.0 @n8n/di@0.17.0 --ignore-scripts --no-audit --no-fund --loglevel=error)
	touch "$CACHE/.ready"
fi
echo "$CACHE/node_modules"
