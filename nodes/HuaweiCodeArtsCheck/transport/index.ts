/** CodeArts Check's transport: the Huawei Cloud transport both Huawei nodes share, bound to CodeArts Check. */
import { huaweiProduct } from '../../HuaweiCloudCommon/product';

export { CREDENTIAL_TYPE } from '../../HuaweiCloudCommon/transport';

const codeArtsCheck = huaweiProduct('codeArtsCheck');
export const VENDOR = codeArtsCheck.vendor;
export const codeArtsApiRequest = codeArtsCheck.apiRequest;
export const codeArtsDownload = codeArtsCheck.download;
