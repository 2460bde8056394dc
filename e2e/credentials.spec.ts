import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { testPackFiles, writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { unbakeSvg } from '../src-shared/certificates/baking';
import {
  obSchemaErrors,
  verifyWithDigitalBazaar,
} from '../src-shared/certificates/testing/independent-checks';
import { test, expect, screenshot, expectAccessible, openScreen, type RunningHost } from './fixtures';
import { freePort, runHubCli, startHub, stopHub } from './hub-process';

/** The test pack without its exercise, imported through the Packs screen's own calls. */
async function importTestPack(request: APIRequestContext, host: RunningHost): Promise<void> {
  const manifest = String(testPackFiles['pack.yaml']).replace(
    / {10}- id: write-it\n {12}kind: exercise\n {12}file: first\/write-it.md\n/,
    '',
  );
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-badges-'));
  writeTestPack(join(dir, 'pack'), { 'pack.yaml': manifest });
  await buildPackZip(join(dir, 'pack'), join(dir, 'pack.zip'));
  const auth = { Authorization: `Bearer ${host.secret}` };
  const upload = await request.post(`${host.origin}/upload?name=pack.zip`, {
    headers: { ...auth, 'Content-Type': 'application/zip' },
    data: readFileSync(join(dir, 'pack.zip')),
  });
  const { uploadId } = (await upload.json()).value as { uploadId: string };
  const started = await request.post(`${host.origin}/api/startPackImport`, {
    headers: auth,
    data: { uploadId },
  });
  const { jobId } = (await started.json()).value as { jobId: string };
  await expect
    .poll(async () => {
      const status = await request.post(`${host.origin}/api/getPackImport`, {
        headers: auth,
        data: { jobId },
      });
      return ((await status.json()).value as { state: string }).state;
    })
    .toBe('done');
}

test('a learner completes a course offline, the company’s badge arrives at sync, is public and checkable, then revoked', async ({
  page,
  host,
  request,
}) => {
  test.setTimeout(480_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-hub-'));
  const port = await freePort();
  await runHubCli([
    'issuer',
    'set',
    '--name',
    'Acme Corp',
    '--url',
    'https://acme.example',
    '--data-dir',
    hubDir,
  ]);
  const { code } = await runHubCli<{ code: string }>(['enrolment', 'create', '--data-dir', hubDir]);
  let hub = await startHub(hubDir, port);
  try {
    // Offline: the course done, the certificate signed on this device.
    await importTestPack(request, host);
    await page.goto(host.url);
    await openScreen(page, 'Sync & Settings');
    await page
      .getByLabel('Your name, as it appears on certificates and completion records')
      .fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.goto(`${host.origin}/#/learn/test-pack/item/hello`);
    await page.getByRole('button', { name: 'Mark as done' }).click();
    await page.goto(`${host.origin}/#/learn/test-pack/item/think`);
    await page.getByLabel('Your note: private, kept only on this device').fill('Lead with the insight.');
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.getByRole('button', { name: 'I have reflected on this' }).click();
    await page.goto(`${host.origin}/#/learn/test-pack/item/check`);
    await page.getByRole('button', { name: 'Start the knowledge check' }).click();
    await page.getByRole('radio', { name: 'Right' }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByRole('button', { name: 'Next question' }).click();
    await page.getByRole('radio', { name: 'True' }).check();
    await page.getByRole('button', { name: 'Check my answer' }).click();
    await page.getByRole('button', { name: 'See my score' }).click();
    await expect(page.getByText('That completes the course. Well done.')).toBeVisible();

    const openCertificate = async () => {
      await openScreen(page, 'Learn');
      await page
        .getByRole('region', { name: 'Your certificates' })
        .getByRole('link', { name: 'Basics' })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
    };
    await openCertificate();
    await expect(page.getByText('Valid: signed on this device (Open Badges 3.0)')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Issued by Acme Corp' })).toBeHidden();
    /**
     * "Sync now", then the certificate again, until it shows what the hub said: the headline reads "Up to date."
     * before a run as after it, so it cannot tell the run is over.
     */
    const syncUntil = async (shown: () => Promise<void>) => {
      await expect(async () => {
        await openScreen(page, 'Sync & Settings');
        await page.getByTestId('sync-section').getByRole('button', { name: 'Sync now' }).click();
        await expect(page.getByTestId('sync-headline')).toHaveText('Up to date.');
        await openCertificate();
        await shown();
      }).toPass({ timeout: 90_000 });
    };

    // Connected to the company's hub: the completion goes up, the company's badge comes down.
    await openScreen(page, 'Sync & Settings');
    const sync = page.getByTestId('sync-section');
    await sync.getByLabel('Hub address').fill(hub.url);
    await sync.getByLabel('Enrolment code (from your trainer)').fill(code);
    await sync.getByLabel('Your work email').fill('ada@example.com');
    await sync.getByRole('button', { name: 'Connect' }).click();
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 60_000 });
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 60_000 });

    await openCertificate();
    const panel = page.getByRole('region', { name: 'Issued by Acme Corp' });
    await expect(panel).toContainText('Valid: Acme Corp vouches for it');
    await expect(page.getByText('Valid: signed on this device (Open Badges 3.0)')).toBeVisible();
    await panel.getByLabel('Show it on a public page anyone can check').check();
    await expect(panel.getByText('The company hub will be told at the next sync.')).toBeVisible();
    const pageLink = panel.getByRole('link', { name: /\/credentials\// });
    await syncUntil(async () => expect(pageLink).toBeVisible({ timeout: 1_000 }));
    await screenshot(page, 'certificate-company-badge');
    await expectAccessible(page);

    // Anyone can check it: the public page says valid, and the JSON verifies with an independent library.
    const pageUrl = (await pageLink.getAttribute('href')) ?? '';
    expect(await (await fetch(pageUrl)).text()).toContain('Valid: signed by Acme Corp and not revoked.');
    const credential = (await (await fetch(`${pageUrl}/credential.json`)).json()) as Record<string, unknown>;
    const didDocument = (await (await fetch(`${hub.url}/.well-known/did.json`)).json()) as { id: string };
    expect(obSchemaErrors(credential)).toEqual([]);
    expect(
      await verifyWithDigitalBazaar(credential, { didDocuments: { [didDocument.id]: didDocument } }),
    ).toMatchObject({
      verified: true,
    });

    // The badge image to share holds the same signed credential (Open Badges baking, SVG).
    const download = page.waitForEvent('download');
    await panel
      .getByRole('link', { name: 'Download Acme Corp’s badge image (.svg, credential inside)' })
      .click();
    const baked = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(JSON.parse(unbakeSvg(baked) ?? '')).toEqual(credential);

    // The company revokes it (its admin stops the hub to use the command line, then starts it again).
    await stopHub(hub);
    await runHubCli(['badges', 'revoke', pageUrl.split('/').at(-1) ?? '', '--data-dir', hubDir]);
    hub = await startHub(hubDir, port);
    expect(await (await fetch(pageUrl)).text()).toMatch(/Revoked by Acme Corp on \d{4}-\d{2}-\d{2}\./);
    await syncUntil(async () =>
      expect(panel).toContainText(/Revoked by Acme Corp (just now|\d+ min ago)\./, { timeout: 1_000 }),
    );
    await screenshot(page, 'certificate-company-badge-revoked');
  } finally {
    await stopHub(hub);
    rmSync(hubDir, { recursive: true, force: true });
  }
});
