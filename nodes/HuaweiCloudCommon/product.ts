/**
 * One Huawei product's calls and file downloads, bound to its service: what each product's
 * transport/ exposes, so the two nodes reach the shared transport the same way.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData } from 'n8n-workflow';
import type { TransferOptions } from '../shared/transferOptions';
import { downloadToBinary, type ExpectedFile } from './download';
import { type HuaweiContext, type HuaweiRequest, type HuaweiService, huaweiApiRequest, VENDORS } from './transport';

export type CallDetails = Omit<HuaweiRequest<never>, 'stream'>;

export interface HuaweiProduct {
	vendor: string;
	/** One API call with retries; the JSON answer parsed. */
	apiRequest: (
		ctx: HuaweiContext,
		method: IHttpRequestMethods,
		path: string,
		request: CallDetails,
		transfer: TransferOptions,
	) => Promise<IDataObject>;
	/** One file, checked against what it must look like, as binary data. */
	download: (
		ctx: IExecuteFunctions,
		path: string,
		request: Omit<CallDetails, 'body'>,
		expected: ExpectedFile,
		transfer: TransferOptions,
	) => Promise<INodeExecutionData>;
}

export function huaweiProduct(service: Exclude<HuaweiService, 'iam'>): HuaweiProduct {
	return {
		vendor: VENDORS[service],
		apiRequest: async (ctx, method, path, request, transfer) => await huaweiApiRequest(ctx, service, method, path, request, transfer),
		download: async (ctx, path, request, expected, transfer) => await downloadToBinary(ctx, service, path, request, expected, transfer),
	};
}
