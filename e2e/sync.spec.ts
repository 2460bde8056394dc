import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

const projectRoot = join(import.meta.dirname, '..');

/** `npm run hub -- …` as the trainer's admin would run it. */
function hubCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src-hub/cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, HUB_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function runHubCli<T>(args: string[]): Promise<T> {
  const child = hubCli([...args, '--json']);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`hub ${args.join(' ')} failed: ${stderr}`);
  return JSON.parse(stdout) as T;
}

/** A port nothing listens on now, for a hub whose address goes into an invitation before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startHub(dataDir: string, port = 0): Promise<{ url: string; child: ChildProcess }> {
  const child = hubCli(['--port', String(port), '--data-dir', dataDir]);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${String(code)}): ${output}`)));
  });
  return { url, child };
}

test('a learner connects with an enrolment code, completes a lesson from a pack the hub sent, and syncs it', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hub-'));
  const trainer = await runHubCli<{ key: string; secret: string }>([
    'credentials',
    'create',
    '--name',
    'Trainer',
    '--role',
    'trainer',
    '--data-dir',
    hubDir,
  ]);
  // The trainer sends Ada an invitation for the hub's address, which the hub will listen on.
  const port = await freePort();
  const { invitationText } = await runHubCli<{ invitationText: string }>([
    'enrolment',
    'create',
    '--expires',
    '1d',
    '--email',
    'ada@example.com',
    '--public-url',
    `http://127.0.0.1:${port}`,
    '--data-dir',
    hubDir,
  ]);
  const hub = await startHub(hubDir, port);
  const trainerAuth = `Basic ${Buffer.from(`${trainer.key}:${trainer.secret}`).toString('base64')}`;
  try {
    // The trainer publishes the test pack; the device will pull it when it syncs.
    const work = mkdtempSync(join(tmpdir(), 'advocate-e2e-sync-'));
    writeTestPack(join(work, 'pack'));
    await buildPackZip(join(work, 'pack'), join(work, 'pack.zip'));
    const published = await fetch(`${hub.url}/packs`, {
      method: 'POST',
      headers: { authorization: trainerAuth, 'content-type': 'application/zip' },
      body: readFileSync(join(work, 'pack.zip')),
    });
    expect(published.status).toBe(201);

    await page.goto(host.url);
    await openScreen(page, 'Sync & Settings');
    const sync = page.getByTestId('sync-section');
    await expect(sync.getByTestId('sync-headline')).toHaveText(
      'Not connected. Everything you do stays on this device.',
    );
    await screenshot(page, 'sync-connect');
    // Pasting the invitation fills in the hub's address, the code and the email.
    await sync.getByLabel('Paste an invitation (optional)').fill(invitationText);
    await expect(sync.getByLabel('Hub address')).toHaveValue(`${hub.url}/`);
    await expect(sync.getByLabel('Enrolment code (from your trainer)')).toHaveValue(/^enrol_/);
    await expect(sync.getByLabel('Your work email')).toHaveValue('ada@example.com');
    await screenshot(page, 'sync-invitation-pasted');
    await expectAccessible(page);
    await sync.getByRole('button', { name: 'Connect' }).click();
    await expect(sync.getByTestId('sync-connected-to')).toContainText(hub.url);
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 30_000 });

    // The pack arrived from the hub; the learner completes its first lesson.
    await openScreen(page, 'Learn');
    await page.getByRole('link', { name: 'Basics' }).click();
    await page.getByRole('link', { name: 'Start the course' }).click();
    await page.getByRole('button', { name: 'Mark as done' }).click();
    await expect(page.getByText('Done. Your progress is saved on this device.')).toBeVisible();

    await openScreen(page, 'Sync & Settings');
    await expect(sync.getByTestId('sync-pending')).not.toHaveText('0 records');
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.');
    await expect(sync.getByTestId('sync-pending')).toHaveText('0 records');
    await expect(sync.getByTestId('sync-last-success')).not.toHaveText('Not yet');

    // The company's side holds the completion (read as the trainer, through the hub's xAPI).
    const verb = encodeURIComponent('http://adlnet.gov/expapi/verbs/completed');
    const answer = await fetch(`${hub.url}/xapi/statements?verb=${verb}`, {
      headers: { authorization: trainerAuth, 'x-experience-api-version': '2.0.0' },
    });
    const { statements } = (await answer.json()) as {
      statements: { actor: { name?: string }; object: { id: string } }[];
    };
    expect(statements.map((s) => s.object.id)).toContain(
      'https://advocate.studio/xapi/activities/packs/test-pack/items/hello',
    );

    await screenshot(page, 'sync');
    await expectAccessible(page);
  } finally {
    hub.child.kill('SIGTERM');
    await new Promise((resolve) => hub.child.once('exit', resolve));
    rmSync(hubDir, { recursive: true, force: true });
  }
});

async function stopHub(hub: { child: ChildProcess }): Promise<void> {
  if (hub.child.exitCode !== null) return;
  const exited = new Promise((resolve) => hub.child.once('exit', resolve));
  hub.child.kill('SIGTERM');
  await exited;
}

test('when the hub is away, then revokes the device, the learner is told plainly and nothing is lost', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hub-'));
  const { code } = await runHubCli<{ code: string }>([
    'enrolment',
    'create',
    '--expires',
    '1d',
    '--data-dir',
    hubDir,
  ]);
  let hub = await startHub(hubDir);
  const port = Number(new URL(hub.url).port);
  try {
    await page.goto(host.url);
    await openScreen(page, 'Sync & Settings');
    const sync = page.getByTestId('sync-section');
    await sync.getByLabel('Hub address').fill(hub.url);
    await sync.getByLabel('Enrolment code (from your trainer)').fill(code);
    await sync.getByLabel('Your work email').fill('grace@example.com');
    await sync.getByRole('button', { name: 'Connect' }).click();
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 30_000 });

    // The hub goes away: the app says so, and that it will try again by itself.
    await stopHub(hub);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByTestId('sync-problem')).toContainText("The company hub can't be reached");
    await expect(sync.getByTestId('sync-headline')).toHaveText('Waiting to try again.');
    await screenshot(page, 'sync-unreachable');

    // The trainer revokes this device's key while the hub is down, then starts it again on the same address.
    const listed = await runHubCli<{ key: string; role: string; revokedAt: string | null }[]>([
      'credentials',
      'list',
      '--data-dir',
      hubDir,
    ]);
    const device = listed.find((credential) => credential.role === 'device');
    if (!device) throw new Error('no device credential');
    await runHubCli(['credentials', 'revoke', device.key, '--data-dir', hubDir]);
    hub = await startHub(hubDir, port);

    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByTestId('sync-problem')).toContainText(
      "The company hub rejected this device's key: ask your trainer for a new enrolment code",
    );
    await expect(sync.getByTestId('sync-headline')).toHaveText('Sync has stopped until you reconnect.');
    await screenshot(page, 'sync-revoked');
    await expectAccessible(page);
  } finally {
    await stopHub(hub);
    rmSync(hubDir, { recursive: true, force: true });
  }
});
