/**
 * CloudDC's data: the physical servers and their log exports, the default servers, and how the
 * API shows a server and spells export progress.
 */
import type { HuaweiCloud } from './gateway';
import { uuidFrom } from './helpers';

export const MANAGE_STATES = [
	'delivering',
	'received',
	'onboard',
	'ready',
	'in-use',
	'frozen',
	'offboarding',
] as const;

export interface CloudDcServer {
	id: string;
	name: string;
	/** Serial number: the download is named `${sn}-dump.tar.gz`. */
	sn: string;
	manageState: string;
	projectId: string;
	/** Size of this server's log export (default: `exportBytes`). */
	exportBytes?: number;
	/** Exports of this server end in the failure status. */
	failExport?: boolean;
}

/** SNs that a careless client would turn into a dangerous or unusable file name. */
export const HOSTILE_SNS = {
	traversal: '../../etc/passwd',
	long: `SN${'9'.repeat(300)}`,
	messy: 'a b;"c\'$(x)|<y>?*',
	backslash: '..\\..\\windows\\system32',
} as const;

/** How export progress is spelled: 'example' like the docs' example, 'schema' like their table. */
export type ExportStatusStyle = 'example' | 'schema';

export interface CloudDcOptions {
	servers: CloudDcServer[];
	exportDurationMs: number;
	exportBytes: number;
	statusStyle: ExportStatusStyle;
	/** CloudDC's own throttle (HTTP 429 with a plain string body); undefined = none. */
	serviceThrottle?: { limit: number; windowMs: number };
}

export interface CloudDcExport {
	id: string;
	serverId: string;
	projectId: string;
	createdAt: number;
	/** Set by completeExports(): treat the export as finished whatever the clock says. */
	skipWait?: boolean;
	fail: boolean;
	bytes: number;
}

export function defaultCloudDcServers(projectId: string, count = 25): CloudDcServer[] {
	return Array.from({ length: count }, (_, i) => ({
		id: uuidFrom(`clouddc/server/${i}`),
		name: `bms-${String(i + 1).padStart(3, '0')}`,
		sn: `2102312${String(100000 + i)}EMU`,
		manageState: i % 5 === 4 ? 'ready' : 'in-use',
		projectId,
	}));
}

/** A server as ListServers shows it. */
export function serverView(s: CloudDcServer, cloud: HuaweiCloud): Record<string, unknown> {
	return {
		id: s.id,
		name: s.name,
		project_id: s.projectId,
		domain_id: cloud.options.domainId,
		manage_state: s.manageState,
		power_state: 'on',
		health_state: 'ok',
		onboard_time: '2024-06-01T08:00:00Z',
		location: { region: cloud.defaultProject.name, cabinet: 'A01', slot: '12' },
		hardware_attributes: { serial_number: s.sn, vendor: 'Huawei', model: '2288H V5' },
		tags: [],
		error: null,
	};
}

/** The words and percentage format of an export status style. */
export function exportVocabulary(style: ExportStatusStyle): {
	running: string;
	done: string;
	failed: string;
	percent: (n: number) => string;
} {
	return style === 'example'
		? { running: 'Running', done: 'completed', failed: 'failed', percent: (n) => `${n}%` }
		: { running: 'processing', done: 'completed', failed: 'failed', percent: (n) => String(n) };
}
