/**
 * Jest's node environment, with the host's Error in the sandbox. Errors that Node's own modules
 * raise (fs, net) are made in the host realm, so `error instanceof Error` is false inside a plain
 * jest sandbox; n8n-core's file helpers branch on exactly that (a missing file is ENOENT, to be
 * created) and would fail where n8n itself succeeds. Only the tests that run n8n's file nodes use it.
 */
const { TestEnvironment } = require('jest-environment-node');

class HostErrorsEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		this.global.Error = Error;
	}
}

module.exports = HostErrorsEnvironment;
