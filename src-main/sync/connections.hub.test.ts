import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createEnrolmentCode } from '../../src-hub/auth/enrolment';
import { packs as hubPacks, profiles } from '../../src-hub/db/schema/index';
import {
  HUB_START_TIMEOUT,
  startTestHub,
  testBackends,
  type TestCredential,
  type TestHub,
} from '../../src-hub/testing/hub';
import type { SyncStatus } from '../../src-shared/sync/schemas';
import type { AppCore } from '../core/app';
import { testPackFiles, writeTestPack } from '../../src-packs/testing/test-pack';
import { buildPackZip } from '../../src-packs/zip/build';
import { startTestCore } from '../testing/app-core';
import { useTempDirs } from '../testing/temp-dir';
import { SYNC_KEY_FILE } from './secrets';
import { hubStatementIds, recordCompletions } from '../testing/sync-fixtures.hub';

// Connecting, switching companies and pulling packs, against two real hubs on loopback.

let hubA: TestHub;
let hubB: TestHub;
let readerA: TestCredential;
let readerB: TestCredential;
const tempDir = useTempDirs();
const open: AppCore[] = [];

afterEach(() => {
  for (const core of open.splice(0)) core.close();
});

async function core(dataDir = tempDir()): Promise<AppCore> {
  const started = await startTestCore(dataDir, { sync: { autoStart: false } });
  open.push(started);
  return started;
}

async function call<T = SyncStatus>(app: AppCore, name: string, input: unknown = {}): Promise<T> {
  const result = await app.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Connects with a code made for no one, or (`bound`) one made for this email, as a returning learner needs. */
async function connectHub(
  app: AppCore,
  hub: TestHub,
  email = `${crypto.randomUUID()}@example.com`,
  bound = false,
): Promise<SyncStatus> {
  const { code } = await createEnrolmentCode(
    hub.database.db,
    3_600_000,
    'test',
    new Date(),
    bound ? email : null,
  );
  await call(app, 'connectSync', {
    kind: 'hub',
    url: hub.url,
    code,
    email,
  });
  return call(app, 'syncNow');
}

const held = async (hub: TestHub, reader: TestCredential, ids: string[]) => {
  const all = new Set(await hubStatementIds(hub.url, reader.auth));
  return ids.filter((id) => all.has(id)).length;
};

// Every suite on both databases: large companies run the hub on PostgreSQL.
describe.each(testBackends)('on %s', (backend) => {
  beforeAll(async () => {
    [hubA, hubB] = await Promise.all([startTestHub(backend), startTestHub(backend)]);
    readerA = await hubA.credential('lrs-client', 'reader');
    readerB = await hubB.credential('lrs-client', 'reader');
  }, HUB_START_TIMEOUT);
  afterAll(async () => Promise.all([hubA?.close(), hubB?.close()]));

  describe('connecting', () => {
    it('keeps the secret encrypted at rest and forgets it on disconnect', async () => {
      const dataDir = tempDir();
      const app = await core(dataDir);
      await connectHub(app, hubA);
      const row = app.database.sqlite
        .prepare('SELECT key, sealed_secret AS sealed FROM sync_connections')
        .get() as {
        key: string;
        sealed: string;
      };
      expect(row.sealed).toMatch(/^file:/);
      const database = readFileSync(join(dataDir, 'advocate.db'));
      expect(readFileSync(join(dataDir, SYNC_KEY_FILE))).toHaveLength(32);
      expect(database.includes(Buffer.from('sk_'))).toBe(false);

      const status = await call(app, 'disconnectSync');
      expect(status.connection).toBeNull();
      const after = app.database.sqlite
        .prepare('SELECT key, sealed_secret AS sealed FROM sync_connections')
        .get();
      expect(after).toEqual({ key: null, sealed: null });
    });

    it('says plainly when the enrolment code is wrong', async () => {
      const app = await core();
      const result = await app.dispatch('connectSync', {
        kind: 'hub',
        url: hubA.url,
        code: 'enrol_nonsense',
        email: 'a@example.com',
      });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error.message).toMatch(/This enrolment code is unknown.*ask your trainer/);
      expect((await call(app, 'getSyncStatus')).connection).toBeNull();
    });

    it('sends statements to a third-party LRS with a key and secret, and pulls no packs', async () => {
      const app = await core();
      const lrs = await hubA.credential('lrs-client', 'company LRS');
      await call(app, 'connectSync', {
        kind: 'lrs',
        url: `${hubA.url}/xapi/`,
        key: lrs.key,
        secret: lrs.secret,
      });
      const ids = recordCompletions(app, 12);
      const status = await call(app, 'syncNow');
      expect(status).toMatchObject({ pending: 0, problem: null, connection: { kind: 'lrs' } });
      expect(await held(hubA, readerA, ids)).toBe(12);
    });

    it('refuses an LRS address that does not answer as one', async () => {
      const app = await core();
      const result = await app.dispatch('connectSync', {
        kind: 'lrs',
        url: `${hubA.url}/nothing/`,
        key: 'k',
        secret: 's',
      });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/does not answer as an xAPI record store/);
    });
  });

  describe('switching companies', () => {
    it("never sends one company's records to another unless the learner says so", async () => {
      const app = await core();
      await connectHub(app, hubA);
      await call(app, 'disconnectSync');
      const forA = recordCompletions(app, 4); // made after leaving A: still A's
      const waiting = await call(app, 'getSyncStatus');
      expect(waiting.otherCompany).toEqual({ count: 4, url: `${hubA.url}/` });

      let status = await connectHub(app, hubB);
      expect(status.otherCompany).toEqual({ count: 4, url: `${hubA.url}/` });
      expect(await held(hubB, readerB, forA)).toBe(0);

      const forB = recordCompletions(app, 2);
      status = await call(app, 'syncNow');
      expect(status.pending).toBe(0);
      expect(await held(hubB, readerB, forB)).toBe(2);
      expect(await held(hubB, readerB, forA)).toBe(0);

      status = await call(app, 'decideOtherSyncRecords', { decision: 'keep' });
      expect(status).toMatchObject({ otherCompany: null, keptLocal: 4 });
      await call(app, 'syncNow');
      expect(await held(hubB, readerB, forA)).toBe(0);
    });

    it('sends the other records to the new company when the learner chooses to', async () => {
      const app = await core();
      await connectHub(app, hubA);
      await call(app, 'disconnectSync');
      const forA = recordCompletions(app, 3);
      await connectHub(app, hubB);
      await call(app, 'decideOtherSyncRecords', { decision: 'send' });
      const status = await call(app, 'syncNow');
      expect(status).toMatchObject({ pending: 0, otherCompany: null });
      expect(await held(hubB, readerB, forA)).toBe(3);
    });

    it('reconnecting to the same hub takes its unsent records along without asking', async () => {
      const app = await core();
      await connectHub(app, hubA, 'same@example.com');
      await call(app, 'disconnectSync');
      const ids = recordCompletions(app, 3);
      // The hub already knows this email: a code made for no one would let anyone take it over, so it is refused.
      const { code: anyone } = await createEnrolmentCode(hubA.database.db, 3_600_000, 'test', new Date());
      const refused = await app.dispatch('connectSync', {
        kind: 'hub',
        url: hubA.url,
        code: anyone,
        email: 'same@example.com',
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.message).toBe(
          'This email already has an account on this hub; ask your trainer for an enrolment code made for it.',
        );
      }
      const status = await connectHub(app, hubA, 'same@example.com', true);
      expect(status).toMatchObject({ otherCompany: null, pending: 0 });
      expect(await held(hubA, readerA, ids)).toBe(3);

      // Another email would make this device's learner someone else at the hub: the app says what to do.
      await call(app, 'disconnectSync');
      const { code } = await createEnrolmentCode(hubA.database.db, 3_600_000, 'test', new Date());
      const other = await app.dispatch('connectSync', {
        kind: 'hub',
        url: hubA.url,
        code,
        email: 'other@example.com',
      });
      expect(other.ok).toBe(false);
      if (!other.ok) expect(other.error.message).toMatch(/already enrolled.*under another email/);
    });
  });

  describe('pulling packs', () => {
    it('installs a pack the trainer published, once, keeping it marked as from the hub', async () => {
      const work = tempDir();
      writeTestPack(join(work, 'pack'));
      await buildPackZip(join(work, 'pack'), join(work, 'pack.zip'));
      const trainer = await hubA.credential('trainer', 'trainer');
      const upload = await fetch(`${hubA.url}/packs`, {
        method: 'POST',
        headers: { authorization: trainer.auth, 'content-type': 'application/zip' },
        body: readFileSync(join(work, 'pack.zip')),
      });
      expect([200, 201]).toContain(upload.status);

      const app = await core();
      const status = await connectHub(app, hubA);
      expect(status.problem).toBeNull();
      const installed = app.database.sqlite
        .prepare("SELECT version, source FROM packs WHERE id = 'test-pack'")
        .get();
      expect(installed).toEqual({ version: '1.2.0', source: 'hub' });
      const pulls = app.database.sqlite.prepare('SELECT pack_id, version, error FROM sync_pack_pulls').all();
      expect(pulls).toEqual([{ pack_id: 'test-pack', version: '1.2.0', error: null }]);

      // Removed by the learner: it stays removed until the hub has a newer version.
      expect((await app.dispatch('removePack', { packId: 'test-pack' })).ok).toBe(true);
      await call(app, 'syncNow');
      expect(app.database.sqlite.prepare("SELECT 1 FROM packs WHERE id = 'test-pack'").get()).toBeUndefined();
      expect(testPackFiles['pack.yaml']).toBeDefined();
    });

    it('records a pack larger than the app takes as not installed, without downloading it', async () => {
      const work = tempDir();
      writeTestPack(join(work, 'pack'), {
        'pack.yaml': String(testPackFiles['pack.yaml']).replace('id: test-pack', 'id: huge-pack'),
      });
      await buildPackZip(join(work, 'pack'), join(work, 'pack.zip'));
      const trainer = await hubB.credential('trainer', 'trainer');
      const upload = await fetch(`${hubB.url}/packs`, {
        method: 'POST',
        headers: { authorization: trainer.auth, 'content-type': 'application/zip' },
        body: readFileSync(join(work, 'pack.zip')),
      });
      expect(upload.status).toBe(201);
      // As a hub with a larger upload limit than the app's would list it.
      await hubB.database.db
        .update(hubPacks)
        .set({ size: 300 * 1024 * 1024 })
        .where(eq(hubPacks.id, 'huge-pack'));

      const app = await core();
      await connectHub(app, hubB);
      const pulls = app.database.sqlite.prepare('SELECT pack_id, error FROM sync_pack_pulls').all();
      expect(pulls).toEqual([
        { pack_id: 'huge-pack', error: 'The pack is 300 MiB; the app takes packs of at most 200 MiB.' },
      ]);
      expect(app.database.sqlite.prepare("SELECT 1 FROM packs WHERE id = 'huge-pack'").get()).toBeUndefined();
    });
  });

  describe('the company profile record', () => {
    it('goes up to the hub, with only what the learner shares with the company, and again when it changes', async () => {
      const app = await core();
      const learnerId = (await call<{ id: string }>(app, 'getLearner')).id;
      const stored = async () =>
        (await hubA.database.db.select().from(profiles).where(eq(profiles.learnerId, learnerId)))[0]
          ?.record as { profile: { name: string; headline?: string | null } } | undefined;
      await connectHub(app, hubA);
      expect((await stored())?.profile).toBeDefined();

      const profile = await call<Record<string, unknown>>(app, 'getProfile');
      const { headline, bio, topics, links, visibility } = profile;
      const saved = await app.dispatch('saveProfile', {
        name: 'Ada Lovelace',
        headline,
        bio,
        topics,
        links,
        visibility,
        expertise: [],
      });
      if (!saved.ok) throw new Error(saved.error.message);
      await call(app, 'syncNow');
      const record = await stored();
      expect(record).toEqual(await call(app, 'getCompanyProfileRecord'));
    });
  });
});
