// The benchmark's load generator, in a process of its own so that its memory does not count as the engine's:
// drives the in-memory SCIM server with the request mix of an initial cycle — a lookup by userName that finds
// nothing, then the create — over 16 keep-alive connections, and prints the result as JSON.
import autocannon from 'autocannon';

const [url, seconds] = [process.argv[2]!, Number(process.argv[3] ?? 10)];
let sequence = 0;
const result = await autocannon({
  url,
  connections: 16,
  pipelining: 1,
  duration: seconds,
  headers: { authorization: 'Bearer bench-token', 'content-type': 'application/scim+json' },
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: `/scim/Users?filter=${encodeURIComponent(`userName eq "load-${sequence + 1}@bench.example"`)}` }),
    },
    {
      method: 'POST',
      setupRequest: (request) => {
        sequence += 1;
        return {
          ...request,
          path: '/scim/Users',
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
            externalId: `load${sequence}`,
            userName: `load-${sequence}@bench.example`,
            active: true,
            displayName: `Load ${sequence}`,
            meta: { resourceType: 'User' },
            name: { formatted: `Load ${sequence}`, familyName: String(sequence), givenName: 'Load' },
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: `Department ${sequence % 50}`, employeeNumber: String(sequence) },
          }),
        };
      },
    },
  ],
});
process.stdout.write(`${JSON.stringify({ requestsPerSecond: result.requests.average, total: result.requests.total, non2xx: result.non2xx, errors: result.errors })}\n`);
