/** Listing EdgeOne packets: zone by zone, both API versions, packets seen twice, empty zones. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { emptyZonesHint, listPackets } from '../../../../nodes/TencentEdgeOne/helpers/packets';
import type { PacketQuery } from '../../../../nodes/TencentEdgeOne/helpers/query';
import { teoApiRequest } from '../../../../nodes/TencentEdgeOne/transport';
import { LOOKUP_TRANSFER } from '../../../../nodes/shared/transferOptions';

jest.mock('../../../../nodes/TencentEdgeOne/transport', () => ({ ...jest.requireActual('../../../../nodes/TencentEdgeOne/transport'), teoApiRequest: jest.fn() }));
const request = teoApiRequest as jest.MockedFunction<typeof teoApiRequest>;
const ctx = {} as IExecuteFunctions;

const HOUR = Date.parse('2024-06-10T00:00:00Z');
const query = (over: Partial<PacketQuery> = {}): PacketQuery => ({
	kind: 'l7',
	version: '2022-09-01',
	range: { start: HOUR, end: HOUR + 3600000 },
	zoneIds: ['zone-a'],
	targets: [],
	...over,
});
const log = (name: string) => ({ LogPacketName: name, Url: `https://cdn.example.com/${name}.gz?sign=s3cr3t`, Size: 10, Domain: 'www.example.com' });

beforeEach(() => request.mockReset());

describe('listPackets', () => {
	it('pages by Offset and keeps a packet once when the listing grows between pages', async () => {
		const first = Array.from({ length: 300 }, (_, k) => log(`p${k}`));
		request.mockImplementation(async (_c, _action, _version, body) =>
			(body as IDataObject).Offset === 0
				? { Data: first, TotalCount: 302 }
				: { Data: [log('p299'), log('p300'), log('p301')], TotalCount: 303 },
		);
		const { packets, emptyZones } = await listPackets(ctx, query({ targets: ['www.example.com'] }), Infinity, LOOKUP_TRANSFER);
		expect(packets.map((p) => p.name)).toEqual([...first.map((l) => l.LogPacketName), 'p300', 'p301']);
		expect(emptyZones).toEqual([]);
		const [, action, version, body] = request.mock.calls[0];
		expect([action, version]).toEqual(['DownloadL7Logs', '2022-09-01']);
		expect(body).toEqual({
			StartTime: '2024-06-10T08:00:00+08:00',
			EndTime: '2024-06-10T09:00:00+08:00',
			ZoneIds: ['zone-a'],
			Domains: ['www.example.com'],
			Limit: 300,
			Offset: 0,
		});
	});

	it('outputs the URL redacted and the listed size as logSize, keeping the signed URL for downloading', async () => {
		request.mockResolvedValue({ Data: [log('p0')], TotalCount: 1 });
		const [packet] = (await listPackets(ctx, query(), Infinity, LOOKUP_TRANSFER)).packets;
		expect(packet.url).toContain('sign=s3cr3t');
		expect(packet.json).toMatchObject({ LogPacketName: 'p0', logSize: 10, zoneId: 'zone-a', Domain: 'www.example.com' });
		expect(String(packet.json.Url)).not.toContain('s3cr3t');
	});

	it('names the zones that list nothing, and stops asking once the limit is reached', async () => {
		request.mockImplementation(async (_c, _a, _v, body) => ((body as IDataObject).ZoneIds as string[])[0] === 'zone-a' ? { Data: [], TotalCount: 0 } : { Data: [log('b1'), log('b2')], TotalCount: 2 });
		const listed = await listPackets(ctx, query({ zoneIds: ['zone-a', 'zone-b', 'zone-c'] }), 2, LOOKUP_TRANSFER);
		expect(listed.packets.map((p) => p.name)).toEqual(['b1', 'b2']);
		expect(listed.emptyZones).toEqual(['zone-a']);
		expect(request).toHaveBeenCalledTimes(2);
	});

	it('speaks the legacy version with zone names and PageNo from 1, filling the hour from LogTime', async () => {
		request.mockImplementation(async (_c, action) =>
			action === 'DescribeZones'
				? { Zones: [{ ZoneId: 'zone-a', ZoneName: 'example.com' }], TotalCount: 1 }
				: { Data: [{ LogPacketName: 'old', Url: 'https://cdn.example.com/old.gz', LogTime: HOUR / 1000 }], Pages: 1 },
		);
		const { packets } = await listPackets(ctx, query({ version: '2022-01-06' }), Infinity, LOOKUP_TRANSFER);
		const legacyCall = request.mock.calls.find(([, action]) => action === 'DownloadL7Logs')!;
		expect(legacyCall[2]).toBe('2022-01-06');
		expect(legacyCall[3]).toMatchObject({ Zones: ['example.com'], PageNo: 1, PageSize: 300 });
		expect(packets[0].json).toMatchObject({ LogStartTime: '2024-06-10T08:00:00+08:00', LogEndTime: '2024-06-10T08:59:59+08:00' });
	});
});

describe('emptyZonesHint', () => {
	it('says nothing when every zone listed packets, and names the empty ones otherwise', () => {
		expect(emptyZonesHint([])).toBeUndefined();
		expect(emptyZonesHint(['zone-a', 'zone-b'])?.message).toMatch(/^No log packets for zone-a, zone-b in this time range\./);
	});
});
