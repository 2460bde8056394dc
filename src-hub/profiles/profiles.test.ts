import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedProfile } from '../../src-shared/profile/fixtures.test-data';
import { companyProfileRecord } from '../../src-shared/profile/visibility';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from '../testing/hub';
import { profileTopics, ProfileUpload } from './store';

/** The record the app's sync builds for this learner, with a few fields changed. */
function recordFor(learnerId: string, change: { topics?: string[]; name?: string } = {}) {
  const { profile, portfolio } = mixedProfile();
  if (change.topics) profile.topics = change.topics;
  if (change.name) profile.name = change.name;
  return companyProfileRecord(learnerId, profile, portfolio);
}

describe('the profile upload schema', () => {
  it('accepts exactly what companyProfileRecord builds, and finds its topics and expertise', () => {
    const record = ProfileUpload.parse(recordFor('ada'));
    expect(profileTopics(record)).toEqual(
      expect.arrayContaining(['compilers', 'observability', 'distributed tracing']),
    );
    expect(profileTopics(record)).not.toContain('secret area');
    expect(JSON.stringify(record)).not.toContain('SECRET');
  });

  it('refuses unknown keys, a public-audience view and a bad timestamp', () => {
    expect(ProfileUpload.safeParse({ ...recordFor('ada'), extra: 1 }).success).toBe(false);
    const pub = recordFor('ada');
    expect(ProfileUpload.safeParse({ ...pub, profile: { ...pub.profile, audience: 'public' } }).success).toBe(
      false,
    );
    expect(ProfileUpload.safeParse({ ...pub, updatedAt: 'yesterday' }).success).toBe(false);
  });
});

describe.each(testBackends)('the expert directory on %s', (backend) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(backend);
  }, HUB_START_TIMEOUT);
  afterAll(async () => hub?.close());

  const call = (auth: string, method: string, path: string, body?: unknown) =>
    fetch(`${hub.url}${path}`, {
      method,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });

  it('stores each learner’s profile once, replaced by the next upload, and lets trainers search it', async () => {
    const ada = await hub.enrolDevice('ada@example.com', 'ada');
    const bob = await hub.enrolDevice('bob@example.com', 'bob');
    const trainer = await hub.credential('trainer');
    expect((await call(ada.auth, 'PUT', '/profiles/me', recordFor('ada'))).status).toBe(200);
    const second = recordFor('ada', { topics: ['Compilers', 'Rust'], name: 'Ada L.' });
    expect((await call(ada.auth, 'PUT', '/profiles/me', second)).status).toBe(200);
    const bobRecord = recordFor('bob', { topics: ['Sales 50%_off'], name: 'Bob' });
    expect((await call(bob.auth, 'PUT', '/profiles/me', bobRecord)).status).toBe(200);

    const search = async (query: string) => {
      const response = await call(trainer.auth, 'GET', `/profiles${query}`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { experts: { learnerId: string; name: string }[] };
      return body.experts.map((expert) => `${expert.learnerId}:${expert.name}`);
    };
    expect(await search('')).toEqual(['ada:Ada L.', 'bob:Bob']);
    expect(await search('?topic=rust')).toEqual(['ada:Ada L.']);
    expect(await search('?topic=Observability')).toEqual([]);
    expect(await search('?topic=distributed%20tracing')).toEqual(['ada:Ada L.', 'bob:Bob']);
    expect(await search('?q=50%25_')).toEqual(['bob:Bob']);
    expect(await search('?q=5_%25')).toEqual([]);
    expect(await search('?q=ANALYTICAL')).toEqual(['ada:Ada L.', 'bob:Bob']);
    expect((await call(trainer.auth, 'GET', '/profiles?sort=name')).status).toBe(400);
  });

  it('lets a device write only its own learner’s record, and only trainers read the directory', async () => {
    const eve = await hub.enrolDevice('eve@example.com', 'eve');
    const trainer = await hub.credential('trainer');
    const forged = await call(eve.auth, 'PUT', '/profiles/me', recordFor('ada', { name: 'Hacked' }));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('learnerId');
    expect((await call(eve.auth, 'GET', '/profiles')).status).toBe(403);
    expect((await call(trainer.auth, 'PUT', '/profiles/me', recordFor('ada'))).status).toBe(403);
    const bad = await call(eve.auth, 'PUT', '/profiles/me', { ...recordFor('eve'), learnerId: 5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^learnerId: /);
    const list = (await (await call(trainer.auth, 'GET', '/profiles?q=hacked')).json()) as {
      experts: unknown[];
    };
    expect(list.experts).toEqual([]);
  });
});
