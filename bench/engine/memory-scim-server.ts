// A fast in-memory SCIM 2.0 server for the engine benchmark, run in a process of its own
// (`node --import tsx bench/engine/memory-scim-server.ts`). It implements what the engine uses: `eq` filters on
// userName, externalId and displayName, POST with uniqueness (409), PATCH in both dialects (path, path-less
// and filtered-member forms), GET and DELETE by id, ListResponses, SCIM errors. `GET /__stats` reports counts;
// `POST /__reset` empties it. Prints `listening <port>` when ready.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Resource = Record<string, unknown> & { id: string };
interface Collection {
  readonly byId: Map<string, Resource>;
  /** Lowercased unique name (userName / displayName) → id. */
  readonly byName: Map<string, string>;
  readonly nameAttribute: 'userName' | 'displayName';
  readonly resourceType: 'User' | 'Group';
}

const collections: Record<'Users' | 'Groups', Collection> = {
  Users: { byId: new Map(), byName: new Map(), nameAttribute: 'userName', resourceType: 'User' },
  Groups: { byId: new Map(), byName: new Map(), nameAttribute: 'displayName', resourceType: 'Group' },
};
let requestCount = 0;
const byMethod: Record<string, number> = {};
const base = '/scim';
const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';
const filterPattern = /^\s*([\w.:$-]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      handle(request, response, chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      send(response, 500, { schemas: [errorSchema], status: '500', detail: error instanceof Error ? error.message : String(error) });
    }
  });
});
server.keepAliveTimeout = 60_000;

function handle(request: IncomingMessage, response: ServerResponse, text: string): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/__stats') {
    return send(response, 200, {
      requests: requestCount,
      byMethod,
      users: collections.Users.byId.size,
      groups: collections.Groups.byId.size,
      memberships: memberships(),
    });
  }
  if (url.pathname === '/__reset') {
    for (const collection of Object.values(collections)) {
      collection.byId.clear();
      collection.byName.clear();
    }
    requestCount = 0;
    for (const method of Object.keys(byMethod)) delete byMethod[method];
    return send(response, 204);
  }
  requestCount += 1;
  byMethod[request.method ?? ''] = (byMethod[request.method ?? ''] ?? 0) + 1;
  if (request.headers.authorization !== 'Bearer bench-token') return error(response, 401, 'invalid token');
  const [name, id, extra] = url.pathname.slice(base.length + 1).split('/');
  const collection = name === 'Users' || name === 'Groups' ? collections[name] : undefined;
  if (!collection || extra !== undefined) return error(response, 404, 'no such endpoint');
  const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  switch (request.method) {
    case 'GET':
      return id === undefined ? query(response, collection, url.searchParams) : read(response, collection, id, url.searchParams);
    case 'POST':
      return id === undefined && body ? create(response, collection, body) : error(response, 400, 'POST needs a body and no id');
    case 'PATCH':
      return id !== undefined && body ? patch(response, collection, id, body) : error(response, 400, 'PATCH needs an id and a body');
    case 'DELETE':
      return id !== undefined ? remove(response, collection, id) : error(response, 405, 'DELETE needs an id');
    default:
      return error(response, 405, `${request.method} is not supported`);
  }
}

function query(response: ServerResponse, collection: Collection, params: URLSearchParams): void {
  const filter = params.get('filter');
  let found: Resource[];
  if (filter !== null) {
    const match = filterPattern.exec(filter);
    if (!match) return error(response, 400, `unsupported filter: ${filter}`, 'invalidFilter');
    const [, attribute, raw] = match;
    const value = JSON.parse(`"${raw}"`) as string;
    if (attribute!.toLowerCase() === collection.nameAttribute.toLowerCase()) {
      const hit = collection.byName.get(value.toLowerCase());
      found = hit === undefined ? [] : [collection.byId.get(hit)!];
    } else {
      found = [...collection.byId.values()].filter((resource) => resource[attribute!] === value);
    }
  } else {
    const start = Math.max(1, Number(params.get('startIndex') ?? 1));
    const count = Math.max(0, Number(params.get('count') ?? 100));
    found = [...collection.byId.values()].slice(start - 1, start - 1 + count);
  }
  const excluded = params.get('excludedAttributes') === 'members';
  send(response, 200, {
    schemas: [listSchema],
    totalResults: found.length,
    itemsPerPage: found.length,
    startIndex: 1,
    Resources: found.map((resource) => (excluded ? withoutMembers(resource) : resource)),
  });
}

function read(response: ServerResponse, collection: Collection, id: string, params: URLSearchParams): void {
  const resource = collection.byId.get(id);
  if (!resource) return error(response, 404, `${collection.resourceType} ${id} not found`);
  send(response, 200, params.get('excludedAttributes') === 'members' ? withoutMembers(resource) : resource);
}

function create(response: ServerResponse, collection: Collection, body: Record<string, unknown>): void {
  const name = body[collection.nameAttribute];
  if (typeof name !== 'string' || name === '') return error(response, 400, `${collection.nameAttribute} is required`, 'invalidValue');
  if (collection.byName.has(name.toLowerCase())) return error(response, 409, `${collection.nameAttribute} ${name} already exists`, 'uniqueness');
  const id = randomUUID();
  const now = new Date().toISOString();
  const resource: Resource = {
    ...body,
    id,
    ...(collection.resourceType === 'Group' ? { members: [] } : {}),
    meta: { resourceType: collection.resourceType, created: now, lastModified: now, location: `${base}/${collection.resourceType}s/${id}` },
  };
  collection.byId.set(id, resource);
  collection.byName.set(name.toLowerCase(), id);
  send(response, 201, resource);
}

function patch(response: ServerResponse, collection: Collection, id: string, body: Record<string, unknown>): void {
  const resource = collection.byId.get(id);
  if (!resource) return error(response, 404, `${collection.resourceType} ${id} not found`);
  const operations = body.Operations;
  if (!Array.isArray(operations)) return error(response, 400, 'Operations is required', 'invalidSyntax');
  for (const operation of operations as { op?: string; path?: string; value?: unknown }[]) {
    const op = String(operation.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') return error(response, 400, `unknown op ${operation.op}`, 'invalidSyntax');
    applyOperation(resource, op, operation.path, operation.value);
  }
  (resource.meta as Record<string, unknown>).lastModified = new Date().toISOString();
  send(response, 204);
}

function applyOperation(resource: Resource, op: 'add' | 'replace' | 'remove', path: string | undefined, value: unknown): void {
  if (path === undefined) {
    // Path-less replace (aadOptscim062020): keys are attribute paths.
    for (const [key, item] of Object.entries((value ?? {}) as Record<string, unknown>)) setPath(resource, key, item);
    return;
  }
  const memberFilter = /^members\[value eq "([^"]+)"\]$/.exec(path);
  if (memberFilter) {
    resource.members = (resource.members as { value: string }[]).filter((member) => member.value !== memberFilter[1]);
    return;
  }
  if (path === 'members') {
    const values = ((value ?? []) as { value: string }[]).map((member) => member.value);
    const current = (resource.members as { value: string }[] | undefined) ?? [];
    if (op === 'remove') {
      const removed = new Set(values);
      resource.members = value === undefined ? [] : current.filter((member) => !removed.has(member.value));
    } else {
      const present = new Set(current.map((member) => member.value));
      resource.members = [...current, ...values.filter((member) => !present.has(member)).map((member) => ({ value: member }))];
    }
    return;
  }
  if (op === 'remove') setPath(resource, path, undefined);
  else setPath(resource, path, typeof value === 'string' && path === 'active' ? value.toLowerCase() === 'true' : value);
}

/** `a`, `a.b`, `urn:…:attr`, `attr[type eq "x"].sub`. */
function setPath(resource: Record<string, unknown>, path: string, value: unknown): void {
  let target = resource;
  let rest = path;
  const urn = /^(urn:.+):([^:[\]]+(?:\[.*\])?(?:\.\w+)?)$/.exec(path);
  if (urn) {
    target = (resource[urn[1]!] ??= {}) as Record<string, unknown>;
    rest = urn[2]!;
  }
  const filtered = /^(\w+)\[(\w+) eq "([^"]*)"\]\.(\w+)$/.exec(rest);
  if (filtered) {
    const [, attribute, key, selector, sub] = filtered;
    const list = ((target[attribute!] ??= []) as Record<string, unknown>[]);
    let element = list.find((item) => String(item[key!]).toLowerCase() === selector!.toLowerCase());
    if (!element) list.push((element = { [key!]: selector }));
    element[sub!] = value;
    return;
  }
  const [head, sub] = rest.split('.');
  if (sub === undefined) {
    if (value === undefined) delete target[head!];
    else target[head!] = value;
    return;
  }
  const nested = (target[head!] ??= {}) as Record<string, unknown>;
  if (value === undefined) delete nested[sub];
  else nested[sub] = value;
}

function remove(response: ServerResponse, collection: Collection, id: string): void {
  const resource = collection.byId.get(id);
  if (!resource) return error(response, 404, `${collection.resourceType} ${id} not found`);
  collection.byId.delete(id);
  collection.byName.delete(String(resource[collection.nameAttribute]).toLowerCase());
  send(response, 204);
}

function withoutMembers(resource: Resource): Resource {
  const { members: _members, ...rest } = resource;
  return rest as Resource;
}

function memberships(): number {
  let count = 0;
  for (const group of collections.Groups.byId.values()) count += (group.members as unknown[]).length;
  return count;
}

function error(response: ServerResponse, status: number, detail: string, scimType?: string): void {
  send(response, status, { schemas: [errorSchema], status: String(status), detail, ...(scimType ? { scimType } : {}) });
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
