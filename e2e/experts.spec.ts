import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';
import { freePort, runHubCli, startHub } from './hub-process';

// A person's contact in the company's expert list, from their own profile, through a real sync to a real hub:
// shown only when they made it company-visible, and a private one never leaves the device.

async function syncNow(page: Page): Promise<void> {
  await openScreen(page, 'Sync & Settings');
  const sync = page.getByTestId('sync-section');
  await sync.getByRole('button', { name: 'Sync now' }).click();
  await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 30_000 });
}

test('an expert shares a contact email with the company, and the trainer can write to them; a private one never reaches the hub', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(240_000);
  const hubDir = mkdtempSync(join(tmpdir(), 'advocate-e2e-experts-'));
  const trainer = await runHubCli<{ key: string; secret: string }>([
    'credentials',
    'create',
    '--name',
    'Tom Trainer',
    '--role',
    'trainer',
    '--data-dir',
    hubDir,
  ]);
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
  const directory = async () =>
    (await fetch(`${hub.url}/profiles`, { headers: { authorization: trainerAuth } })).text();
  try {
    // Ada's profile: her name for the company, her contact email kept to herself for now.
    await page.goto(host.url);
    await openScreen(page, 'Profile');
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Who sees your name').selectOption({ label: 'My company' });
    await page.getByLabel('Topics you will speak or write about').fill('Tracing');
    await page.getByLabel('Who sees your topics').selectOption({ label: 'My company' });
    await page.getByLabel('Contact email', { exact: true }).fill('ada.lovelace@example.com');
    await expect(page.getByLabel('Who sees your contact email')).toHaveValue('me');
    await page.getByLabel('Personal site', { exact: true }).fill('https://ada.example.com');
    await page.getByLabel('Who sees your Personal site link').selectOption({ label: 'My company' });
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved');

    await openScreen(page, 'Sync & Settings');
    const sync = page.getByTestId('sync-section');
    await sync.getByLabel('Paste an invitation (optional)').fill(invitationText);
    await sync.getByRole('button', { name: 'Connect' }).click();
    await expect(sync.getByTestId('sync-headline')).toHaveText('Up to date.', { timeout: 30_000 });
    await expect.poll(directory).toContain('Ada Lovelace');
    expect(await directory()).not.toContain('ada.lovelace@example.com');

    // The trainer sees Ada in the expert list, with her site but no email.
    const trainerContext = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const dashboard = await trainerContext.newPage();
    await dashboard.goto(`${hub.url}/dashboard`);
    await dashboard.getByLabel('Trainer key').fill(trainer.key);
    await dashboard.getByLabel('Secret').fill(trainer.secret);
    await dashboard.getByRole('button', { name: 'Sign in' }).click();
    await dashboard
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Experts' })
      .click();
    const ada = dashboard.getByRole('table', { name: 'Experts' }).getByRole('row', { name: /Ada Lovelace/ });
    await expect(ada.getByRole('link', { name: 'Personal site' })).toHaveAttribute(
      'href',
      'https://ada.example.com',
    );
    await expect(ada).not.toContainText('ada.lovelace@example.com');

    // Ada makes her email company-visible: after the next sync the trainer can write to her.
    await openScreen(page, 'Profile');
    await page.getByLabel('Who sees your contact email').selectOption({ label: 'My company' });
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved');
    await screenshot(page, 'profile-contact-email');
    await expectAccessible(page);
    await syncNow(page);
    await expect.poll(directory).toContain('ada.lovelace@example.com');
    await dashboard.reload();
    await dashboard
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Experts' })
      .click();
    await expect(ada.getByRole('link', { name: 'ada.lovelace@example.com' })).toHaveAttribute(
      'href',
      'mailto:ada.lovelace@example.com',
    );
    await screenshot(dashboard, 'hub-dashboard-experts-contact');
    await expectAccessible(dashboard);

    // And back to "Only me": the hub's copy loses it at the next sync.
    await openScreen(page, 'Profile');
    await page.getByLabel('Who sees your contact email').selectOption({ label: 'Only me' });
    await expect(page.getByRole('status').filter({ hasText: /^Saved/ })).toHaveText('Saved');
    await syncNow(page);
    await expect.poll(directory).not.toContain('ada.lovelace@example.com');
    await dashboard.reload();
    await dashboard
      .getByRole('navigation', { name: 'Dashboard' })
      .getByRole('link', { name: 'Experts' })
      .click();
    await expect(ada).toBeVisible();
    await expect(ada).not.toContainText('ada.lovelace@example.com');
    await trainerContext.close();
  } finally {
    hub.child.kill('SIGTERM');
    await new Promise((resolve) => hub.child.once('exit', resolve));
    rmSync(hubDir, { recursive: true, force: true });
  }
});
