/**
 * Programmatic entry point: the built node and credential classes, for use outside n8n's loader
 * (n8n itself reads the "n8n" block of package.json). Run `npm run build` first.
 */
const path = require('path');
const { n8n } = require('./package.json');

function load(list) {
	const classes = {};
	for (const file of list) {
		const mod = require(path.join(__dirname, file));
		for (const [name, value] of Object.entries(mod)) if (typeof value === 'function') classes[name] = value;
	}
	return classes;
}

module.exports = { ...load(n8n.nodes), ...load(n8n.credentials) };
