/** VendorApiError: its parts kept apart, its message put together in one place. */
import { VendorApiError } from '../../../nodes/shared/errors';

describe('VendorApiError', () => {
	it('keeps vendor, code, message and hint apart and composes "vendor: message [code]"', () => {
		const error = new VendorApiError({ vendor: 'Acme', code: 'X.1', kind: 'input', message: 'the field was refused', hint: 'Fix it.' });
		expect(error.message).toBe('Acme: the field was refused [X.1]');
		expect(error.vendorMessage).toBe('the field was refused');
		expect(error.vendorCode).toBe('X.1');
		expect(error.detail).toBe('the field was refused [X.1]');
		expect(error.hint).toBe('Fix it.');
	});

	it('names a code that n8n would rewrite the message for in the hint, once', () => {
		const error = new VendorApiError({ vendor: 'Acme', code: 'ResourceNotFound', kind: 'notFound', message: 'no such zone', hint: 'Pick one.' });
		expect(error.message).toBe('Acme: no such zone');
		expect(error.detail).toBe('no such zone');
		expect(error.hint).toBe('Pick one. Error code: ResourceNotFound.');
		const reworded = new VendorApiError({ vendor: 'Acme', code: error.vendorCode, message: `zone z: ${error.vendorMessage}`, hint: error.hint });
		expect(reworded.hint).toBe('Pick one. Error code: ResourceNotFound.');
	});

	it('keeps network codes out of message and hint', () => {
		const error = new VendorApiError({ vendor: 'Acme', code: 'ECONNRESET', kind: 'network', message: 'the connection failed', hint: 'Try again.' });
		expect(error.message).toBe('Acme: the connection failed');
		expect(error.hint).toBe('Try again.');
		expect(error.vendorCode).toBe('ECONNRESET');
	});

	it('shows no brackets without a code', () => {
		const error = new VendorApiError({ vendor: 'Acme', code: '', message: 'failed' });
		expect(error.message).toBe('Acme: failed');
		expect(error.hint).toBeUndefined();
	});
});
