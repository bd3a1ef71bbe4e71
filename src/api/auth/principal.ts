import type { Permission } from '../../auth/permissions.js';

/** Who is calling a Graph route, from a verified access token. */
export interface Principal {
  readonly kind: 'app' | 'user';
  /** appId of the client application. */
  readonly appId: string;
  /** Service principal id (app-only) or user id (delegated). */
  readonly objectId: string;
  /** Application permissions (app-only) or delegated scopes (user). */
  readonly permissions: ReadonlySet<string>;
}

/** Delegated permissions a user's token can hold (see oauth/delegated-scopes.ts). */
export type DelegatedPermission = 'User.Read';

/** What a route demands: a token holding any one of the permissions (Graph's "least to most privileged" lists). */
export type RoutePermissions = readonly (Permission | DelegatedPermission)[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Declared by every Graph route; checked before the body is read. */
    permissions?: RoutePermissions;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export function holdsAny(principal: Principal, permissions: RoutePermissions): boolean {
  return permissions.some((permission) => principal.permissions.has(permission));
}
