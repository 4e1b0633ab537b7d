/**
 * Tencent Cloud emulators (DSA API 2.0 and EdgeOne API 3.0, as Tencent's API pages describe them):
 * `TeoEmulator` (EdgeOne), `DsaEmulator` (DSA) and `TencentCdnEmulator`, the log CDN both link to.
 * The three share a `TencentLogFiles` (file sizes and URL signing) so a listed packet and the file
 * the CDN serves always agree. Each module's `clock` can be pinned so tests are time-independent.
 */
import { TencentCdnEmulator } from './cdn';
import { Clock, realClock } from './common';
import { DsaEmulator, DsaOptions } from './dsa';
import { TencentLogFiles } from './logFiles';
import { TeoEmulator } from './teo';
import { TeoOptions } from './teoPackets';

export { lateness, TENCENT_EMULATOR_KEYS } from './common';
export type { Clock } from './common';
export { TencentLogFiles, tencentLogFiles } from './logFiles';
export type { TencentFileKind } from './logFiles';
export { defaultTeoZones } from './teoPackets';
export type { TeoOptions, TeoPacket, TeoPacketQuery, TeoZone } from './teoPackets';
export { TeoEmulator } from './teo';
export type { TeoCounters } from './teo';
export { DsaEmulator } from './dsa';
export type { DsaCounters, DsaHourLog, DsaOptions } from './dsa';
export { TencentCdnEmulator } from './cdn';
export type { TencentCdnCounters, TencentCdnOptions } from './cdn';

/** The three Tencent modules sharing one file store (and, optionally, one pinned clock). */
export function createTencentEmulators(
	options: {
		teo?: Partial<TeoOptions>;
		dsa?: Partial<DsaOptions>;
		files?: TencentLogFiles;
		clock?: Clock;
	} = {},
): { teo: TeoEmulator; dsa: DsaEmulator; cdn: TencentCdnEmulator; files: TencentLogFiles } {
	const files = options.files ?? new TencentLogFiles();
	const clock = options.clock ?? realClock;
	return {
		teo: new TeoEmulator({ files, clock, ...options.teo }),
		dsa: new DsaEmulator({ files, clock, ...options.dsa }),
		cdn: new TencentCdnEmulator({ files, clock }),
		files,
	};
}
