import type { Page } from '@playwright/test';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

async function newDraft(page: Page, title: string, body: string): Promise<void> {
  await openScreen(page, 'Write');
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page).toHaveURL(/#\/write\/[0-9a-f-]{36}$/);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text (Markdown)').fill(body);
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
}

test('a writer trashes a draft, undoes it, and restores it from the trash, where it opens read-only', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await newDraft(page, 'Quokka facts', 'Quokkas smile.');
  const draftAddress = page.url();

  await page.getByRole('button', { name: 'Move to the trash' }).click();
  const undoNotice = page.getByRole('status').filter({ hasText: 'is in the trash' });
  await expect(undoNotice).toContainText('“Quokka facts” is in the trash.');
  await expect(page.getByRole('list', { name: 'Drafts' })).toHaveCount(0);
  await screenshot(page, 'trash-undo-offered');
  await expectAccessible(page);

  await undoNotice.getByRole('button', { name: 'Undo' }).click();
  await expect(page).toHaveURL(draftAddress);
  await expect(page.getByLabel('Text (Markdown)')).toHaveText('Quokkas smile.');
  await expect(page.getByRole('button', { name: 'Move to the trash' })).toBeVisible();

  await page.getByRole('button', { name: 'Move to the trash' }).click();
  await undoNotice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(undoNotice).toHaveCount(0);
  await page.getByLabel('Show the trash').check();
  await page.getByRole('link', { name: 'Quokka facts' }).click();

  const inTrash = page.getByRole('status').filter({ hasText: 'This draft is in the trash' });
  await expect(inTrash).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move to the trash' })).toHaveCount(0);
  await expect(page.getByLabel('Title')).not.toBeEditable();
  await expect(page.getByRole('combobox', { name: 'Status' })).toBeDisabled();
  const text = page.getByLabel('Text (Markdown)');
  await expect(text).toHaveAttribute('aria-readonly', 'true');
  await expect(text).not.toBeEditable();
  await text.click();
  await page.keyboard.type('Typed into the trash. ');
  await expect(text).toHaveText('Quokkas smile.');
  await screenshot(page, 'trash-draft-read-only');
  await expectAccessible(page);

  await inTrash.getByRole('button', { name: 'Restore' }).click();
  await expect(inTrash).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Move to the trash' })).toBeVisible();
  await text.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Always.');
  await expect(text).toHaveText('Quokkas smile. Always.');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Text (Markdown)')).toHaveText('Quokkas smile. Always.');
  await page.getByRole('link', { name: 'All drafts' }).click();
  await expect(page.getByRole('link', { name: 'Quokka facts' })).toBeVisible();
});

test('restoring from the trash list, and emptying the trash asks first, naming how many go for ever', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  for (const title of ['First to go', 'Second to go', 'Kept after all']) {
    await newDraft(page, title, `About ${title}.`);
    await page.getByRole('button', { name: 'Move to the trash' }).click();
    await expect(page.getByRole('heading', { name: 'Start a draft' })).toBeVisible();
  }
  await page.getByLabel('Show the trash').check();
  const list = page.getByRole('list', { name: 'Drafts' });
  await expect(list.getByRole('heading')).toHaveCount(3);

  await list.getByRole('button', { name: 'Restore “Kept after all”' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is back in your drafts' })).toHaveText(
    '“Kept after all” is back in your drafts.',
  );
  await expect(list.getByRole('heading')).toHaveCount(2);
  // Restored, the last draft trashed has nothing left to undo.
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Empty the trash' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 drafts for ever?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This can’t be undone.');
  await expect(dialog.getByRole('button', { name: 'Keep them in the trash' })).toBeFocused();
  await screenshot(page, 'trash-empty-confirm');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(list.getByRole('heading')).toHaveCount(2);

  await page.getByRole('button', { name: 'Empty the trash' }).click();
  await page.getByRole('button', { name: 'Delete 2 drafts for ever' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'for ever' })).toHaveText(
    '2 drafts deleted for ever.',
  );
  await page.getByLabel('Show the trash').uncheck();
  await expect(page.getByRole('list', { name: 'Drafts' }).getByRole('heading')).toHaveText([
    'Kept after all',
  ]);
  await screenshot(page, 'trash-emptied');
});
