/** Reading the EdgeOne filter fields: version, zones, domains or proxies, and the time range. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { readPacketQuery, readPacketSelection, selectionFields } from '../../../../nodes/TencentEdgeOne/helpers/query';

function fields(values: Record<string, unknown>): IExecuteFunctions {
	return {
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getTimezone: () => 'UTC',
	} as unknown as IExecuteFunctions;
}

describe('readPacketSelection', () => {
	it('reads zones from text or an array, and L7 domains', () => {
		expect(readPacketSelection(fields({ zoneIds: 'zone-a, zone-b', domains: 'WWW.example.com' }), 0, 'l7')).toEqual({
			kind: 'l7',
			version: '2022-09-01',
			zoneIds: ['zone-a', 'zone-b'],
			targets: ['www.example.com'],
		});
		expect(readPacketSelection(fields({ zoneIds: ['zone-a'], proxyIds: 'sid-1' }), 0, 'l4')).toMatchObject({ targets: ['sid-1'] });
	});

	it('refuses no zone, a zone that is no ID and an unknown version, before anything is sent', () => {
		expect(() => readPacketSelection(fields({ zoneIds: [] }), 0, 'l7')).toThrow('Zone Names or IDs: choose at least one zone');
		expect(() => readPacketSelection(fields({ zoneIds: 'example.com' }), 0, 'l7')).toThrow(/"example.com" is not an ID like zone-/);
		expect(() => readPacketSelection(fields({ zoneIds: 'zone-a', apiVersion: '2020-01-01' }), 0, 'l7')).toThrow(/API Version: "2020-01-01"/);
	});

	it('always uses the current version for L4, which has no legacy API', () => {
		expect(readPacketSelection(fields({ zoneIds: 'zone-a', apiVersion: '2022-01-06' }), 0, 'l4').version).toBe('2022-09-01');
	});
});

describe('readPacketQuery', () => {
	it('adds the resolved time range of a custom start and end', () => {
		const query = readPacketQuery(fields({ zoneIds: 'zone-a', timeRange: 'custom', startTime: new Date(Date.now() - 7200000).toISOString(), endTime: new Date(Date.now() - 3600000).toISOString() }), 0, 'l7');
		expect(query.range.end - query.range.start).toBe(3600000);
	});
});

describe('selectionFields', () => {
	it('is the filter fields without the time range, for triggers', () => {
		expect(selectionFields('l7').map((f) => f.name)).toEqual(['apiVersion', 'zoneIds', 'domains']);
		expect(selectionFields('l4').map((f) => f.name)).toEqual(['zoneIds', 'proxyIds']);
	});
});
