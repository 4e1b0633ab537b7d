/** A credential Test's rule: when the answer's `key` holds `value`, the Test fails with `message`. */
import type { IAuthenticateRuleResponseSuccessBody } from 'n8n-workflow';

export function bodyRule(key: string, value: unknown, message: string): IAuthenticateRuleResponseSuccessBody {
	return { type: 'responseSuccessBody', properties: { key, value, message } };
}
