/** CloudDC's transport: the Huawei Cloud transport both Huawei nodes share, bound to CloudDC. */
import { huaweiProduct } from '../../HuaweiCloudCommon/product';

export { CREDENTIAL_TYPE, PROJECT_ID_PLACEHOLDER } from '../../HuaweiCloudCommon/transport';

const cloudDc = huaweiProduct('cloudDc');
export const VENDOR = cloudDc.vendor;
export const cloudDcApiRequest = cloudDc.apiRequest;
export const cloudDcDownload = cloudDc.download;
