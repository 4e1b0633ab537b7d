/**
 * Huawei CloudDC: the physical server list, the asynchronous log export and its `.tar.gz` download.
 * Invented where the docs are silent: the service error codes (CLOUDDC.4xxx), the export failure
 * status and the server SN field.
 */
import { ServerResponse } from 'http';
import { FileSpec } from '../files';
import { RateWindow } from '../rateWindow';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import { Principal, principalId } from './account';
import {
	CloudDcExport,
	CloudDcOptions,
	CloudDcServer,
	defaultCloudDcServers,
	exportVocabulary,
	MANAGE_STATES,
	serverView,
} from './cloudDcModel';
import { apiNotFound, guard, HuaweiCloud } from './gateway';
import { intParam, safeDecode } from './helpers';

const CLOUDDC_ERRORS = {
	badRequest: ['CLOUDDC.4000', 400],
	projectMismatch: ['CLOUDDC.4030', 403],
	serverNotFound: ['CLOUDDC.4040', 404],
	exportNotFound: ['CLOUDDC.4041', 404],
	exportNotReady: ['CLOUDDC.4090', 409],
	exportFailed: ['CLOUDDC.4091', 409],
} as const;

const FAIL_AT = 0.6;

export class CloudDcEmulator implements VendorModule {
	readonly name = 'clouddc';
	readonly options: CloudDcOptions;
	exports = new Map<string, CloudDcExport>();
	private nextExport = 1;
	private serviceCalls = new RateWindow();
	counters = { exportsCreated: 0, statusPolls: 0, downloads: 0, serviceThrottled: 0 };

	constructor(
		readonly cloud: HuaweiCloud,
		options: Partial<CloudDcOptions> = {},
	) {
		this.options = {
			servers: defaultCloudDcServers(cloud.defaultProject.id),
			exportDurationMs: 300,
			exportBytes: 64 * 1024,
			statusStyle: 'example',
			...options,
		};
	}

	reset(): void {
		this.cloud.reset();
		this.exports.clear();
		this.nextExport = 1;
		this.serviceCalls.clear();
		this.counters = { exportsCreated: 0, statusPolls: 0, downloads: 0, serviceThrottled: 0 };
	}

	server(id: string): CloudDcServer | undefined {
		return this.options.servers.find((s) => s.id === id);
	}

	/** Give a server a hostile serial number (file-name tests). */
	setServerSn(id: string, sn: string): void {
		const server = this.server(id);
		if (!server) throw new Error(`no server ${id}`);
		server.sn = sn;
	}

	/** The archive an export serves, as a file spec (tests hash it with fileSha256). */
	exportSpec(exportId: string): FileSpec {
		const job = this.exports.get(exportId);
		if (!job) throw new Error(`no export ${exportId}`);
		return {
			format: 'tar.gz',
			style: 'syslog',
			size: job.bytes,
			seed: `clouddc/${job.serverId}/${job.id}`,
			entries: [
				'dump_info/LogDump/sel.log',
				'dump_info/LogDump/operate_log',
				'dump_info/AppDump/sensor_info',
			],
		};
	}

	/** Make every export finish now (skip the wait). */
	completeExports(): void {
		for (const job of this.exports.values()) job.skipWait = true;
	}

	actionOf(req: EmulatorRequest): string {
		return this.route(req)?.action ?? req.path;
	}

	private route(
		req: EmulatorRequest,
	): { action: string; projectId: string; serverId?: string; exportId?: string } | undefined {
		const seg = '([^/]+)';
		const base = `^/v1/${seg}/physicalservers`;
		const patterns: Array<[string, string, RegExp]> = [
			['GET', 'ListServers', new RegExp(`${base}$`)],
			['POST', 'ExportServerLogs', new RegExp(`${base}/${seg}/logs/exports$`)],
			['GET', 'ShowLogsExportStatus', new RegExp(`${base}/${seg}/logs/exports/${seg}$`)],
			['GET', 'DownloadServerLogs', new RegExp(`${base}/${seg}/logs/exports/${seg}/content$`)],
		];
		for (const [method, action, pattern] of patterns) {
			const m = pattern.exec(req.path);
			if (m && req.method === method) {
				const [projectId, serverId, exportId] = m.slice(1).map(safeDecode);
				return { action, projectId, serverId, exportId };
			}
		}
		return undefined;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const route = this.route(req);
		if (!route) return apiNotFound(res, ctx);
		const principal = guard(this.cloud, req, res, ctx);
		if (!principal) return;
		if (!this.cloud.projectAllowed(principal, route.projectId, req)) {
			return this.fail(
				res,
				ctx,
				'projectMismatch',
				'The project ID in the URL does not match the credential.',
			);
		}
		if (!this.admitService(principal)) {
			this.counters.serviceThrottled++;
			return ctx.text(res, 429, 'The request is overloaded.');
		}
		if (route.action === 'ListServers') return this.listServers(req, res, ctx, route.projectId);
		const server = this.server(route.serverId ?? '');
		if (!server || server.projectId !== route.projectId) {
			return this.fail(
				res,
				ctx,
				'serverNotFound',
				`The physical server ${route.serverId} does not exist.`,
			);
		}
		if (route.action === 'ExportServerLogs') return this.createExport(res, ctx, server);
		const job = this.exports.get(route.exportId ?? '');
		if (!job || job.serverId !== server.id) {
			return this.fail(
				res,
				ctx,
				'exportNotFound',
				`The export task ${route.exportId} does not exist.`,
			);
		}
		if (route.action === 'ShowLogsExportStatus') {
			this.counters.statusPolls++;
			return ctx.json(res, 200, this.progress(job));
		}
		return this.download(res, ctx, server, job);
	}

	private fail(
		res: ServerResponse,
		ctx: RouteContext,
		kind: keyof typeof CLOUDDC_ERRORS,
		msg: string,
	): void {
		const [code, status] = CLOUDDC_ERRORS[kind];
		ctx.json(res, status, { error_code: code, error_msg: msg });
	}

	private admitService(principal: Principal): boolean {
		const limit = this.options.serviceThrottle;
		if (!limit) return true;
		return this.serviceCalls.allow(principalId(principal), limit.limit, limit.windowMs, Date.now());
	}

	private listServers(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		projectId: string,
	): void {
		const q = req.url.searchParams;
		const state = q.get('manage_state');
		if (state !== null && !(MANAGE_STATES as readonly string[]).includes(state)) {
			return this.fail(res, ctx, 'badRequest', `Invalid manage_state: ${state}`);
		}
		const requested = intParam(q.get('limit'), 10);
		if (requested === undefined) return this.fail(res, ctx, 'badRequest', 'Invalid limit.');
		// Documented clamping rather than an error: < 10 reads as 10, > 1000 as 1000.
		const limit = Math.min(1000, Math.max(10, requested));
		const all = this.options.servers.filter(
			(s) => s.projectId === projectId && (state === null || s.manageState === state),
		);
		const marker = q.get('marker');
		let start = 0;
		if (marker) {
			const at = all.findIndex((s) => s.id === marker);
			if (at < 0) return this.fail(res, ctx, 'badRequest', `Invalid marker: ${marker}`);
			start = at + 1;
		}
		const page = all.slice(start, start + limit);
		const pageInfo: Record<string, unknown> = { current_count: page.length };
		if (start + limit < all.length && page.length) pageInfo.next_marker = page[page.length - 1].id;
		if (start > 0 && page.length) pageInfo.previous_marker = page[0].id;
		ctx.json(res, 200, {
			servers: page.map((s) => serverView(s, this.cloud)),
			page_info: pageInfo,
			count: all.length,
		});
	}

	private createExport(res: ServerResponse, ctx: RouteContext, server: CloudDcServer): void {
		const job: CloudDcExport = {
			id: String(this.nextExport++),
			serverId: server.id,
			projectId: server.projectId,
			createdAt: Date.now(),
			fail: server.failExport === true,
			bytes: server.exportBytes ?? this.options.exportBytes,
		};
		this.exports.set(job.id, job);
		this.counters.exportsCreated++;
		ctx.json(res, 202, this.progress(job));
	}

	private fraction(job: CloudDcExport, now: number): number {
		if (job.skipWait) return 1;
		return (now - job.createdAt) / Math.max(1, this.options.exportDurationMs);
	}

	state(job: CloudDcExport, now = Date.now()): 'running' | 'done' | 'failed' {
		const fraction = this.fraction(job, now);
		if (job.fail && fraction >= FAIL_AT) return 'failed';
		return fraction >= 1 ? 'done' : 'running';
	}

	progress(job: CloudDcExport, now = Date.now()): Record<string, string> {
		const words = exportVocabulary(this.options.statusStyle);
		const state = this.state(job, now);
		const fraction = this.fraction(job, now);
		const percent =
			state === 'done'
				? 100
				: state === 'failed'
					? FAIL_AT * 100
					: Math.min(99, Math.floor(fraction * 100));
		const created = new Date(job.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
		return {
			export_id: job.id,
			status: words[state],
			percentage: words.percent(percent),
			created_at: this.options.statusStyle === 'example' ? created : created.replace('Z', '+00:00'),
		};
	}

	private download(
		res: ServerResponse,
		ctx: RouteContext,
		server: CloudDcServer,
		job: CloudDcExport,
	): void {
		const state = this.state(job);
		if (state === 'failed') {
			return this.fail(
				res,
				ctx,
				'exportFailed',
				'The log export task failed; export the logs again.',
			);
		}
		if (state !== 'done') {
			return this.fail(res, ctx, 'exportNotReady', 'The log export task is not completed.');
		}
		this.counters.downloads++;
		ctx.sendFile(res, this.exportSpec(job.id), {
			contentType: 'application/octet-stream;charset=UTF-8',
			fileName: `${server.sn}-dump.tar.gz`,
			extraHeaders: { 'Content-Transfer-Encoding': 'binary' },
		});
	}
}
