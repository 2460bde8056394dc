import { describe, expect, it } from 'vitest';
import type { Learner } from '../../src-shared/api/schemas';
import type { Profile } from '../../src-shared/profile/schemas';
import { useTestCores } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();

async function setUp() {
  const core = await startCore(tempDir());
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return { core, call };
}

describe('the learner at the first-run welcome', () => {
  it('is new until the welcome is answered or skipped; skipping gives no name', async () => {
    const { call } = await setUp();
    expect(await call<Learner>('getLearner')).toMatchObject({
      name: 'Learner',
      named: false,
      welcomed: false,
    });
    expect(await call<Learner>('skipWelcome')).toMatchObject({
      name: 'Learner',
      named: false,
      welcomed: true,
    });
  });

  it('keeps the name, work email and role; an empty optional field is cleared, a missing one kept', async () => {
    const { call } = await setUp();
    expect(
      await call<Learner>('updateLearner', {
        name: 'Dana Okafor',
        email: 'dana@example.com',
        role: 'Support engineer',
      }),
    ).toMatchObject({
      name: 'Dana Okafor',
      named: true,
      welcomed: true,
      email: 'dana@example.com',
      role: 'Support engineer',
    });
    expect(await call<Learner>('updateLearner', { name: 'Dana Okafor' })).toMatchObject({
      email: 'dana@example.com',
      role: 'Support engineer',
    });
    expect(await call<Learner>('updateLearner', { name: 'Dana Okafor', email: '' })).toMatchObject({
      email: null,
    });
  });

  it('refuses an email that is not one', async () => {
    const { core } = await setUp();
    expect(await core.dispatch('updateLearner', { name: 'Dana', email: 'dana at work' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('enter a work email') },
    });
  });

  it('starts the profile’s headline with the role, until the person writes one', async () => {
    const { call } = await setUp();
    await call('updateLearner', { name: 'Dana Okafor', role: 'Support engineer' });
    const profile = await call<Profile>('getProfile');
    expect(profile).toMatchObject({ name: 'Dana Okafor', headline: 'Support engineer' });
    const { photo: _photo, updatedAt: _updatedAt, ...fields } = profile;
    await call('saveProfile', { ...fields, headline: 'I fix bank feeds', expertise: [] });
    expect(await call<Profile>('getProfile')).toMatchObject({ headline: 'I fix bank feeds' });
  });
});
