/**
 * CodeArts Check's data: projects, their tasks and job executions, the default projects, and how
 * the task and job lookups show them.
 */
import { hexId } from './helpers';

export interface CodeArtsSubJob {
	sub_job_id: string;
	status: string;
	engine: string;
	/** Size of this sub-job's ZIP (default: `logBytes`). */
	logBytes?: number;
}

export interface CodeArtsJob {
	job_id: string;
	status: 'quering' | 'running' | 'success' | 'failed' | 'aborted';
	start_time: string;
	end_time: string;
	trigger_type: string;
	sub_jobs: CodeArtsSubJob[];
}

export interface CodeArtsTask {
	task_id: string;
	task_name: string;
	creator_id: string;
	git_url: string;
	git_branch: string;
	created_at: string;
	last_check_time: string;
	jobs: CodeArtsJob[];
}

export interface CodeArtsProject {
	/** CodeArts project id (32 hex), not the IAM project id. */
	id: string;
	tasks: CodeArtsTask[];
}

/** A task as ShowTaskListByProjectId lists it (executions are a separate API). */
export function taskView(task: CodeArtsTask): Record<string, unknown> {
	const { task_id, task_name, creator_id, git_url, git_branch, created_at, last_check_time } = task;
	return { task_id, task_name, creator_id, git_url, git_branch, created_at, last_check_time };
}

/** An execution record of getJobsInfo; sub_jobs is this emulator's assumption (undocumented). */
export function jobView(job: CodeArtsJob): Record<string, unknown> {
	return {
		job_id: job.job_id,
		status: job.status,
		start_time: job.start_time,
		end_time: job.end_time,
		trigger_type: job.trigger_type,
		sub_jobs: job.sub_jobs.map(({ sub_job_id, status, engine }) => ({
			sub_job_id,
			status,
			engine,
		})),
	};
}

export function defaultCodeArtsProjects(taskCount = 12, jobsPerTask = 3): CodeArtsProject[] {
	const projectId = hexId('codearts/project/0');
	const stamp = (day: number, hour: number) =>
		`2024-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
	const tasks = Array.from({ length: taskCount }, (_, t): CodeArtsTask => {
		const jobs = Array.from(
			{ length: jobsPerTask },
			(_, j): CodeArtsJob => ({
				job_id: hexId(`codearts/job/${t}/${j}`),
				// The newest job of every third task failed, so last-jobs differ from last-success.
				status: t % 3 === 0 && j === jobsPerTask - 1 ? 'failed' : 'success',
				start_time: stamp(1 + j, 8 + (t % 10)),
				end_time: stamp(1 + j, 9 + (t % 10)),
				trigger_type: 'manual',
				sub_jobs: ['secbrella', 'codemars'].map((engine, s) => ({
					sub_job_id: hexId(`codearts/subjob/${t}/${j}/${s}`),
					status: 'success',
					engine,
				})),
			}),
		);
		return {
			task_id: hexId(`codearts/task/${t}`),
			task_name: `repo-${t + 1}-check`,
			creator_id: hexId('codearts/creator'),
			git_url: `https://codehub.example.com/logpull/repo-${t + 1}.git`,
			git_branch: 'master',
			created_at: stamp(1, 7),
			last_check_time: jobs[jobs.length - 1]?.end_time ?? '',
			jobs,
		};
	});
	return [{ id: projectId, tasks }];
}
