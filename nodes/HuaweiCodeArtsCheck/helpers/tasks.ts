/** The check tasks of a CodeArts project (ShowTaskListByProjectId). */
import type { IDataObject } from 'n8n-workflow';
import type { HuaweiContext } from '../../HuaweiCloudCommon/transport';
import type { TransferOptions } from '../../shared/transferOptions';
import { collectPages } from '../../shared/pagination';
import { codeArtsApiRequest } from '../transport';

/** The largest page the task list API allows. */
const TASK_PAGE = 100;
const MAX_PAGES = 1000;

export async function listTasks(ctx: HuaweiContext, projectId: string, max: number, transfer: TransferOptions): Promise<IDataObject[]> {
	return await collectPages(async ({ offset }) => {
		const answer = await codeArtsApiRequest(ctx, 'GET', `/v2/${encodeURIComponent(projectId)}/tasks`, {
			qs: { offset, limit: TASK_PAGE },
			target: `CodeArts project ${projectId}`,
			notFoundHint: 'Use the ID of a CodeArts project (32 characters, from the project URL), not the IAM project ID.',
		}, transfer);
		return { items: Array.isArray(answer.tasks) ? (answer.tasks as IDataObject[]) : [], totalItems: answer.total };
	}, { pageSize: TASK_PAGE, maxPages: MAX_PAGES, max });
}
