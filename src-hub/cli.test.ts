import { chmodSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInvitation } from '../src-shared/sync/invitation';
import { HUB_START_TIMEOUT, basicAuth, makeTestDatabase } from './testing/hub';
import { runHubCli, startHubProcess } from './testing/process';
import { mboxStatement } from './testing/statements';
import { buildStatement } from '../src-shared/xapi/statements';
import type { DatabaseTarget } from './db/open';

describe('npm run hub', () => {
  let target: DatabaseTarget & { kind: 'pglite' };
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const made = await makeTestDatabase('pglite');
    target = made.target as DatabaseTarget & { kind: 'pglite' };
    drop = made.drop;
  }, HUB_START_TIMEOUT);
  afterAll(async () => drop?.());

  it(
    'creates, lists and revokes credentials and makes enrolment codes from the command line',
    async () => {
      const dir = ['--data-dir', target.dataDir];
      chmodSync(target.dataDir, 0o755);
      const created = await runHubCli([
        'credentials',
        'create',
        '--name',
        'Trainer Tom',
        '--role',
        'trainer',
        '--json',
        ...dir,
      ]);
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      // Every learner's records are in there: only the hub's own user may enter the folder.
      expect((statSync(target.dataDir).mode & 0o777).toString(8)).toBe('700');
      const issued = JSON.parse(created.stdout) as { key: string; secret: string; role: string };
      expect(issued).toMatchObject({ role: 'trainer', key: expect.stringMatching(/^ak_/) });
      const listed = await runHubCli(['credentials', 'list', ...dir]);
      expect(listed.stdout).toContain(issued.key);
      expect(listed.stdout).not.toContain(issued.secret);
      expect((await runHubCli(['credentials', 'revoke', issued.key, ...dir])).code).toBe(0);
      const enrolment = await runHubCli(['enrolment', 'create', '--expires', '7d', '--json', ...dir]);
      const code = JSON.parse(enrolment.stdout) as { code: string; expiresAt: string };
      expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
      // An invitation for one person: the link the app opens fills in the hub, the code and the email.
      const invited = await runHubCli([
        'enrolment',
        'create',
        '--email',
        'ada@example.com',
        '--public-url',
        'https://hub.example.com',
        ...dir,
      ]);
      expect(invited.code).toBe(0);
      const parsed = parseInvitation(invited.stdout);
      expect(parsed.ok && parsed.invitation).toMatchObject({
        hub: 'https://hub.example.com/',
        email: 'ada@example.com',
      });
      expect(invited.stdout).toContain(`enrolment code: ${parsed.ok ? parsed.invitation.code : '?'}`);
      // Usage errors are caught before the database is opened.
      const badExpiry = await runHubCli(['enrolment', 'create', '--expires', 'soon', ...dir]);
      expect(badExpiry.code).toBe(2);
      expect(badExpiry.stderr).toContain('--expires takes a duration such as 7d');
    },
    HUB_START_TIMEOUT,
  );

  it(
    'serves /healthz, keeps admin commands off its PGlite folder, and on SIGTERM finishes the request in flight',
    async () => {
      const created = await runHubCli([
        'credentials',
        'create',
        '--name',
        'LRS',
        '--json',
        '--data-dir',
        target.dataDir,
      ]);
      const { key, secret } = JSON.parse(created.stdout) as { key: string; secret: string };
      const hub = await startHubProcess(['--data-dir', target.dataDir]);
      try {
        const health = await fetch(`${hub.url}/healthz`);
        expect(await health.json()).toEqual({ ok: true, database: 'pglite' });
        const busy = await runHubCli(['credentials', 'list', '--data-dir', target.dataDir]);
        expect(busy.code).toBe(1);
        expect(busy.stderr).toMatch(/in use by process \d+: stop that hub first/);
        // The start line names the dashboard's address, the one a trainer opens.
        const ready = `hub ready: trainers sign in at ${hub.url}/dashboard`;
        expect(hub.logs.some((line) => (JSON.parse(line) as { msg?: string }).msg === ready)).toBe(true);

        const batch = Array.from({ length: 300 }, () => mboxStatement('shutdown@example.com'));
        const answer = new Promise<number>((resolve, reject) => {
          const req = request(`${hub.url}/xapi/statements`, {
            method: 'POST',
            headers: {
              authorization: basicAuth(key, secret),
              'content-type': 'application/json',
              'x-experience-api-version': '2.0.0',
            },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          // SIGTERM once the hub has started on the request (its "incoming request" log line), not before.
          const seen = hub.logs.length;
          const signalWhenStarted = () => {
            if (hub.logs.slice(seen).some((line) => line.includes('"method":"POST"')))
              hub.child.kill('SIGTERM');
            else setTimeout(signalWhenStarted, 2);
          };
          req.end(JSON.stringify(batch), signalWhenStarted);
        });
        expect(await answer).toBe(200);
        expect(await hub.exited).toBe(0);
        expect(hub.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
      } finally {
        hub.child.kill('SIGKILL');
      }
      // Everything the hub acknowledged is there after a restart.
      const restarted = await startHubProcess(['--data-dir', target.dataDir]);
      try {
        const response = await fetch(`${restarted.url}/xapi/statements?limit=0`, {
          headers: { authorization: basicAuth(key, secret), 'x-experience-api-version': '2.0.0' },
        });
        expect(((await response.json()) as { statements: unknown[] }).statements).toHaveLength(300);
      } finally {
        restarted.child.kill('SIGTERM');
        await restarted.exited;
      }
    },
    HUB_START_TIMEOUT,
  );

  it(
    'names the company as issuer, lists and revokes the badges it issued, and rotates its key',
    async () => {
      const dir = ['--data-dir', target.dataDir, '--public-url', 'https://hub.acme.example'];
      expect((await runHubCli(['badges', 'revoke', 'not-an-id', ...dir])).code).toBe(2);
      expect((await runHubCli(['issuer', 'set', ...dir])).stderr).toContain(
        'issuer set needs --name COMPANY',
      );
      const set = await runHubCli([
        'issuer',
        'set',
        '--name',
        'Acme Corp',
        '--url',
        'https://acme.example',
        '--json',
        ...dir,
      ]);
      expect(set.stderr).toBe('');
      expect(JSON.parse(set.stdout)).toMatchObject({ name: 'Acme Corp', did: 'did:web:hub.acme.example' });
      const enrolment = JSON.parse((await runHubCli(['enrolment', 'create', '--json', ...dir])).stdout) as {
        code: string;
      };

      const hub = await startHubProcess(dir);
      let badge: string;
      try {
        const enrolled = await fetch(`${hub.url}/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            code: enrolment.code,
            name: 'Ada',
            email: 'ada.cli@example.com',
            learnerId: 'ada-cli',
          }),
        });
        const device = (await enrolled.json()) as { key: string; secret: string };
        const auth = basicAuth(device.key, device.secret);
        const statement = buildStatement({
          id: crypto.randomUUID(),
          timestamp: new Date(),
          learner: { id: 'ada-cli', name: 'Ada' },
          verb: 'completed',
          object: { kind: 'course', packId: 'test-pack', id: 'basics', title: 'Basics' },
        });
        const sent = await fetch(`${hub.url}/xapi/statements`, {
          method: 'POST',
          headers: {
            authorization: auth,
            'content-type': 'application/json',
            'x-experience-api-version': '2.0.0',
          },
          body: JSON.stringify([statement]),
        });
        expect(sent.status).toBe(200);
        const mine = (await (
          await fetch(`${hub.url}/credentials/mine`, { headers: { authorization: auth } })
        ).json()) as {
          credentials: { id: string; pageUrl: string; credential: { issuer: { id: string } } }[];
        };
        expect(mine.credentials).toHaveLength(1);
        // Named by its public address, not the loopback one it was reached at.
        expect(mine.credentials[0]?.credential.issuer.id).toBe('did:web:hub.acme.example');
        expect(mine.credentials[0]?.pageUrl).toMatch(/^https:\/\/hub\.acme\.example\/credentials\//);
        badge = mine.credentials[0]?.id ?? '';
      } finally {
        hub.child.kill('SIGTERM');
        await hub.exited;
      }
      const listed = JSON.parse((await runHubCli(['badges', 'list', '--json', ...dir])).stdout) as {
        id: string;
        revokedAt: string | null;
      }[];
      expect(listed).toMatchObject([{ id: badge, revokedAt: null }]);
      const revoked = await runHubCli(['badges', 'revoke', badge, ...dir]);
      expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${badge}\n` });
      expect((await runHubCli(['badges', 'revoke', crypto.randomUUID(), ...dir])).code).toBe(1);

      expect((await runHubCli(['issuer', 'rotate-key', ...dir])).stdout).toContain('key-2');
      const shown = JSON.parse((await runHubCli(['issuer', 'show', '--json', ...dir])).stdout) as {
        didDocument: { assertionMethod: string[] };
      };
      expect(shown.didDocument.assertionMethod).toEqual([
        'did:web:hub.acme.example#key-1',
        'did:web:hub.acme.example#key-2',
      ]);
    },
    // Eight commands, each a process opening the database, and a hub started: several minutes on a busy machine.
    4 * HUB_START_TIMEOUT,
  );
});
