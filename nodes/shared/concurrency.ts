/** Run `fn` over `inputs` with at most `limit` in flight; results keep input order. */
export async function mapWithConcurrency<I, O>(
	inputs: I[],
	limit: number,
	fn: (input: I, index: number) => Promise<O>,
): Promise<Array<PromiseSettledResult<O>>> {
	const results: Array<PromiseSettledResult<O>> = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			try {
				results[index] = { status: 'fulfilled', value: await fn(inputs[index], index) };
			} catch (reason) {
				results[index] = { status: 'rejected', reason };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
	return results;
}
