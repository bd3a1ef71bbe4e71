import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

/**
 * A real SCIM 2.0 server for tests, written by someone else: SCIMMY parses filters, applies PATCH, validates
 * schemas and shapes ListResponses; scimmy-routers serves the HTTP endpoints on express 4. Our code is only
 * the in-memory store, the bearer check and userName/displayName uniqueness (SCIMMY leaves that to the
 * store), as in real-peers §3a. A thin wrapper in front of the router logs every request and can inject
 * faults (429 with Retry-After, 5xx, delays, requests held open) for retry and concurrency tests.
 */

export type ScimResourceKind = 'User' | 'Group';
export type StoredResource = Readonly<Record<string, unknown>> & { readonly id: string };

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received, relative to the server root (e.g. `/scim/v2/Users?filter=...`). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  /** Status sent back (set once the response finished). */
  status?: number;
}

/** One scripted fault: the next request matching `method`/`path` gets this instead of SCIMMY's answer. */
export interface Fault {
  readonly method?: string;
  /** Matched against the path after the SCIM base, e.g. `/Users` or `/Users/<id>`; a RegExp or a prefix. */
  readonly path?: string | RegExp;
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Wait this long before answering (or before passing on to SCIMMY when no status is given). */
  readonly delayMs?: number;
  /** Hold the request until this settles (then wait `delayMs`), for a test that acts while it is in flight. */
  readonly holdUntil?: Promise<unknown>;
  /** How many matching requests this fault applies to (default 1). */
  readonly times?: number;
}

export interface ScimTestServer {
  readonly baseUrl: string;
  readonly token: string;
  users(): StoredResource[];
  groups(): StoredResource[];
  readonly requests: ReceivedRequest[];
  /** Queue a fault for upcoming requests. */
  inject(fault: Fault): void;
  close(): Promise<void>;
}

export interface ScimTestServerOptions {
  readonly token?: string;
}

interface ServerState {
  readonly stores: Record<ScimResourceKind, Map<string, StoredResource>>;
}

/** The part of SCIMMY's resource class used here, typed once for both resource types. */
interface HandledResource {
  egress(handler: (resource: ResourceRequest, ctx: ServerState) => StoredResource | StoredResource[]): HandledResource;
  ingress(handler: (resource: ResourceRequest, instance: unknown, ctx: ServerState) => StoredResource): HandledResource;
  degress(handler: (resource: ResourceRequest, ctx: ServerState) => void): HandledResource;
}
interface ResourceRequest {
  readonly id?: string;
  readonly filter?: { match(values: readonly StoredResource[]): StoredResource[] };
}

const uniqueKey: Record<ScimResourceKind, string> = { User: 'userName', Group: 'displayName' };

// SCIMMY's resource declarations are process-wide, so the handlers are declared once and find the store of
// the server that received the request through the context scimmy-routers passes along.
let declared = false;
function declareResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false));
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
  for (const kind of ['User', 'Group'] as const) {
    (SCIMMY.Resources[kind] as unknown as HandledResource)
      .egress((resource, ctx) => {
        const store = ctx.stores[kind];
        if (resource.id) {
          const found = store.get(resource.id);
          if (!found) throw notFound(resource.id);
          return found;
        }
        const all = [...store.values()];
        return resource.filter ? resource.filter.match(all) : all;
      })
      .ingress((resource, instance, ctx) => {
        const store = ctx.stores[kind];
        const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
        const key = uniqueKey[kind];
        for (const [id, existing] of store) {
          if (id !== resource.id && String(existing[key]).toLowerCase() === String(data[key]).toLowerCase()) {
            throw new SCIMMY.Types.Error(409, 'uniqueness', `${key} ${String(data[key])} already exists`);
          }
        }
        const now = new Date().toISOString();
        if (resource.id) {
          const previous = store.get(resource.id);
          if (!previous) throw notFound(resource.id);
          const created = (previous.meta as { created: string }).created;
          const next: StoredResource = { ...data, id: resource.id, meta: { created, lastModified: now } };
          store.set(resource.id, next);
          return next;
        }
        const record: StoredResource = { ...data, id: randomUUID(), meta: { created: now, lastModified: now } };
        store.set(record.id, record);
        return record;
      })
      .degress((resource, ctx) => {
        if (!resource.id || !ctx.stores[kind].delete(resource.id)) {
          throw notFound(resource.id);
        }
      });
  }
  SCIMMY.Config.set({ patch: true, filter: true, sort: true, bulk: false });
}

const basePath = '/scim/v2';

/** Starts the server on 127.0.0.1 on a free port. */
export async function startScimServer(options: ScimTestServerOptions = {}): Promise<ScimTestServer> {
  declareResources();
  const token = options.token ?? `token-${randomUUID()}`;
  const state: ServerState = { stores: { User: new Map(), Group: new Map() } };
  const requests: ReceivedRequest[] = [];
  const faults: { fault: Fault; remaining: number }[] = [];

  const app = express();
  app.use(basePath, (req: Request, res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const entry: ReceivedRequest = {
        method: req.method,
        url: req.originalUrl,
        headers: { ...req.headers },
        body: raw === '' ? undefined : safeParse(raw),
      };
      requests.push(entry);
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      // The router's body parser has nothing left to read, so hand it the parsed body.
      (req as { body?: unknown }).body = entry.body;
      (req as { _body?: boolean })._body = true;
      const match = faults.find(({ fault }) => faultMatches(fault, req));
      if (!match) return next();
      match.remaining -= 1;
      if (match.remaining <= 0) faults.splice(faults.indexOf(match), 1);
      const respond = (): void => {
        if (match.fault.status === undefined) return next();
        res.status(match.fault.status);
        for (const [name, value] of Object.entries(match.fault.headers ?? {})) res.setHeader(name, value);
        if (match.fault.body === undefined) res.end();
        else res.type('application/scim+json').send(JSON.stringify(match.fault.body));
      };
      const answer = (): void => {
        if (match.fault.delayMs) setTimeout(respond, match.fault.delayMs);
        else respond();
      };
      if (match.fault.holdUntil) void match.fault.holdUntil.then(answer);
      else answer();
    });
  });
  app.use(
    basePath,
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req) => {
        if (req.header('Authorization') !== `Bearer ${token}`) throw new Error('Authorization failure');
        return 'provisioner';
      },
      context: () => state,
    }),
  );

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${basePath}`,
    token,
    users: () => [...state.stores.User.values()],
    groups: () => [...state.stores.Group.values()],
    requests,
    inject(fault) {
      faults.push({ fault, remaining: fault.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

// A 404 carries no scimType keyword (RFC 7644 §3.12); SCIMMY's typings insist on a string.
function notFound(id: string | undefined): Error {
  return new SCIMMY.Types.Error(404, undefined as unknown as string, `Resource ${String(id)} not found`);
}

function faultMatches(fault: Fault, req: Request): boolean {
  if (fault.method && fault.method.toUpperCase() !== req.method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? req.path.startsWith(fault.path) : fault.path.test(req.path);
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
