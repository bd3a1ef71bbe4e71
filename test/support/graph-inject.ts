import type { TestService } from './test-service.js';

export interface GraphResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- responses are asserted field by field
  headers: Record<string, string | string[] | number | undefined>;
}

/** Calls the Graph API of a test service in-process with the admin token. */
export function graphClient(t: TestService, version: 'v1.0' | 'beta' = 'beta') {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphResponse> => {
    const response = await t.service.app.inject({
      method,
      url: path.startsWith('/') && !path.startsWith('/v1.0') && !path.startsWith('/beta') ? `/${version}${path}` : path,
      headers: { authorization: `Bearer ${await t.adminToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json(), headers: response.headers };
  };
}
