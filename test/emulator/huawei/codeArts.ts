/**
 * Huawei CodeArts Check: task and job lookups and the ZIP log download, with the HTTP-200 JSON
 * error gotcha. Invented where the docs are silent: the error codes other than the four
 * documented ones, and the shape of a getJobsInfo record (a `job_id` plus `sub_jobs[]` of
 * `{sub_job_id,…}` — the docs leave where a sub_job_id comes from unconfirmed).
 */
import { ServerResponse } from 'http';
import { FileSpec } from '../files';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import {
	CodeArtsProject,
	CodeArtsSubJob,
	CodeArtsTask,
	defaultCodeArtsProjects,
	jobView,
	taskView,
} from './codeArtsProjects';
import { apiNotFound, guard, HuaweiCloud } from './gateway';
import { intParam, safeDecode } from './helpers';

export interface CodeArtsCheckOptions {
	projects: CodeArtsProject[];
	logBytes: number;
	logContentType: 'application/zip' | 'application/octet-stream';
	/** Send Content-Disposition (undocumented, so off by default). */
	logFileName: boolean;
}

const CC = {
	badParam: {
		error_code: 'CC.xxxxxxxx.400',
		error_msg: 'Verify request parameter failed. Check whether the request parameters are correct.',
	},
	tokenExpired: { error_code: 'CC.00000003', error_msg: 'Authentication information expired.' },
	busy: { error_code: 'CC.00050012', error_msg: 'The system is busy. Please try again later.' },
	projectMissing: { error_code: 'CC.00050013', error_msg: 'The project does not exist.' },
	taskMissing: { error_code: 'CC.00040004', error_msg: 'The task does not exist.' },
	subJobMissing: {
		error_code: 'CC.00040005',
		error_msg: 'The log of the sub task does not exist.',
	},
};

const SUB_JOB_ID = /^[0-9A-Za-z]{32}$/;

export class CodeArtsCheckEmulator implements VendorModule {
	readonly name = 'codeartscheck';
	readonly options: CodeArtsCheckOptions;
	/** sub_job_id → remaining HTTP-200 JSON error answers. */
	jsonErrors = new Map<
		string,
		{ remaining: number; body: { error_code: string; error_msg: string } }
	>();
	counters = { downloads: 0, jsonErrorsServed: 0 };

	constructor(
		readonly cloud: HuaweiCloud,
		options: Partial<CodeArtsCheckOptions> = {},
	) {
		this.options = {
			projects: defaultCodeArtsProjects(),
			logBytes: 32 * 1024,
			logContentType: 'application/octet-stream',
			logFileName: false,
			...options,
		};
	}

	reset(): void {
		this.cloud.reset();
		this.jsonErrors.clear();
		this.counters = { downloads: 0, jsonErrorsServed: 0 };
	}

	/**
	 * Make a known sub-job's log download answer HTTP 200 with a JSON error body (the
	 * documented CC.00050012 "busy" case by default) for the next `times` requests.
	 */
	answerJsonError(subJobId: string, times = Infinity, body = CC.busy): void {
		this.jsonErrors.set(subJobId, { remaining: times, body });
	}

	allSubJobIds(): string[] {
		return this.tasks().flatMap((t) => t.jobs.flatMap((j) => j.sub_jobs.map((s) => s.sub_job_id)));
	}

	/** The ZIP a sub-job's log download serves, as a file spec. */
	logSpec(subJobId: string): FileSpec {
		const sub = this.findSubJob(subJobId);
		if (!sub) throw new Error(`no sub job ${subJobId}`);
		return {
			format: 'zip',
			style: 'syslog',
			size: sub.logBytes ?? this.options.logBytes,
			seed: `codearts-check/${subJobId}`,
			entries: [`${subJobId}.log`],
		};
	}

	private tasks(): CodeArtsTask[] {
		return this.options.projects.flatMap((p) => p.tasks);
	}

	private findSubJob(id: string): CodeArtsSubJob | undefined {
		for (const task of this.tasks()) {
			for (const job of task.jobs) {
				const sub = job.sub_jobs.find((s) => s.sub_job_id === id);
				if (sub) return sub;
			}
		}
		return undefined;
	}

	actionOf(req: EmulatorRequest): string {
		return this.route(req)?.action ?? req.path;
	}

	private route(req: EmulatorRequest): { action: string; id?: string } | undefined {
		if (req.method !== 'GET') return undefined;
		if (req.path === '/v1/log-file') return { action: 'DownloadLog' };
		const tasks = /^\/v2\/([^/]+)\/tasks$/.exec(req.path);
		if (tasks) return { action: 'ShowTaskListByProjectId', id: safeDecode(tasks[1]) };
		const jobs = /^\/v4\/tasks\/([^/]+)\/(jobs|last-jobs)$/.exec(req.path);
		if (jobs) {
			const action = jobs[2] === 'jobs' ? 'GetJobsInfo' : 'ShowLastJobs';
			return { action, id: safeDecode(jobs[1]) };
		}
		return undefined;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const route = this.route(req);
		if (!route) return apiNotFound(res, ctx);
		// CodeArts Check reports an expired token itself (CC.00000003), not as APIGW.0301.
		const principal = guard(this.cloud, req, res, ctx, (denied) =>
			denied.reason === 'token-expired' ? { status: 401, body: CC.tokenExpired } : undefined,
		);
		if (!principal) return;
		switch (route.action) {
			case 'ShowTaskListByProjectId':
				return this.listTasks(req, res, ctx, route.id ?? '');
			case 'GetJobsInfo':
				return this.listJobs(req, res, ctx, route.id ?? '');
			case 'ShowLastJobs':
				return this.lastJobs(res, ctx, route.id ?? '');
			default:
				return this.downloadLog(req, res, ctx);
		}
	}

	private listTasks(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		projectId: string,
	): void {
		const offset = intParam(req.url.searchParams.get('offset'), 0);
		const limit = intParam(req.url.searchParams.get('limit'), 10);
		if (offset === undefined || offset < 0 || limit === undefined || limit < 1 || limit > 100) {
			return ctx.json(res, 400, CC.badParam);
		}
		const project = this.options.projects.find((p) => p.id === projectId);
		// A documented business error that comes with HTTP 200.
		if (!project) return ctx.json(res, 200, CC.projectMissing);
		const tasks = project.tasks.slice(offset, offset + limit).map(taskView);
		ctx.json(res, 200, { tasks, total: project.tasks.length });
	}

	private listJobs(
		req: EmulatorRequest,
		res: ServerResponse,
		ctx: RouteContext,
		taskId: string,
	): void {
		const q = req.url.searchParams;
		const page = intParam(q.get('page'), 1);
		const size = intParam(q.get('page_size'), 200);
		if (page === undefined || page < 1 || size === undefined || size < 1 || size > 200) {
			return ctx.json(res, 400, CC.badParam);
		}
		const task = this.tasks().find((t) => t.task_id === taskId);
		if (!task) return ctx.json(res, 404, CC.taskMissing);
		const statuses = q
			.getAll('statuses')
			.flatMap((s) => s.split(','))
			.filter(Boolean);
		const jobs = [...task.jobs]
			.filter((j) => !statuses.length || statuses.includes(j.status))
			.sort((a, b) => b.start_time.localeCompare(a.start_time));
		const records = jobs.slice((page - 1) * size, page * size).map(jobView);
		ctx.json(res, 200, { total: jobs.length, jobs: records });
	}

	private lastJobs(res: ServerResponse, ctx: RouteContext, taskId: string): void {
		const task = this.tasks().find((t) => t.task_id === taskId);
		if (!task) return ctx.json(res, 404, CC.taskMissing);
		const newest = [...task.jobs].sort((a, b) => b.start_time.localeCompare(a.start_time));
		ctx.json(res, 200, {
			result: {
				last_job_id: newest[0]?.job_id ?? '',
				last_success_job_id: newest.find((j) => j.status === 'success')?.job_id ?? '',
			},
		});
	}

	private downloadLog(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const id = req.url.searchParams.get('sub_job_id') ?? '';
		if (!SUB_JOB_ID.test(id)) return ctx.json(res, 400, CC.badParam);
		if (!this.findSubJob(id)) return ctx.json(res, 404, CC.subJobMissing);
		const injected = this.jsonErrors.get(id);
		if (injected && injected.remaining > 0) {
			injected.remaining--;
			this.counters.jsonErrorsServed++;
			return ctx.json(res, 200, injected.body);
		}
		this.counters.downloads++;
		ctx.sendFile(res, this.logSpec(id), {
			contentType: this.options.logContentType,
			fileName: this.options.logFileName ? `${id}.zip` : undefined,
		});
	}
}
