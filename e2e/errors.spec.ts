import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';
import { freePort } from './hub-process';

test('a wrong hub address says it is the hub that is not answering, not the app', async ({ page, host }) => {
  const port = await freePort();
  await page.goto(host.url);
  await openScreen(page, 'Sync & Settings');
  const sync = page.getByTestId('sync-section');
  await sync.getByLabel('Hub address').fill(`http://127.0.0.1:${port}`);
  await sync.getByLabel('Enrolment code (from your trainer)').fill('enrol_abcdefghijklmnop');
  await sync.getByLabel('Your work email').fill('ada@example.com');
  await sync.getByRole('button', { name: 'Connect' }).click();

  const alert = sync.getByRole('alert');
  await expect(alert).toContainText('The company hub isn’t answering');
  await expect(alert).toContainText(`http://127.0.0.1:${port}: nothing answers at that address and port`);
  await expect(page.getByText('Advocate Studio isn’t answering')).toHaveCount(0);
  await screenshot(page, 'errors-hub-not-answering');
  await expectAccessible(page);
});
