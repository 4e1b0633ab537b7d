/**
 * File names that come from vendors (Content-Disposition, URL paths, listing fields) reach the
 * user's disk when a workflow writes them out, often on another OS than n8n's. A hostile or broken
 * server must not be able to pick a directory, hide the real extension behind a right-to-left
 * override, name a Windows device, or produce a name a file system refuses.
 */

/** ext4, APFS and most others limit one name to 255 bytes (NTFS to 255 UTF-16 units: never fewer). */
const MAX_NAME_BYTES = 255;

/**
 * Control (C0, DEL, C1), format (bidi embeddings/overrides/isolates U+202A–U+202E and
 * U+2066–U+2069, zero-width U+200B–U+200F, BOM U+FEFF, soft hyphen, tags…), line/paragraph
 * separators (U+2028/U+2029) and lone surrogates: invisible or misleading in a name, never needed.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/**
 * Windows opens the device instead of a file for these base names, whatever the extension
 * ("NUL.txt", "com1.log"); the superscript digits count as digits there too.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])[ ]*(\.|$)/i;

/** The extension kept whole when a long name is shortened: `.gz`, or two parts as in `.tar.gz`. */
const EXTENSION = /(\.[A-Za-z0-9]{1,8}){1,2}$/;

/** Windows drops trailing dots and spaces, so "a.txt." and "a.txt " would be a different file. */
const trimEnd = (text: string) => text.replace(/[.\s]+$/, '');

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, cut between code points. */
function utf8Prefix(text: string, maxBytes: number): string {
	let bytes = 0;
	let out = '';
	for (const char of text) {
		bytes += Buffer.byteLength(char, 'utf8');
		if (bytes > maxBytes) break;
		out += char;
	}
	return out;
}

function shorten(name: string): string {
	if (Buffer.byteLength(name, 'utf8') <= MAX_NAME_BYTES) return name;
	const ext = EXTENSION.exec(name)?.[0] ?? '';
	const stem = name.slice(0, name.length - ext.length);
	return trimEnd(utf8Prefix(stem, MAX_NAME_BYTES - ext.length)) + ext;
}

function clean(name: string | undefined): string {
	let out = (name ?? '').split(/[/\\]/).pop() ?? '';
	out = out
		.replace(INVISIBLE, '')
		.replace(/\.\.+/g, '.')
		.replace(/^[.\s]+/, '')
		.replace(/[<>:"|?*]/g, '_')
		.trim();
	out = trimEnd(out);
	if (WINDOWS_DEVICE.test(out)) out = `_${out}`;
	return shorten(out);
}

/**
 * A safe file name: the last path segment only, no `..`, no invisible or control characters, no
 * trailing dot or space, no Windows device name, at most 255 UTF-8 bytes with the extension kept.
 * The fallback (often built from vendor data too) goes through the same rules.
 */
export function sanitizeFileName(name: string | undefined, fallback: string): string {
	return clean(name) || clean(fallback) || 'download';
}

export function fileNameFromContentDisposition(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const star = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/i.exec(value);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim());
		} catch {
			return star[1].trim();
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(value);
	return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}
