/**
 * Every temporary folder the tests create (n8n user folders with their binary data) goes under
 * one root per run; jestGlobalTeardown.js removes it even when forceExit kills the workers before
 * their own cleanup runs. Workers inherit the variable.
 */
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

module.exports = async () => {
	process.env.LOGPULL_TMP_ROOT = mkdtempSync(join(tmpdir(), 'logpull-jest-'));
};
