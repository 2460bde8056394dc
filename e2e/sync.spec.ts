import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';
import { freePort, runHubCli, startHub, stopHub } from './hub-process';

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
