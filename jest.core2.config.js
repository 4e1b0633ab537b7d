/**
 * The engine tests again, on n8n-core / n8n-workflow 2.41 (what n8n 2.x ships), to catch API drift.
 * Those packages live outside the project (installed by test/core2/install.sh into a cache folder).
 */
const os = require('os');
const path = require('path');
const base = require('./jest.config');

const dir =
	process.env.LOGPULL_CORE2_DIR || path.join(os.homedir(), '.cache', 'n8n-logpull', 'core-2.41', 'node_modules');

module.exports = {
	...base,
	testMatch: ['**/*.engine.test.ts'],
	moduleNameMapper: {
		'^n8n-core$': `${dir}/n8n-core`,
		'^n8n-core/(.*)$': `${dir}/n8n-core/$1`,
		'^n8n-workflow$': `${dir}/n8n-workflow`,
		'^@n8n/di$': `${dir}/@n8n/di`,
	},
};
