import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { Growth } from '../../src-shared/profile/growth';
import type { PortfolioItem, Profile, SaveProfileInput } from '../../src-shared/profile/schemas';
import type { CompanyProfileRecord } from '../../src-shared/profile/visibility';
import type { Draft } from '../../src-shared/writing/drafts';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { useTestCores } from '../testing/app-core';
import { completeTestCourse } from '../testing/test-course';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const require = createRequire(import.meta.url);
const resumeSchema = JSON.parse(
  readFileSync(require.resolve('@jsonresume/schema/schema.json'), 'utf8'),
) as object;

/** A real 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function setUp() {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'));
  const core = await startCore(tempDir(), { bundledPacksDir: bundled });
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { core, call };
}

const fullProfile: SaveProfileInput = {
  name: 'Ada Lovelace',
  headline: 'Engineer who explains engines',
  bio: 'I write about **tracing**.',
  topics: ['Tracing', 'tracing', 'Compilers'],
  links: {
    linkedin: 'https://www.linkedin.com/in/ada',
    blog: '',
    github: null,
    website: 'https://ada.example.com',
  },
  visibility: {
    name: 'public',
    headline: 'public',
    photo: 'company',
    bio: 'public',
    topics: 'company',
    email: 'company',
    linkedin: 'public',
    blog: 'me',
    github: 'me',
    website: 'me',
  },
  expertise: [
    { name: 'Distributed tracing', level: 'expert', evidence: 'Led the rollout', visibility: 'public' },
    { name: 'Private hobby area', level: 'learning', visibility: 'me' },
  ],
};

/**
 * Completes the test pack's course (its exercise by marking the draft ready) under the learner's name, so
 * its certificate is issued, then publishes that draft.
 */
async function completeCourseAndPublish(
  call: <T>(name: string, input?: unknown) => Promise<T>,
): Promise<Draft> {
  await call('updateLearner', { name: 'Ada Lovelace' });
  const { draft } = await completeTestCourse(call);
  return call<Draft>('updateDraft', {
    draftId: draft.id,
    status: 'published',
    publishedUrl: 'https://blog.example.com/p99',
  });
}

describe('the profile', () => {
  it('starts empty and private, with the learner’s name', async () => {
    const { call } = await setUp();
    const profile = await call<Profile>('getProfile');
    expect(profile).toMatchObject({
      name: 'Learner',
      headline: '',
      photo: null,
      expertise: [],
      updatedAt: null,
    });
    expect(new Set(Object.values(profile.visibility))).toEqual(new Set(['me']));
  });

  it('saves every field and the name, and keeps them across a restart', async () => {
    const { call } = await setUp();
    const saved = await call<Profile>('saveProfile', fullProfile);
    expect(saved).toMatchObject({
      name: 'Ada Lovelace',
      topics: ['Tracing', 'Compilers'],
      links: {
        linkedin: 'https://www.linkedin.com/in/ada',
        blog: null,
        github: null,
        website: 'https://ada.example.com',
      },
      updatedAt: '2026-11-25T12:00:00.000Z',
    });
    expect(saved.expertise.map((area) => area.name)).toEqual(['Distributed tracing', 'Private hobby area']);
    expect(await call('getLearner')).toMatchObject({ name: 'Ada Lovelace' });
    expect(await call('getProfile')).toEqual(saved);
  });

  it('refuses an http link, naming the field and saying what to do', async () => {
    const { core } = await setUp();
    const result = await core.dispatch('saveProfile', {
      ...fullProfile,
      links: { ...fullProfile.links, linkedin: 'http://www.linkedin.com/in/ada' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('links.linkedin: use the https:// address'),
      },
    });
  });

  it('keeps a PNG photo and refuses a file that only claims to be one', async () => {
    const { core, call } = await setUp();
    expect(
      (await call<Profile>('setProfilePhoto', { dataUrl: `data:image/png;base64,${PNG}` })).photo,
    ).toMatch(/^data:image\/png/);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    expect(await core.dispatch('setProfilePhoto', { dataUrl: `data:image/png;base64,${svg}` })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'The photo must be a PNG, JPEG or WebP image.' },
      },
    );
    expect(
      await core.dispatch('setProfilePhoto', { dataUrl: `data:image/jpeg;base64,${PNG}` }),
    ).toMatchObject({
      ok: false,
      error: { message: 'The photo says it is image/jpeg but its bytes are image/png.' },
    });
    expect((await call<Profile>('setProfilePhoto', { dataUrl: null })).photo).toBeNull();
  });
});

describe('the portfolio and growth', () => {
  it('gathers published pieces and certificates by themselves, and hand-added items', async () => {
    const { call } = await setUp();
    const draft = await completeCourseAndPublish(call);
    await call('savePortfolioItem', {
      kind: 'talk',
      title: 'Tracing at scale',
      url: 'https://conf.example.com/t',
      date: '2026-09-12',
      visibility: 'company',
    });
    const items = await call<PortfolioItem[]>('listPortfolio');
    expect(items.map((item) => [item.kind, item.title, item.visibility])).toEqual([
      ['certificate', 'Basics', 'me'],
      ['piece', 'Why p99 doubled', 'me'],
      ['talk', 'Tracing at scale', 'company'],
    ]);
    expect(items[1]).toMatchObject({
      sourceId: draft.id,
      url: 'https://blog.example.com/p99',
      channel: 'blog',
      date: '2026-11-25',
    });

    const growth = await call<Growth>('getGrowth');
    expect(growth).toMatchObject({ coursesDone: [{ title: 'Basics' }], coursesTotal: 1, piecesPublished: 1 });
    expect(growth.channelsUsed).toEqual([{ channel: 'blog', count: 1 }]);
    expect(growth.publishedByMonth.at(-1)).toEqual({ month: '2026-11', count: 1 });
    expect(growth.nextSteps).toEqual([{ kind: 'profile' }, { kind: 'channel', channel: 'forum' }]);
  });

  it('refuses to change the visibility of an item that is not there', async () => {
    const { core } = await setUp();
    expect(
      await core.dispatch('setPortfolioVisibility', {
        source: 'piece',
        sourceId: 'nope',
        visibility: 'public',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('exports and the company record', () => {
  it('show only what each audience may see, and the JSON Resume is valid', async () => {
    const { call } = await setUp();
    const draft = await completeCourseAndPublish(call);
    await call('setProfilePhoto', { dataUrl: `data:image/png;base64,${PNG}` });
    await call('saveProfile', fullProfile);
    await call('setPortfolioVisibility', { source: 'piece', sourceId: draft.id, visibility: 'public' });

    const page = await call<{ fileName: string; content: string }>('exportProfile', { format: 'html' });
    expect(page.fileName).toBe('ada-lovelace.html');
    expect(page.content).not.toMatch(/<script/i);
    expect(page.content).toContain('Why p99 doubled');
    expect(page.content).not.toContain('Basics'); // the certificate is still "only me"
    expect(page.content).not.toContain('data:image/png'); // the photo is for the company only
    expect(page.content).not.toContain('Private hobby area');

    const resume = JSON.parse(
      (await call<{ content: string }>('exportProfile', { format: 'json-resume' })).content,
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(resumeSchema);
    expect(validate(resume), JSON.stringify(validate.errors)).toBe(true);
    expect(resume.basics.name).toBe('Ada Lovelace');
    expect(JSON.stringify(resume)).not.toMatch(/Private hobby area|Tracing"|ada\.example\.com/);

    const record = await call<CompanyProfileRecord>('getCompanyProfileRecord');
    expect(record.learnerId).toEqual((await call<{ id: string }>('getLearner')).id);
    expect(record.profile.topics).toEqual(['Tracing', 'Compilers']);
    expect(record.profile.photo).toMatch(/^data:image\/png/);
    expect(JSON.stringify(record)).not.toMatch(/Private hobby area|ada\.example\.com|Basics/);
  });

  it('says to use the print dialog where the host cannot save a PDF itself', async () => {
    const { core } = await setUp();
    expect(await core.dispatch('saveProfilePdf', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
