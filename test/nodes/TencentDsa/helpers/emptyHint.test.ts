/** What DSA's empty answer tells the user: which hosts, which days, and when today's logs come. */
import { emptyHostsHint } from '../../../../nodes/TencentDsa/helpers/emptyHint';

const log = (host: string) => ({ host, datetime: '2024-06-10 00:00:00', url: '', expiresAt: null });
/** 2024-06-10 01:30 in Beijing: too early for any log of the day. */
const EARLY = Date.parse('2024-06-09T17:30:00Z');

describe('emptyHostsHint', () => {
	it('says nothing when every host listed a log', () => {
		expect(emptyHostsHint({ hosts: ['a.example.com'], startDate: '', endDate: '' }, [log('a.example.com')], EARLY)).toBeUndefined();
	});

	it("explains an empty today with Beijing's clock and the collection delay", () => {
		const hint = emptyHostsHint({ hosts: ['a.example.com'], startDate: '', endDate: '' }, [], EARLY);
		expect(hint?.message).toBe(
			'No hourly logs yet for today (2024-06-10, Beijing time) for a.example.com. DSA publishes each hour\'s log about 2 hours after the hour ends; it is 01:30 in Beijing. ' +
				"Today's first log appears around 03:00 Beijing time. A host has no log for an hour without traffic, and none at all if it is not accelerated by DSA.",
		);
	});

	it('names past days without the clock, and counts hosts beyond five', () => {
		const hosts = Array.from({ length: 7 }, (_, k) => `h${k}.example.com`);
		const hint = emptyHostsHint({ hosts, startDate: '2024-06-01', endDate: '2024-06-02' }, [log('h6.example.com')], EARLY);
		expect(hint?.message).toMatch(/^No hourly logs for h0\.example\.com, h1\.example\.com, h2\.example\.com, h3\.example\.com, h4\.example\.com and 1 more from 2024-06-01 to 2024-06-02\. A host/);
		const all = emptyHostsHint({ hosts: hosts.slice(0, 2), startDate: '2024-06-01', endDate: '2024-06-01' }, [], EARLY);
		expect(all?.message).toMatch(/^No hourly logs for any of the hosts on 2024-06-01\./);
	});
});
