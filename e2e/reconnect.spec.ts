import { test, expect, screenshot, expectAccessible, openScreen, startHost, stopHost } from './fixtures';
import { freePort } from './hub-process';

test('the host restarts with a new key: the tab takes the new address without a reload and keeps what was typed meanwhile', async ({
  page,
  dataDir,
}) => {
  const port = await freePort();
  const first = await startHost(dataDir, { port });
  await page.goto(first.url);
  await openScreen(page, 'Write');
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page).toHaveURL(/#\/write\/[0-9a-f-]{36}$/);
  const draftHash = new URL(page.url()).hash;
  const text = page.getByLabel('Text (Markdown)');
  await text.fill('Written before the restart.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));
  await text.press('End');
  await text.pressSequentially(' Typed while it was down.');
  await expect(page.getByText('Not saved', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Advocate Studio isn’t answering');

  const second = await startHost(dataDir, { port });
  try {
    expect(second.origin).toBe(first.origin);
    // Any call with the old key is refused: the tab asks for the new address.
    await openScreen(page, 'Profile');
    await expect(
      page.getByRole('heading', { level: 1, name: 'This page needs its access key' }),
    ).toBeVisible();
    await screenshot(page, 'reconnect-needs-key');
    await expectAccessible(page);
    await page.goto(`${second.origin}/${draftHash}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'This page needs its access key' }),
    ).toBeVisible();

    // Pasting the new address changes only what follows "#": no reload, and the page carries on.
    await page.evaluate(() => ((window as unknown as { beforeReconnect: boolean }).beforeReconnect = true));
    await page.goto(second.url);
    await expect(page).toHaveURL(`${second.origin}/${draftHash}`);
    await expect(text).toHaveText('Written before the restart. Typed while it was down.');
    await expect(
      page.getByText(/Your typing from while Advocate Studio was away is back, and saved/),
    ).toBeVisible();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { beforeReconnect?: boolean }).beforeReconnect),
    ).toBe(true);
    await screenshot(page, 'reconnect-text-kept');
    await expectAccessible(page);

    await page.reload();
    await expect(text).toHaveText('Written before the restart. Typed while it was down.');
    await expect(page.getByText(/Your typing from while/)).toHaveCount(0);
  } finally {
    await stopHost(second);
  }
});
