/**
 * What the soak drives: every download operation of every node, each with its vendor's faults;
 * on top of the transport faults, the hostile ones: stalls and endless bodies everywhere (API
 * answers, logins and files), gzip bombs where Decompress is on, login redirects towards the catcher
 * (Yeastar get_token, Huawei IAM tokens) and EdgeOne/DSA download links rewritten to the
 * catcher's 127.0.0.2 listener: loopback, but not the credential endpoint's address.
 */
import type { AllEmulators } from '../emulator';
import { HUAWEI_DEFAULTS } from '../emulator/huawei';
import type { Catcher, Fault } from '../emulator/server';
import { genericFaults, SoakScenario } from './soakRunner';

/** A login answered with a redirect to the catcher; the emulator's tokens expire so the login happens. */
function loginRedirect(random: () => number, catcher: Catcher, vendor: string, path: string, expire: () => void): Fault[] {
	if (random() >= 0.25) return [];
	expire();
	return [{ vendor, match: path, status: random() < 0.5 ? 307 : 308, body: '', headers: { Location: `${catcher.origin('127.0.0.1')}${path}` } }];
}

/** An API answer whose download links point at the catcher's 127.0.0.2 listener. */
function internalLinks(random: () => number, catcher: Catcher, vendor: string, match: string): Fault[] {
	return random() < 0.25 ? [{ vendor, match, rewriteLinks: catcher.origin('127.0.0.2') }] : [];
}

/** Now and then a body that stalls on every attempt: it must end as an error item after Max Attempts. */
function persistentStall(random: () => number, vendor: string, match: string): Fault[] {
	return random() < 0.06 ? [{ vendor, match, stallAfter: Math.floor(random() * 20000), times: 20 }] : [];
}

function bomb(random: () => number): Fault[] {
	return random() < 0.4 ? [{ vendor: 'tencent-cdn', gzipBomb: 32 + Math.floor(random() * 96) }] : [];
}

const expireYeastar = (all: AllEmulators) => () => all.yeastar.expireAccessTokens();
const expireIam = (all: AllEmulators) => () => all.huawei.cloud.expireTokens();

export const SOAK_SCENARIOS: SoakScenario[] = [
	{
		name: 'yeastar download per day',
		fixture: 'yeastar-download-latest.json',
		params: { count: 3, archivePerDay: true },
		faults: (random, all, catcher) => [
			...persistentStall(random, 'yeastar', '/api/download/'),
			...genericFaults(random, 'yeastar', '/api/download/'),
			...genericFaults(random, 'yeastar', 'system_log'),
			...genericFaults(random, 'yeastar', 'get_token'),
			...(random() < 0.2 ? [{ vendor: 'yeastar', match: 'system_log/download', status: 200, body: { errcode: 70082, errmsg: 'OVERLOAD_TASK_RUNNING' } }] : []),
			...loginRedirect(random, catcher, 'yeastar', '/openapi/v1.0/get_token', expireYeastar(all)),
		],
		chaos: (random, all) => {
			if (random() < 0.2) all.yeastar.expireAccessTokens();
		},
	},
	{
		name: 'edgeone l7 download',
		fixture: 'tencent-edgeone-l7-download.json',
		faults: (random, _all, catcher) => [
			...genericFaults(random, 'teo', 'DownloadL7Logs'),
			...genericFaults(random, 'tencent-cdn'),
			...(random() < 0.3 ? [teoThrottle('DownloadL7Logs')] : []),
			...internalLinks(random, catcher, 'teo', 'DownloadL7Logs'),
		],
	},
	{
		// Decompress on: the packets arrive as JSON Lines, and a gzip bomb can be served instead.
		name: 'edgeone l7 download, gunzip',
		fixture: 'tencent-edgeone-l7-download.json',
		params: { gunzip: true },
		// Room above the 16 MB floor, so a bomb is stopped by the 100:1 inflate ratio, not by the size.
		transfer: { maxFileSizeMb: 32 },
		faults: (random, _all, catcher) => [
			...genericFaults(random, 'tencent-cdn'),
			...bomb(random),
			...internalLinks(random, catcher, 'teo', 'DownloadL7Logs'),
		],
	},
	{
		name: 'edgeone l4 download',
		fixture: 'tencent-edgeone-l4-download.json',
		params: { gunzip: false },
		faults: (random) => [...genericFaults(random, 'tencent-cdn'), ...(random() < 0.3 ? [teoThrottle('DownloadL4Logs')] : [])],
	},
	{
		name: 'dsa download',
		fixture: 'tencent-dsa-download.json',
		faults: (random, _all, catcher) => [
			...genericFaults(random, 'dsa'),
			...genericFaults(random, 'tencent-cdn'),
			...(random() < 0.2 ? [{ vendor: 'dsa', status: 200, body: { code: 6000, message: 'internal error', codeDesc: 'InternalError' } }] : []),
			...internalLinks(random, catcher, 'dsa', 'GetDsaHostLogs'),
		],
	},
	{
		name: 'clouddc export and download',
		fixture: 'huawei-clouddc-export-and-download.json',
		params: { pollInterval: 0.05 },
		faults: (random) => [
			...genericFaults(random, 'clouddc'),
			...(random() < 0.3 ? [{ vendor: 'clouddc', status: 429, body: 'The request is overloaded.' }] : []),
			...(random() < 0.3
				? [{ vendor: 'clouddc', status: 429, body: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' } }]
				: []),
		],
		chaos: (random, all) => {
			// Now and then one server's export fails: that server must come back as an error item.
			const servers = all.huawei.cloudDc.options.servers.slice(0, 3);
			for (const server of servers) server.failExport = false;
			if (random() < 0.15) servers[Math.floor(random() * servers.length)].failExport = true;
		},
	},
	{
		name: 'codearts download log file',
		fixture: 'huawei-codearts-download-log-file.json',
		faults: (random) => [
			...persistentStall(random, 'codeartscheck', '/v1/log-file'),
			...genericFaults(random, 'codeartscheck'),
			...(random() < 0.3
				? [{ vendor: 'codeartscheck', match: '/v1/log-file', status: 200, body: { error_code: 'CC.00050012', error_msg: 'The system is busy. Try again later.' } }]
				: []),
		],
	},
	{
		name: 'codearts download, IAM token',
		fixture: 'huawei-codearts-latest-logs.json',
		credentials: () => ({
			huaweiCloudApi: {
				authType: 'password',
				userName: HUAWEI_DEFAULTS.users[0].name,
				password: HUAWEI_DEFAULTS.users[0].password,
				domainName: HUAWEI_DEFAULTS.domainName,
			},
		}),
		faults: (random, all, catcher) => [
			...genericFaults(random, 'codeartscheck'),
			...genericFaults(random, 'huawei-iam', '/v3/auth/tokens'),
			...loginRedirect(random, catcher, 'huawei-iam', '/v3/auth/tokens', expireIam(all)),
		],
		chaos: (random, all) => {
			// The IAM token expires mid-run: the node must renew it once and carry on.
			if (random() < 0.25) all.huawei.cloud.expireTokens();
		},
	},
];

function teoThrottle(action: string): Fault {
	return {
		vendor: 'teo',
		match: action,
		status: 200,
		body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times equals to `limit`.' }, RequestId: 'soak' } },
	};
}
