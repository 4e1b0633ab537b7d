/** Removes the run's temporary root made by jestGlobalSetup.js. */
const { rmSync } = require('fs');

module.exports = async () => {
	if (process.env.LOGPULL_TMP_ROOT) rmSync(process.env.LOGPULL_TMP_ROOT, { recursive: true, force: true });
};
