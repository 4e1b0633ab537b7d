/** What the soak drives: every download operation of every node, each with its vendor's faults. */
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
];
