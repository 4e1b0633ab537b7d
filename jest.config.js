/** Engine tests run the real n8n-core WorkflowExecute; n8n-core leaves a timer running, hence forceExit. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
	forceExit: true,
	testTimeout: 60000,
	maxWorkers: 2,
	globalSetup: '<rootDir>/test/jestGlobalSetup.js',
	globalTeardown: '<rootDir>/test/jestGlobalTeardown.js',
};
