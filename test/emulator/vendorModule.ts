/**
 * What a vendor module is to the emulator: the request it gets, the context it answers through
 * (JSON, text, generated files) and the interface every vendor listener implements.
 */
import { IncomingMessage, ServerResponse } from 'http';
import { FileSpec } from './files';

export interface EmulatorRequest {
	method: string;
	url: URL;
	path: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** Vendor-specific label used for fault matching (Tencent action, Yeastar endpoint…). */
	action?: string;
}

export interface FileServeOptions {
	contentType: string;
	fileName?: string;
	/** Omit Content-Length (chunked transfer), as some CDNs do. */
	chunked?: boolean;
	extraHeaders?: Record<string, string>;
}

export interface RouteContext {
	json(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void;
	text(res: ServerResponse, status: number, body: string, contentType?: string, headers?: Record<string, string>): void;
	sendFile(res: ServerResponse, spec: FileSpec, options: FileServeOptions): void;
	/** The base URL of this vendor's listener, e.g. http://127.0.0.1:40123 */
	baseUrl: string;
	/** Base URL of another vendor listener (for cross-host download URLs). */
	baseUrlOf(vendor: string): string;
}

export interface VendorModule {
	name: string;
	/** Label used for fault matching, derived from the request (defaults to the path). */
	actionOf?(req: EmulatorRequest): string | undefined;
	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): Promise<void> | void;
	reset?(): void;
}
