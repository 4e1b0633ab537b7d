/**
 * One workflow per trigger for the live test: the trigger, downloading, into n8n's own Read/Write
 * Files from Disk node, which writes each delivered file to `<out>/<trigger>/` under a name made
 * of the file's identity, the execution id and the item index (parts URI-encoded, joined by `~`).
 * No Code node: what lands on disk is exactly what the trigger handed to the next node.
 */
import { randomUUID } from 'crypto';
import { join } from 'path';

export const TRIGGERS = ['yeastar', 'edgeone', 'dsa', 'codearts'] as const;
export type TriggerName = (typeof TRIGGERS)[number];

export interface WorldSetup {
	projectId: string;
	hosts: string[];
	zoneIds: string[];
}

/**
 * n8n refuses a poll interval under a minute (2.x: a seconds field that is not one number), but
 * takes several Poll Times entries. With the wall clock SPEED times faster and timers real, each
 * entry fires after a random 0-60 real seconds: six of them poll every 5 s on average.
 */
export const POLL_TIMES = { item: Array.from({ length: 6 }, (_, i) => ({ mode: 'custom', cronExpression: `${i * 10} * * * * *` })) };

const CREDENTIALS = {
	yeastar: { yeastarPSeriesApi: { id: 'yeastarDemoCred1', name: 'Yeastar P-Series (demo emulator)' } },
	tencent: { tencentCloudApi: { id: 'tencentDemoCred1', name: 'Tencent Cloud (demo emulator)' } },
	huawei: { huaweiCloudApi: { id: 'huaweiDemoCred1', name: 'Huawei Cloud (demo emulator)' } },
};

/** An n8n expression for `<dir>/<part>~<part>~…~<execution>~<item><ext>`. */
function fileName(dir: string, parts: string[], ext: string): string {
	const encoded = [...parts, '$execution.id', '$itemIndex'].map((p) => `encodeURIComponent(String(${p}))`).join(', ');
	return `={{ ${JSON.stringify(dir + '/')} + [${encoded}].join('~') + ${JSON.stringify(ext)} }}`;
}

function writeNode(name: string, x: number, y: number, dir: string, parts: string[], ext: string, property = 'data') {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		position: [x, y],
		parameters: { operation: 'write', fileName: fileName(dir, parts, ext), dataPropertyName: property, options: {} },
	};
}

function triggerNode(type: string, name: string, parameters: object, credentials: object) {
	return {
		id: randomUUID(),
		name,
		type: `n8n-nodes-logpull.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { pollTimes: POLL_TIMES, download: true, binaryPropertyName: 'data', ...parameters },
		credentials,
	};
}

export function liveWorkflows(out: string, setup: WorldSetup): Array<{ name: string; json: any }> {
	const dir = (t: TriggerName) => join(out, t);
	const specs: Array<{ trigger: TriggerName; node: any; writes: any[] }> = [
		{
			trigger: 'yeastar',
			node: triggerNode('yeastarPSeriesTrigger', 'New System Log', {}, CREDENTIALS.yeastar),
			writes: [writeNode('Write Log', 300, 0, dir('yeastar'), ['$json.logs[0]', '$json.archive'], '.tar')],
		},
		{
			trigger: 'edgeone',
			node: triggerNode('tencentEdgeOneTrigger', 'New Log Packets', { logKind: 'l7', apiVersion: '2022-09-01', zoneIds: setup.zoneIds, domains: '' }, CREDENTIALS.tencent),
			writes: [writeNode('Write Packet', 300, 0, dir('edgeone'), ['$json.zoneId', '$json.LogPacketName'], '.log.gz')],
		},
		{
			trigger: 'dsa',
			node: triggerNode('tencentDsaTrigger', 'New Hourly Logs', { hosts: setup.hosts.join(',') }, CREDENTIALS.tencent),
			writes: [writeNode('Write Hour', 300, 0, dir('dsa'), ['$json.host', '$json.datetime'], '.gz')],
		},
		{
			trigger: 'codearts',
			node: triggerNode('huaweiCodeArtsCheckTrigger', 'New Finished Execution', { projectId: setup.projectId, taskIds: '' }, CREDENTIALS.huawei),
			// Every execution of the emulated tasks has two sub-jobs: one ZIP each, data and data_1.
			writes: [0, 1].map((k) =>
				writeNode(`Write ZIP ${k}`, 300, k * 200, dir('codearts'), ['$json.task_id', '$json.job_id', String(k), `$json.sub_job_ids[${k}]`], '.zip', k ? `data_${k}` : 'data'),
			),
		},
	];
	return specs.map(({ trigger, node, writes }) => ({
		name: `live-${trigger}.json`,
		json: {
			id: `livePoll${trigger[0].toUpperCase()}${trigger.slice(1)}`.slice(0, 16).padEnd(16, '0'),
			name: `Live poll: ${trigger}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [node, ...writes],
			connections: { [node.name]: { main: [writes.map((w) => ({ node: w.name, type: 'main', index: 0 }))] } },
			pinData: {},
		},
	}));
}

/** A written file's name back into its parts (see fileName). */
export function partsOf(file: string): string[] {
	return file.replace(/\.(tar|log\.gz|gz|zip)$/, '').split('~').map(decodeURIComponent);
}
