/** A throwaway self-signed certificate for 127.0.0.1, made with openssl once per process. */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

let cached: { key: string; cert: string } | undefined;

export function selfSignedCertificate(): { key: string; cert: string } {
	if (cached) return cached;
	const dir = mkdtempSync(join(tmpdir(), 'logpull-tls-'));
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
		'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
		'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
	], { stdio: 'ignore' });
	cached = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
	rmSync(dir, { recursive: true, force: true });
	return cached;
}
