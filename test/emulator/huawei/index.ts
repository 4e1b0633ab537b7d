/**
 * Huawei Cloud: IAM (password tokens with user lockout, project lookup), CloudDC (server list,
 * asynchronous log export, `.tar.gz` download) and CodeArts Check (task and job lookups, ZIP log
 * download with the HTTP-200-JSON-error gotcha). All three sit behind one API-gateway model
 * (`HuaweiCloud`, gateway.ts) in front of one account (account.ts).
 */
import { VendorModule } from '../server';
import { HuaweiCloudOptions } from './account';
import { CloudDcEmulator } from './cloudDc';
import { CloudDcOptions } from './cloudDcModel';
import { CodeArtsCheckEmulator, CodeArtsCheckOptions } from './codeArts';
import { HuaweiCloud } from './gateway';
import { HuaweiIamEmulator } from './iam';

export { HUAWEI_DEFAULTS, principalId } from './account';
export type { DenyReason, HuaweiAccessKey, HuaweiCloudOptions, HuaweiProject, HuaweiUser, IssuedToken, Principal } from './account';
export { gatewayBody, HuaweiCloud } from './gateway';
export { hexId } from './helpers';
export { HuaweiIamEmulator } from './iam';
export { defaultCloudDcServers, HOSTILE_SNS, MANAGE_STATES } from './cloudDcModel';
export type { CloudDcExport, CloudDcOptions, CloudDcServer, ExportStatusStyle } from './cloudDcModel';
export { CloudDcEmulator } from './cloudDc';
export { defaultCodeArtsProjects } from './codeArtsProjects';
export type { CodeArtsJob, CodeArtsProject, CodeArtsSubJob, CodeArtsTask } from './codeArtsProjects';
export { CodeArtsCheckEmulator } from './codeArts';
export type { CodeArtsCheckOptions } from './codeArts';

export interface HuaweiEmulators {
	cloud: HuaweiCloud;
	iam: HuaweiIamEmulator;
	cloudDc: CloudDcEmulator;
	codeArts: CodeArtsCheckEmulator;
	modules: VendorModule[];
}

/** The three Huawei listeners sharing one account, ready for `new Emulator(x.modules)`. */
export function huaweiEmulators(
	options: {
		cloud?: Partial<HuaweiCloudOptions>;
		cloudDc?: Partial<CloudDcOptions>;
		codeArts?: Partial<CodeArtsCheckOptions>;
	} = {},
): HuaweiEmulators {
	const cloud = new HuaweiCloud(options.cloud);
	const iam = new HuaweiIamEmulator(cloud);
	const cloudDc = new CloudDcEmulator(cloud, options.cloudDc);
	const codeArts = new CodeArtsCheckEmulator(cloud, options.codeArts);
	return { cloud, iam, cloudDc, codeArts, modules: [iam, cloudDc, codeArts] };
}
