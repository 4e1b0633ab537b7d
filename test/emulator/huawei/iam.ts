/** Huawei IAM: password tokens (with user lockout) and the project lookup. */
import { ServerResponse } from 'http';
import { EmulatorRequest, RouteContext, VendorModule } from '../server';
import { HuaweiProject, HuaweiUser } from './account';
import { apiNotFound, guard, HuaweiCloud } from './gateway';
import { hexId } from './helpers';

const iamError = (code: number, message: string, title: string) => ({
	error: { code, message, title },
});

interface PasswordAuthBody {
	auth?: {
		identity?: {
			methods?: unknown;
			password?: {
				user?: { name?: unknown; password?: unknown; domain?: { name?: unknown; id?: unknown } };
			};
		};
		scope?: {
			project?: { id?: unknown; name?: unknown };
			domain?: { id?: unknown; name?: unknown };
		};
	};
}

export class HuaweiIamEmulator implements VendorModule {
	readonly name = 'huawei-iam';

	constructor(readonly cloud: HuaweiCloud) {}

	reset(): void {
		this.cloud.reset();
	}

	actionOf(req: EmulatorRequest): string {
		if (req.path === '/v3/auth/tokens') return 'KeystoneCreateUserTokenByPassword';
		if (req.path === '/v3/projects') return 'KeystoneListProjects';
		return req.path;
	}

	handle(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		if (req.path === '/v3/auth/tokens' && req.method === 'POST') {
			return this.createToken(req, res, ctx);
		}
		if (req.path === '/v3/projects' && req.method === 'GET') {
			if (!guard(this.cloud, req, res, ctx)) return;
			return this.listProjects(req, res, ctx);
		}
		return apiNotFound(res, ctx);
	}

	private createToken(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const invalid = () =>
			ctx.json(res, 400, iamError(400, 'The request body is invalid', 'Bad Request'));
		let body: PasswordAuthBody;
		try {
			body = JSON.parse(req.body.toString('utf8')) as PasswordAuthBody;
		} catch {
			return invalid();
		}
		const identity = body.auth?.identity;
		const user = identity?.password?.user;
		const methods = Array.isArray(identity?.methods) ? identity.methods : [];
		if (!methods.includes('password') || typeof user?.name !== 'string') return invalid();
		if (typeof user.password !== 'string' || !user.domain) return invalid();

		const o = this.cloud.options;
		const domainOk = user.domain.name === o.domainName || user.domain.id === o.domainId;
		const account = domainOk ? o.users.find((u) => u.name === user.name) : undefined;
		const wrong = () =>
			ctx.json(res, 401, iamError(401, 'The username or password is wrong.', 'Unauthorized'));
		if (!account) return wrong();
		const verdict = this.cloud.checkPassword(account, user.password);
		if (verdict === 'locked') {
			return ctx.json(res, 401, iamError(401, 'The account is locked.', 'Unauthorized'));
		}
		if (verdict === 'wrong') return wrong();

		const scope = body.auth?.scope;
		let project: HuaweiProject | undefined;
		if (scope?.project) {
			project = o.projects.find(
				(p) => p.id === scope.project?.id || p.name === scope.project?.name,
			);
			if (!project) {
				return ctx.json(
					res,
					400,
					iamError(400, 'The project in the scope does not exist.', 'Bad Request'),
				);
			}
		} else if (!scope?.domain) return invalid();

		const now = Date.now();
		const token = this.cloud.issueToken(account, project, now);
		const nocatalog = req.url.searchParams.get('nocatalog') === 'true';
		ctx.json(res, 201, this.tokenBody(account, project, now, nocatalog), {
			'X-Subject-Token': token,
		});
	}

	private tokenBody(
		user: HuaweiUser,
		project: HuaweiProject | undefined,
		now: number,
		nocatalog: boolean,
	) {
		const o = this.cloud.options;
		const domain = { id: o.domainId, name: o.domainName };
		// IAM writes microseconds: 2024-06-11T03:36:55.786000Z
		const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
		return {
			token: {
				expires_at: iso(now + o.tokenTtlMs),
				issued_at: iso(now),
				methods: ['password'],
				...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
				roles: [{ id: hexId('role/te_admin'), name: 'te_admin' }],
				user: { id: user.id, name: user.name, domain, password_expires_at: '' },
				...(nocatalog ? {} : { catalog: [] }),
			},
		};
	}

	private listProjects(req: EmulatorRequest, res: ServerResponse, ctx: RouteContext): void {
		const o = this.cloud.options;
		const name = req.url.searchParams.get('name');
		const projects = o.projects
			.filter((p) => name === null || p.name === name)
			.map((p) => ({
				id: p.id,
				name: p.name,
				domain_id: o.domainId,
				parent_id: o.domainId,
				is_domain: false,
				enabled: true,
				description: '',
				links: { self: `${ctx.baseUrl}/v3/projects/${p.id}` },
			}));
		ctx.json(res, 200, {
			projects,
			links: { self: `${ctx.baseUrl}/v3/projects`, previous: null, next: null },
		});
	}
}
