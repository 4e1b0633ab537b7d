/**
 * Jest global setup/teardown: every temporary folder the tests create (n8n user folders with
 * their binary data, TLS certificates) goes under one root per run, removed at the end even when
 * forceExit kills the workers before their own cleanup runs.
 */
const { mkdtempSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

module.exports.setup = async () => {
	process.env.LOGPULL_TMP_ROOT = mkdtempSync(join(tmpdir(), 'logpull-jest-'));
};

module.exports.teardown = async () => {
	if (process.env.LOGPULL_TMP_ROOT) rmSync(process.env.LOGPULL_TMP_ROOT, { recursive: true, force: true });
};
