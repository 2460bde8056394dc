import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  xapiFetch,
  type TestCredential,
  type TestHub,
} from '../testing/hub';

const ADA = { objectType: 'Agent', mbox: 'mailto:ada@example.com' };

function q(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return search.toString();
}

describe.each(testBackends)('xAPI document resources on %s', (backend) => {
  let hub: TestHub;
  let client: TestCredential;
  let x: ReturnType<typeof xapiFetch>;

  beforeAll(async () => {
    hub = await startTestHub(backend);
    client = await hub.credential('lrs-client');
    x = xapiFetch(hub, client.auth);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  /** A fresh activity per test, so tests don't see each other's documents. */
  const activity = () => `https://example.com/activities/${randomUUID()}`;

  it('stores, returns, merges and deletes a state document', async () => {
    const activityId = activity();
    const path = `/xapi/activities/state?${q({ activityId, agent: ADA, stateId: 'bookmark' })}`;
    expect((await x(path, { method: 'PUT', body: { page: 3, done: false } })).status).toBe(204);

    const got = await x(path);
    expect(got.status).toBe(200);
    expect(got.json).toEqual({ page: 3, done: false });
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    expect(got.headers.get('last-modified')).toBeTruthy();

    expect((await x(path, { method: 'POST', body: { done: true, score: 9 } })).status).toBe(204);
    expect((await x(path)).json).toEqual({ page: 3, done: true, score: 9 });

    // Another registration is another document.
    const registration = randomUUID();
    const withRegistration = `/xapi/activities/state?${q({ activityId, agent: ADA, stateId: 'bookmark', registration })}`;
    expect((await x(withRegistration)).status).toBe(404);

    expect((await x(path, { method: 'DELETE' })).status).toBe(204);
    expect((await x(path)).status).toBe(404);
  });

  it('keeps any content type as bytes', async () => {
    const path = `/xapi/activities/state?${q({ activityId: activity(), agent: ADA, stateId: 'blob' })}`;
    const put = await x(path, {
      method: 'PUT',
      body: 'plain words',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(204);
    const got = await x(path);
    expect(got.text).toBe('plain words');
    expect(got.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('stores a body without a content type as octet-stream, and refuses one over the body limit', async () => {
    const path = `/xapi/activities/state?${q({ activityId: activity(), agent: ADA, stateId: 'raw' })}`;
    const headers = { 'x-experience-api-version': '2.0.0', authorization: client.auth };
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const put = await fetch(`${hub.url}${path}`, { method: 'PUT', headers, body: new Blob([bytes]) });
    expect(put.status).toBe(204);
    const got = await fetch(`${hub.url}${path}`, { headers });
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);

    const big = await x(path, { method: 'PUT', body: JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
  });

  it('merges concurrent POSTs to a new document without losing any', async () => {
    const path = `/xapi/activities/state?${q({ activityId: activity(), agent: ADA, stateId: 'many' })}`;
    const posts = await Promise.all(
      Array.from({ length: 12 }, (_, i) => x(path, { method: 'POST', body: { [`k${i}`]: i } })),
    );
    expect(posts.map((post) => post.status)).toEqual(Array.from({ length: 12 }, () => 204));
    expect(Object.keys((await x(path)).json as object)).toHaveLength(12);
  });

  it('lists state ids, with since, and deletes them all', async () => {
    const activityId = activity();
    const base = { activityId, agent: ADA };
    await x(`/xapi/activities/state?${q({ ...base, stateId: 'a' })}`, { method: 'PUT', body: { n: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await x(`/xapi/activities/state?${q({ ...base, stateId: 'b' })}`, { method: 'PUT', body: { n: 2 } });

    expect((await x(`/xapi/activities/state?${q(base)}`)).json).toEqual(['a', 'b']);
    expect((await x(`/xapi/activities/state?${q({ ...base, since: between })}`)).json).toEqual(['b']);

    expect((await x(`/xapi/activities/state?${q(base)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await x(`/xapi/activities/state?${q(base)}`)).json).toEqual([]);
  });

  it('rejects a missing parameter, a bad agent and a merge that is not JSON with 400 naming it', async () => {
    const missing = await x(`/xapi/activities/state?${q({ agent: ADA, stateId: 's' })}`);
    expect(missing.status).toBe(400);
    expect((missing.json as { message: string }).message).toMatch(/^activityId: /);

    const noAgent = await x(`/xapi/activities/state?${q({ activityId: activity(), agent: { name: 'x' } })}`);
    expect(noAgent.status).toBe(400);
    expect((noAgent.json as { message: string }).message).toMatch(/^agent: /);

    const noProfileId = await x(`/xapi/agents/profile?${q({ agent: ADA })}`, { method: 'PUT', body: {} });
    expect(noProfileId.status).toBe(400);
    expect((noProfileId.json as { message: string }).message).toMatch(/^profileId: /);

    const path = `/xapi/activities/state?${q({ activityId: activity(), agent: ADA, stateId: 'text' })}`;
    await x(path, { method: 'PUT', body: 'not json', headers: { 'content-type': 'text/plain' } });
    const merge = await x(path, { method: 'POST', body: { more: 1 } });
    expect(merge.status).toBe(400);
    expect((await x(path)).text).toBe('not json');

    const notObject = await x(path.replace('text', 'array'), { method: 'POST', body: [1, 2] });
    expect(notObject.status).toBe(400);
  });

  it('honours If-Match and If-None-Match on profiles, and wants one to replace', async () => {
    const path = `/xapi/activities/profile?${q({ activityId: activity(), profileId: 'settings' })}`;
    expect((await x(path, { method: 'PUT', body: { v: 1 }, headers: { 'if-none-match': '*' } })).status).toBe(
      204,
    );
    const first = (await x(path)).headers.get('etag') as string;

    expect((await x(path, { method: 'PUT', body: { v: 2 }, headers: { 'if-none-match': '*' } })).status).toBe(
      412,
    );
    expect((await x(path, { method: 'PUT', body: { v: 2 } })).status).toBe(409);
    expect((await x(path, { method: 'PUT', body: { v: 2 }, headers: { 'if-match': first } })).status).toBe(
      204,
    );
    // The first ETag is stale now.
    expect((await x(path, { method: 'PUT', body: { v: 3 }, headers: { 'if-match': first } })).status).toBe(
      412,
    );
    expect((await x(path, { method: 'POST', body: { w: 1 }, headers: { 'if-match': first } })).status).toBe(
      412,
    );
    expect((await x(path, { method: 'DELETE', headers: { 'if-match': first } })).status).toBe(412);
    expect((await x(path)).json).toEqual({ v: 2 });

    const current = (await x(path)).headers.get('etag') as string;
    expect((await x(path, { headers: { 'if-none-match': current } })).status).toBe(304);
    expect((await x(path, { method: 'DELETE', headers: { 'if-match': current } })).status).toBe(204);
    expect((await x(path)).status).toBe(404);
  });

  it('refuses a State PUT over an existing document without If-Match or If-None-Match, leaving it as it was', async () => {
    const path = `/xapi/activities/state?${q({ activityId: activity(), agent: ADA, stateId: 'progress' })}`;
    expect((await x(path, { method: 'PUT', body: { page: 1 } })).status).toBe(204);
    const blind = await x(path, { method: 'PUT', body: { page: 9 } });
    expect(blind.status).toBe(409);
    expect((blind.json as { message: string }).message).toBe(
      'The document exists and was left as it is: GET it to check its current state, then send If-Match with its ETag to replace it (or If-None-Match: * to create only if absent)',
    );
    const got = await x(path);
    expect(got.json).toEqual({ page: 1 });
    const etag = got.headers.get('etag') as string;
    expect((await x(path, { method: 'PUT', body: { page: 2 }, headers: { 'if-match': etag } })).status).toBe(
      204,
    );
    expect((await x(path)).json).toEqual({ page: 2 });
    // POST merges without a precondition, as before.
    expect((await x(path, { method: 'POST', body: { done: true } })).status).toBe(204);
  });

  it('stores agent profiles and lists their ids', async () => {
    const agent = { mbox: `mailto:${randomUUID()}@example.com` };
    const path = (profileId: string) => `/xapi/agents/profile?${q({ agent, profileId })}`;
    expect((await x(path('prefs'), { method: 'POST', body: { theme: 'dark' } })).status).toBe(204);
    expect((await x(path('prefs'), { method: 'POST', body: { font: 'large' } })).status).toBe(204);
    expect((await x(path('prefs'))).json).toEqual({ theme: 'dark', font: 'large' });
    expect((await x(path('notes'), { method: 'PUT', body: { a: 1 } })).status).toBe(204);
    expect((await x(`/xapi/agents/profile?${q({ agent })}`)).json).toEqual(['notes', 'prefs']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await x(`/xapi/agents/profile?${q({ agent, since: future })}`)).json).toEqual([]);
  });

  it("lets a device use only its own learner's documents, and read but not write activity profiles", async () => {
    const device = await hub.enrolDevice(`dev-${randomUUID()}@example.com`);
    const d = xapiFetch(hub, device.auth);
    const activityId = activity();
    const own = `/xapi/activities/state?${q({ activityId, agent: device.agent, stateId: 's' })}`;
    expect((await d(own, { method: 'PUT', body: { mine: true } })).status).toBe(204);
    expect((await d(own)).json).toEqual({ mine: true });
    expect((await x(own)).json).toEqual({ mine: true });

    const other = `/xapi/activities/state?${q({ activityId, agent: ADA, stateId: 's' })}`;
    expect((await d(other, { method: 'PUT', body: { theirs: true } })).status).toBe(403);
    expect((await d(other)).status).toBe(403);
    expect((await d(`/xapi/agents/profile?${q({ agent: ADA, profileId: 'p' })}`)).status).toBe(403);

    const profile = `/xapi/activities/profile?${q({ activityId, profileId: 'p' })}`;
    await x(profile, { method: 'PUT', body: { shared: 1 } });
    expect((await d(profile)).json).toEqual({ shared: 1 });
    expect((await d(profile, { method: 'POST', body: { x: 1 } })).status).toBe(403);
    expect((await d(profile, { method: 'DELETE' })).status).toBe(403);
  });

  it('needs the version header and a credential', async () => {
    const path = `/xapi/activities/profile?${q({ activityId: activity() })}`;
    expect((await xapiFetch(hub, null)(path)).status).toBe(401);
    expect((await x(path, { headers: { 'x-experience-api-version': '' } })).status).toBe(400);
  });
});
