import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixedProfile } from '../../src-shared/testing/profile-fixtures';
import { companyProfileRecord } from '../../src-shared/profile/visibility';
import { HUB_START_TIMEOUT, startTestHub, testBackends, type TestHub } from '../testing/hub';
import { ProfileUpload, type ExpertList } from '../../src-shared/hub/schemas';
import { profiles } from '../db/schema/index';
import { EXPERTS_PAGE_SIZE, profileTopics } from './store';

/** The record the app's sync builds for this learner, with a few fields changed. */
function recordFor(
  learnerId: string,
  change: { topics?: string[]; name?: string; email?: { address: string; shared: boolean } } = {},
) {
  const { profile, portfolio } = mixedProfile();
  if (change.topics) profile.topics = change.topics;
  if (change.name) profile.name = change.name;
  if (change.email) {
    profile.email = change.email.address;
    profile.visibility.email = change.email.shared ? 'company' : 'me';
  }
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
    expect(ProfileUpload.safeParse({ ...pub, updatedAt: '0000-01-01T00:00:00Z' }).success).toBe(false);
  });

  it('takes a contact email the person shared, refuses one that is not an address, and accepts older records without', () => {
    const shared = recordFor('ada', { email: { address: 'ada@example.com', shared: true } });
    expect(ProfileUpload.parse(shared).profile.email).toBe('ada@example.com');
    const kept = recordFor('ada', { email: { address: 'ada@example.com', shared: false } });
    expect(kept.profile.email).toBeUndefined();
    expect(JSON.stringify(kept)).not.toContain('ada@example.com');
    const bad = recordFor('ada');
    bad.profile.email = 'javascript:alert(1)';
    expect(ProfileUpload.safeParse(bad).error?.issues[0]?.path).toEqual(['profile', 'email']);
    const { email: _email, ...older } = recordFor('ada').profile;
    expect(ProfileUpload.parse({ ...recordFor('ada'), profile: older }).profile.email).toBeUndefined();
  });

  it('refuses what a tampered device could send: script and http links, odd photos, duplicates, sizes', () => {
    const refusal = (change: (record: ReturnType<typeof recordFor>) => void) => {
      const record = recordFor('ada');
      change(record);
      const result = ProfileUpload.safeParse(record);
      if (result.success) return null;
      const issue = result.error.issues[0];
      return `${issue?.path.join('.')}: ${issue?.message}`;
    };
    expect(refusal(() => undefined)).toBeNull();
    expect(refusal((r) => (r.profile.links = [{ kind: 'website', url: 'javascript:alert(1)//x.com' }]))).toBe(
      'profile.links.0.url: only https:// addresses are accepted',
    );
    expect(refusal((r) => (r.profile.links = [{ kind: 'blog', url: 'http://blog.example.com' }]))).toMatch(
      /^profile\.links\.0\.url: use the https/,
    );
    expect(refusal((r) => (r.profile.photo = 'javascript:alert(1)'))).toBe(
      'profile.photo: must be a data: URL of a PNG, JPEG or WebP image',
    );
    expect(refusal((r) => (r.profile.photo = 'data:image/svg+xml;base64,PHN2Zz4='))).toMatch(
      /^profile\.photo/,
    );
    const entry = (url: string | null) => ({
      kind: 'talk' as const,
      title: 'A talk',
      url,
      date: '2026-01-01',
      description: '',
      channel: null,
    });
    expect(refusal((r) => (r.profile.portfolio = [entry('javascript:alert(1)')]))).toBe(
      'profile.portfolio.0.url: only https:// addresses are accepted',
    );
    expect(refusal((r) => (r.profile.portfolio = [entry('https://example.com/talk')]))).toBeNull();
    const area = { name: 'Compilers', level: 'expert' as const, evidence: '', evidenceTitles: [] };
    expect(refusal((r) => (r.profile.expertise = [area, { ...area, name: 'compilers' }]))).toBe(
      'profile.expertise: has two areas of expertise with the same name',
    );
    expect(refusal((r) => (r.profile.bio = 'x'.repeat(20_001)))).toBe(
      'profile.bio: is limited to 20,000 characters',
    );
    expect(refusal((r) => (r.profile.topics = Array.from({ length: 31 }, (_, i) => `t${i}`)))).toMatch(
      /^profile\.topics: /,
    );
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

  it('refuses a record with a script link or two areas of the same name, naming the field', async () => {
    const mel = await hub.enrolDevice('mel@example.com', 'mel');
    const scripted = recordFor('mel');
    scripted.profile.links = [{ kind: 'website', url: 'javascript:fetch(1)' }];
    const refused = await call(mel.auth, 'PUT', '/profiles/me', scripted);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toBe(
      'profile.links.0.url: only https:// addresses are accepted',
    );
    const doubled = recordFor('mel');
    const area = { name: 'Rust', level: 'expert' as const, evidence: '', evidenceTitles: [] };
    doubled.profile.expertise = [area, area];
    const twice = await call(mel.auth, 'PUT', '/profiles/me', doubled);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { message: string }).message).toMatch(/^profile\.expertise: /);
  });

  it('shows a contact only when the person made it company-visible: a private email never reaches the hub', async () => {
    const trainer = await hub.credential('trainer');
    const kim = await hub.enrolDevice('kim@example.com', 'kim');
    const lou = await hub.enrolDevice('lou@example.com', 'lou');
    const shared = recordFor('kim', {
      name: 'Kim',
      email: { address: 'kim.contact@example.com', shared: true },
    });
    const kept = recordFor('lou', {
      name: 'Lou',
      email: { address: 'lou.private@example.com', shared: false },
    });
    expect((await call(kim.auth, 'PUT', '/profiles/me', shared)).status).toBe(200);
    expect((await call(lou.auth, 'PUT', '/profiles/me', kept)).status).toBe(200);
    const directory = (await (await call(trainer.auth, 'GET', '/profiles')).json()) as ExpertList;
    const entry = (learnerId: string) => directory.experts.find((expert) => expert.learnerId === learnerId);
    expect(entry('kim')).toMatchObject({
      email: 'kim.contact@example.com',
      // The fixture's company-visible links (LinkedIn, GitHub, site); its private blog is not among them.
      links: [
        { kind: 'linkedin', url: 'https://www.linkedin.com/in/ada' },
        { kind: 'github', url: 'https://github.com/ada' },
        { kind: 'website', url: 'https://ada.example.com' },
      ],
    });
    expect(entry('lou')).toMatchObject({ name: 'Lou', email: null });
    expect(JSON.stringify(directory)).not.toContain('lou.private@example.com');
    // Not in the directory, not in the stored record, not anywhere in the database.
    const stored = await hub.database.db.select({ record: profiles.record }).from(profiles);
    expect(JSON.stringify(stored)).not.toContain('lou.private@example.com');
    expect(JSON.stringify(stored)).toContain('kim.contact@example.com');
  });

  it('lists summaries a page at a time, each photo at its own cacheable URL', async () => {
    const trainer = await hub.credential('trainer');
    const zed = await hub.enrolDevice('zed@example.com', 'zed');
    expect((await call(zed.auth, 'PUT', '/profiles/me', recordFor('zed', { name: 'Zed' }))).status).toBe(200);
    const body = (await (await call(trainer.auth, 'GET', '/profiles?q=zed')).json()) as ExpertList;
    expect(body).toMatchObject({ total: 1, pageSize: EXPERTS_PAGE_SIZE });
    const [zedEntry] = body.experts;
    expect(zedEntry).toMatchObject({ learnerId: 'zed', name: 'Zed', portfolioItems: expect.any(Number) });
    // A summary: no photo bytes, no portfolio, no evidence text.
    expect(JSON.stringify(body)).not.toContain('data:image');
    expect(Object.keys(zedEntry?.expertise[0] ?? {})).toEqual(['name', 'level']);
    const photo = await call(trainer.auth, 'GET', zedEntry?.photoUrl as string);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(photo.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(Buffer.from('iVBORw0KGgo=', 'base64'));
    const stale = await call(trainer.auth, 'GET', '/profiles/zed/photo?v=1');
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
    expect((await call(trainer.auth, 'GET', '/profiles/nobody/photo')).status).toBe(404);
    expect((await call(zed.auth, 'GET', '/profiles/zed/photo')).status).toBe(403);
    const all = (await (await call(trainer.auth, 'GET', '/profiles')).json()) as ExpertList;
    const beyond = (await (await call(trainer.auth, 'GET', '/profiles?page=1')).json()) as ExpertList;
    expect([beyond.experts, beyond.total]).toEqual([[], all.total]);
  });
});
