import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from '../testing/hub';

const LMS = 'https://lms.example.com';

describe.each(testBackends)('CORS for browser xAPI clients, on %s', (backend) => {
  let open: TestHub;
  let closed: TestHub;
  let auth: string;
  beforeAll(async () => {
    [open, closed] = await Promise.all([
      startTestHub(backend, { corsOrigins: [LMS] }),
      startTestHub(backend),
    ]);
    auth = (await open.credential('lrs-client')).auth;
  }, HUB_START_TIMEOUT);
  afterAll(async () => Promise.all([open?.close(), closed?.close()]));

  const preflight = (hub: TestHub, origin: string) =>
    fetch(`${hub.url}/xapi/statements`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-experience-api-version',
      },
    });

  it('answers the preflight of an allowed origin with the methods and headers an xAPI client needs', async () => {
    const answer = await preflight(open, LMS);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(LMS);
    expect(answer.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(answer.headers.get('access-control-allow-headers')).toContain('X-Experience-API-Version');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the page read answers and refusals, with the xAPI headers exposed', async () => {
    const headers = { origin: LMS, 'x-experience-api-version': '2.0.0' };
    const ok = await fetch(`${open.url}/xapi/statements?limit=1`, {
      headers: { ...headers, authorization: auth },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(LMS);
    expect(ok.headers.get('access-control-expose-headers')).toContain('X-Experience-API-Consistent-Through');
    const refused = await fetch(`${open.url}/xapi/statements`, { headers });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(LMS);
  });

  it('refuses other origins, and every origin when none is configured (the default)', async () => {
    const other = await preflight(open, 'https://evil.example.com');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${open.url}/xapi/about`, { headers: { origin: 'https://evil.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(closed, LMS)).headers.get('access-control-allow-origin')).toBeNull();
    const plain = await fetch(`${closed.url}/xapi/about`, { headers: { origin: LMS } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});
