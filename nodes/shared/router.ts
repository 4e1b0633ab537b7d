/**
 * The per-item loop every node's router uses: run the chosen operation for each input item,
 * pair outputs with their input, and turn failures into redacted n8n errors, or into error items
 * when "Continue On Fail" is on.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { toNodeError } from './errors';

export type OperationExecute = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

export type OperationMap = Record<string, Record<string, { execute: OperationExecute }>>;

function errorItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number, extra?: IDataObject): INodeExecutionData {
	const nodeError = toNodeError(ctx, error, itemIndex);
	const json: IDataObject = { ...extra, error: nodeError.message };
	if (nodeError.description) json.description = nodeError.description;
	const httpCode = (nodeError as { httpCode?: string | null }).httpCode;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

export async function runOperations(this: IExecuteFunctions, operations: OperationMap): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			if (!handler) throw new Error(`The operation "${operation}" of "${resource}" is not supported`);
			const results = await handler.execute.call(this, i);
			for (const result of results) output.push({ ...result, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push(errorItem(this, error, i));
				continue;
			}
			throw toNodeError(this, error, i);
		}
	}
	return [output];
}

/**
 * Items from a batch of per-file results. A failed file becomes an error item naming it when
 * "Continue On Fail" is on; otherwise the first failure fails the node.
 */
export function settledToItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	results: Array<PromiseSettledResult<INodeExecutionData>>,
	describe: (index: number) => IDataObject,
): INodeExecutionData[] {
	const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
	if (failed && !ctx.continueOnFail()) throw failed.reason;
	return results.map((r, index) =>
		r.status === 'fulfilled' ? r.value : errorItem(ctx, r.reason, itemIndex, describe(index)),
	);
}
