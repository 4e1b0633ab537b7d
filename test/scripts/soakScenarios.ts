/** What the soak drives: every download operation of every node, each with its vendor's faults. */
import { HUAWEI_DEFAULTS } from '../emulator/huawei';
import type { Fault } from '../emulator/server';
import { genericFaults, SoakScenario } from './soakRunner';

export const SOAK_SCENARIOS: SoakScenario[] = [
	{
		name: 'yeastar download per day',
		fixture: 'yeastar-download-latest.json',
		params: { count: 3, archivePerDay: true },
		faults: (random) => [
			...genericFaults(random, 'yeastar', '/api/download/'),
			...genericFaults(random, 'yeastar', 'system_log'),
			...(random() < 0.2 ? [{ vendor: 'yeastar', match: 'system_log/download', status: 200, body: { errcode: 70082, errmsg: 'OVERLOAD_TASK_RUNNING' } }] : []),
		],
		chaos: (random, all) => {
			if (random() < 0.2) all.yeastar.expireAccessTokens();
		},
	},
	{
		name: 'edgeone l7 download',
		fixture: 'tencent-edgeone-l7-download.json',
		faults: (random) => [
			...genericFaults(random, 'teo', 'DownloadL7Logs'),
			...genericFaults(random, 'tencent-cdn'),
			...(random() < 0.3 ? [teoThrottle('DownloadL7Logs')] : []),
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
		faults: (random) => [
			...genericFaults(random, 'dsa'),
			...genericFaults(random, 'tencent-cdn'),
			...(random() < 0.2 ? [{ vendor: 'dsa', status: 200, body: { code: 6000, message: 'internal error', codeDesc: 'InternalError' } }] : []),
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
		faults: (random) => [...genericFaults(random, 'codeartscheck'), ...genericFaults(random, 'huawei-iam', '/v3/auth/tokens')],
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
