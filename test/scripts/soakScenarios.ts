/** What the soak drives: every download operation of every node, each with its vendor's faults. */
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
];

function teoThrottle(action: string): Fault {
	return {
		vendor: 'teo',
		match: action,
		status: 200,
		body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'Your current request times equals to `limit`.' }, RequestId: 'soak' } },
	};
}
