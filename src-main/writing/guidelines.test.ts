import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src-shared/api/errors';
import type { Draft, InstalledGuidelines } from '../../src-shared/writing/drafts';
import { acknowledgementKey, checkGuidelines } from '../../src-shared/writing/guidelines';
import { catastrophicPatterns, guidelinePatterns } from '../../src-packs/testing/hostile-packs';
import { testPackFiles, testPackWithGuidelines, writeTestPack } from '../../src-packs/testing/test-pack';
import { installPackFolder } from '../packs/install';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

async function setUp() {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'), testPackWithGuidelines);
  const dataDir = tempDir();
  const core = await startCore(dataDir, { bundledPacksDir: bundled });
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result: CallResult<unknown> = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  const attempt = (name: string, input: unknown) => core.dispatch(name, input);
  const draftSaying = async (body: string): Promise<Draft> => {
    const draft = await call<Draft>('createDraft', { channel: 'linkedin' });
    await call('saveDraft', { draftId: draft.id, title: 'A post', body, baseRevision: draft.revision });
    return call<Draft>('getDraft', { draftId: draft.id });
  };
  return { core, call, attempt, draftSaying, dataDir };
}

describe('guidelines from course packs', () => {
  it('stores the set a pack ships, lists it with its pack, and forgets it with the pack', async () => {
    const { call } = await setUp();
    const sets = await call<InstalledGuidelines[]>('listGuidelineSets');
    expect(sets.map((entry) => [entry.packId, entry.packTitle, entry.set.id])).toEqual([
      ['test-pack', 'Test pack', 'test-guidelines'],
    ]);
    expect(sets[0]?.set.rules[0]?.lesson).toBe('hello');

    await call('removePack', { packId: 'test-pack' });
    expect(await call('listGuidelineSets')).toEqual([]);
  });

  it('refuses "ready" until each finding is acknowledged, then allows it', async () => {
    const { call, attempt, draftSaying } = await setUp();
    const draft = await draftSaying('Acme shipped a fix. Acme again.');
    expect(draft.acknowledged).toEqual([]);

    const refused = await attempt('updateDraft', { draftId: draft.id, status: 'ready' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('GUIDELINES_UNACKNOWLEDGED');
    expect(refused.error.message).toContain('2 guideline findings still need your acknowledgement');
    expect(refused.error.message).toContain('“Say who you work for” at “Acme”');
    expect((await call<Draft>('getDraft', { draftId: draft.id })).status).toBe('drafting');

    const sets = await call<InstalledGuidelines[]>('listGuidelineSets');
    const findings = checkGuidelines(
      draft.body,
      { channel: draft.channel },
      sets.map((s) => s.set),
    );
    expect(findings).toHaveLength(2);
    const [one, two] = findings.map(acknowledgementKey) as [string, string];
    const first = one;
    const afterOne = await call<Draft>('acknowledgeFinding', {
      draftId: draft.id,
      key: first,
      acknowledged: true,
    });
    expect(afterOne.acknowledged).toEqual([first]);
    const stillRefused = await attempt('updateDraft', { draftId: draft.id, status: 'published' });
    expect(stillRefused.ok).toBe(false);

    await call('acknowledgeFinding', {
      draftId: draft.id,
      key: two,
      acknowledged: true,
    });
    const ready = await call<Draft>('updateDraft', { draftId: draft.id, status: 'ready' });
    expect(ready.status).toBe('ready');

    // Taking an acknowledgement back is recorded too.
    const back = await call<Draft>('acknowledgeFinding', {
      draftId: draft.id,
      key: first,
      acknowledged: false,
    });
    expect(back.acknowledged).toHaveLength(1);
  });

  it('lets a draft that follows the guidelines be ready at once', async () => {
    const { call, draftSaying } = await setUp();
    const draft = await draftSaying('I work at Acme, and Acme shipped a fix.');
    expect((await call<Draft>('updateDraft', { draftId: draft.id, status: 'ready' })).status).toBe('ready');
  });

  it('replaces the set when the pack is upgraded, and drops it when the new version has none', async () => {
    const { core, call, dataDir } = await setUp();
    const upgrade = tempDir();
    writeTestPack(upgrade, {
      ...testPackWithGuidelines,
      'pack.yaml': String(testPackWithGuidelines['pack.yaml']).replace('version: 1.2.0', 'version: 1.3.0'),
      'guidelines.yaml': String(testPackWithGuidelines['guidelines.yaml']).replace(
        'title: Test guidelines',
        'title: Newer guidelines',
      ),
    });
    await installPackFolder({ database: core.database, dataDir, now: () => new Date() }, upgrade, 'imported');
    const sets = await call<InstalledGuidelines[]>('listGuidelineSets');
    expect(sets.map((entry) => entry.set.title)).toEqual(['Newer guidelines']);

    const withoutGuidelines = tempDir();
    writeTestPack(withoutGuidelines, {
      'pack.yaml': String(testPackFiles['pack.yaml']).replace('version: 1.2.0', 'version: 1.4.0'),
    });
    await installPackFolder(
      { database: core.database, dataDir, now: () => new Date() },
      withoutGuidelines,
      'imported',
    );
    expect(await call('listGuidelineSets')).toEqual([]);
  });

  it('answers "ready" at once for a draft that made a backtracking pattern take minutes', async () => {
    const bundled = tempDir();
    writeTestPack(join(bundled, 'test-pack'), guidelinePatterns(catastrophicPatterns));
    const core = await startCore(tempDir(), { bundledPacksDir: bundled });
    const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
      const result: CallResult<unknown> = await core.dispatch(name, input);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.value as T;
    };
    const sets = await call<InstalledGuidelines[]>('listGuidelineSets');
    expect(sets[0]?.set.rules.map((rule) => rule.id)).toEqual(['disclose', 'forward-looking']);
    const draft = await call<Draft>('createDraft', { channel: 'linkedin' });
    const body = `${'a'.repeat(30)}!`;
    await call('saveDraft', { draftId: draft.id, title: 'A post', body, baseRevision: draft.revision });
    expect((await call<Draft>('updateDraft', { draftId: draft.id, status: 'ready' })).status).toBe('ready');
  });

  it('keeps listing a set installed before a pattern check existed, without the rule that fails it', async () => {
    const { core, call } = await setUp();
    const [entry] = await call<InstalledGuidelines[]>('listGuidelineSets');
    const [rule] = entry?.set.rules ?? [];
    const lookahead = {
      ...rule,
      id: 'lookahead',
      check: { kind: 'patterns', patterns: [{ regex: 'a(?=b)' }] },
    };
    const stored = { ...entry?.set, rules: [rule, lookahead] };
    core.database.sqlite.prepare('UPDATE guideline_sets SET definition = ?').run(JSON.stringify(stored));
    const sets = await call<InstalledGuidelines[]>('listGuidelineSets');
    expect(sets[0]?.set.rules.map((kept) => kept.id)).toEqual(['disclose']);
  });
});
