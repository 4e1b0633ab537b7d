/** The whole emulator: every vendor on its own loopback port, as the demo, soak and bench use it. */
import { Emulator } from './server';
import { YeastarEmulator, YeastarOptions } from './yeastar';
import { createTencentEmulators } from './tencent';
import { huaweiEmulators } from './huawei';

export interface AllEmulators {
	emulator: Emulator;
	yeastar: YeastarEmulator;
	tencent: ReturnType<typeof createTencentEmulators>;
	huawei: ReturnType<typeof huaweiEmulators>;
}

export async function startAllEmulators(
	options: { yeastar?: Partial<YeastarOptions>; host?: string; basePort?: number } = {},
): Promise<AllEmulators> {
	const yeastar = new YeastarEmulator(options.yeastar);
	const tencent = createTencentEmulators();
	const huawei = huaweiEmulators();
	const emulator = await new Emulator([
		yeastar,
		tencent.teo,
		tencent.dsa,
		tencent.cdn,
		...huawei.modules,
	]).start(options.host, options.basePort);
	return { emulator, yeastar, tencent, huawei };
}
