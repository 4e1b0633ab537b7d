// n8n's community-node rules, without the n8n Cloud import/global restrictions: the pack streams
// gzip with Node's zlib and is self-hosted only (a multi-vendor pack cannot be n8n-verified).
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', '.tmp/**', 'downloads/**', 'coverage/**'] },
	{
		// Tests, the emulator and the scripts are not node code: they may use Node freely.
		files: ['test/**/*.ts', 'test/**/*.js', '*.js'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'no-console': 'off',
			'import-x/no-nodejs-modules': 'off',
			// Test keys are published vendor examples or canaries; the emulator throws plain errors.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Test scripts start the emulator, n8n and curl as processes.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
];
