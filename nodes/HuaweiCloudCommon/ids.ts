/** IDs typed by users (or expressions) that end up in URL paths and queries. */
import { InvalidParameterError } from '../shared/errors';

const ID = /^[0-9A-Za-z_.-]{1,128}$/;

/** An ID that is present and holds nothing that could change the path (no "/", no ".."). */
export function validId(field: string, value: unknown, example: string): string {
	const id = String(value ?? '').trim();
	if (!id) throw new InvalidParameterError(field, `is empty; enter ${example}`);
	if (!ID.test(id) || /^\.+$/.test(id)) throw new InvalidParameterError(field, `"${id}" is not a valid ID`);
	return id;
}
