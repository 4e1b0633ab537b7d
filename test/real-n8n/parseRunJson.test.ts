/**
 * `n8n execute --rawOutput` output as n8n 2.41 prints it on a cold machine: the run JSON with
 * the task runner's notices before it and after it.
 */
import { parseRunJson } from './n8nProcess';

const run = { data: { resultData: { runData: { Node: [{ data: { main: [[{ json: { a: '}\n{' } }]] } }] } } } };
const pretty = JSON.stringify(run, null, 2);

it('reads the run JSON between log lines', () => {
	const notices = 'Registered runner "JS Task Runner" (abc)\n';
	expect(parseRunJson(`${notices}${pretty}\n`)).toEqual(run);
	expect(parseRunJson(`${notices}${pretty}\n${notices}Task runner stopped\n`)).toEqual(run);
	expect(parseRunJson(`{\nnot json\n}\n${pretty}\n{\n`)).toEqual(run);
});

it('says so when there is none', () => {
	expect(() => parseRunJson('Registered runner\n{\n')).toThrow(/no run JSON in n8n output \(\d+ characters on stdout\)/);
});
