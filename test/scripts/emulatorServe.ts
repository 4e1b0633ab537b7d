/**
 * The emulator as a process of its own (benchmarks, manual exploration): prints its URLs as one
 * JSON line, then serves until killed. Per-day Yeastar log sizes come from LOGPULL_YEASTAR_SIZES
 * (JSON: {"20240601": 1048576}).
 */
import { startAllEmulators } from '../emulator';

async function main(): Promise<void> {
	const all = await startAllEmulators({ basePort: Number(process.env.LOGPULL_EMULATOR_PORT ?? 0) });
	const sizes = JSON.parse(process.env.LOGPULL_YEASTAR_SIZES ?? '{}') as Record<string, number>;
	for (const [name, size] of Object.entries(sizes)) {
		all.yeastar.sizes.set(name, size);
		if (!all.yeastar.options.logNames.includes(name)) all.yeastar.options.logNames.push(name);
	}
	const urls = Object.fromEntries(
		['yeastar', 'teo', 'dsa', 'tencent-cdn', 'huawei-iam', 'clouddc', 'codeartscheck'].map((v) => [v, all.emulator.url(v)]),
	);
	console.log(JSON.stringify({ urls, yeastar: { clientId: all.yeastar.options.clientId, clientSecret: all.yeastar.options.clientSecret } }));
	const stop = async () => {
		await all.emulator.stop();
		process.exit(0);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
