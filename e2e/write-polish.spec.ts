import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testPackWithGuidelines, writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

async function newDraft(page: Page, channel: string): Promise<void> {
  await openScreen(page, 'Write');
  await page.getByRole('combobox', { name: 'For', exact: true }).selectOption({ label: channel });
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page).toHaveURL(/#\/write\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('textbox', { name: 'Title' })).toBeVisible();
}

/** Selects the last `count` characters of the editor's text, as a person would with Shift+Left. */
async function selectLast(page: Page, count: number): Promise<void> {
  const text = page.getByLabel('Text (Markdown)');
  await text.click();
  await page.keyboard.press('ControlOrMeta+End');
  for (let i = 0; i < count; i += 1) await page.keyboard.press('Shift+ArrowLeft');
}

test('a template’s [placeholders] look like gaps to fill, not links', async ({ page, host }) => {
  await page.goto(host.url);
  await openScreen(page, 'Write');
  await page.getByLabel('From a template').selectOption({ label: 'Write a thread for X (X thread)' });
  await page.getByRole('button', { name: 'New draft' }).click();
  const placeholders = page.locator('.cm-template-placeholder');
  await expect(placeholders.first()).toContainText('[The hook: the whole story in one post.');
  expect(await placeholders.count()).toBeGreaterThan(3);
  await page
    .getByLabel('Text (Markdown)')
    .screenshot({ path: 'test-results/screens/write-polish-placeholders-editor.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page
    .getByLabel('Text (Markdown)')
    .screenshot({ path: 'test-results/screens/write-polish-placeholders-editor-dark.png' });
  await expectAccessible(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(placeholders.first()).toHaveAttribute('title', 'Placeholder: replace it with your own words');
  // No underline on the placeholder or on anything the Markdown highlighter put inside it.
  const underlined = await placeholders
    .first()
    .evaluate((element) =>
      [element, ...Array.from(element.querySelectorAll('*'))].some((node) =>
        getComputedStyle(node).textDecorationLine.includes('underline'),
      ),
    );
  expect(underlined).toBe(false);
  await expect(placeholders.first()).toHaveCSS('outline-style', 'dashed');
  // A real link is not a placeholder, and a placeholder filled in is no longer marked.
  await page.getByLabel('Text (Markdown)').fill('See [the graphs](https://example.com/g) and [your name].');
  await expect(placeholders).toHaveText(['[your name]']);
  // CodeMirror joins changes less than 500 ms apart into one undo step: without the pause, the undo below could
  // go back past this text to the template (seen once in a full run).
  await page.waitForTimeout(600);
  await page.getByLabel('Text (Markdown)').fill('See [the graphs](https://example.com/g) and Ada.');
  await expect(placeholders).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(placeholders).toHaveText(['[your name]']);
  await screenshot(page, 'write-polish-placeholders');
  await expectAccessible(page);
});

test('the formatting toolbar and its shortcuts write the Markdown, one undo each', async ({ page, host }) => {
  await page.goto(host.url);
  await newDraft(page, 'Industry blog post');
  const text = page.getByLabel('Text (Markdown)');
  const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
  await expect(toolbar.getByRole('button')).toHaveCount(6);
  const boldButton = toolbar.getByRole('button', { name: 'Bold' });
  await expect(boldButton).toHaveAttribute('aria-keyshortcuts', 'Control+B');
  await expect(boldButton).toHaveAttribute('title', 'Bold (Ctrl+B)');

  await text.fill('It was DNS');
  await selectLast(page, 3);
  await boldButton.click();
  await expect(text).toHaveText('It was **DNS**');
  // The selection stays on the word, so the next command formats it too.
  await page.keyboard.press('Control+i');
  await expect(text).toHaveText('It was **_DNS_**');
  await page.keyboard.press('Control+z');
  await expect(text).toHaveText('It was **DNS**');
  await page.keyboard.press('Control+b');
  await expect(text).toHaveText('It was DNS');

  await selectLast(page, 3);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('https://example.com/dns');
  await expect(text).toHaveText('It was [DNS](https://example.com/dns)');

  await toolbar.getByRole('button', { name: 'Heading' }).click();
  await expect(text).toHaveText('## It was [DNS](https://example.com/dns)');
  await page.keyboard.press('Control+Alt+2');
  await page.keyboard.press('Control+Shift+8');
  await expect(text).toHaveText('- It was [DNS](https://example.com/dns)');
  await toolbar.getByRole('button', { name: 'Quote' }).click();
  await expect(text).toHaveText('> - It was [DNS](https://example.com/dns)');
  await expect(page.getByLabel('Preview').locator('blockquote li a')).toHaveText('DNS');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  // One stop in the tab order; the arrow keys move along the toolbar (WAI-ARIA toolbar pattern).
  await page.getByRole('textbox', { name: 'Title' }).focus();
  await page.keyboard.press('Tab');
  await expect(boldButton).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Italic' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: 'Quote' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  await screenshot(page, 'write-polish-toolbar');
  await expectAccessible(page);
});

test('guideline findings sit beside the text on a wide window, below it on a narrow one', async ({
  page,
  host,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-polish-'));
  writeTestPack(join(dir, 'pack'), testPackWithGuidelines);
  const zip = join(dir, 'company-pack.zip');
  await buildPackZip(join(dir, 'pack'), zip);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(zip);
  await expect(page.getByText(/Installed “Test pack”/)).toBeVisible();

  await newDraft(page, 'LinkedIn post');
  const text = page.getByLabel('Text (Markdown)');
  await text.fill('We shipped a fix for the cache stampede last week.\n\n'.repeat(12) + 'Acme did it.');
  const panel = page.getByRole('region', { name: /Guidelines/ });
  await expect(panel.getByText('Say who you work for')).toBeVisible();
  const editorBox = await text.boundingBox();
  const panelBox = await panel.boundingBox();
  expect(editorBox && panelBox).toBeTruthy();
  if (!editorBox || !panelBox) return;
  // Beside: to the right of the text, starting no lower than the text does, and in sight.
  expect(panelBox.x).toBeGreaterThan(editorBox.x + editorBox.width);
  expect(panelBox.y).toBeLessThanOrEqual(editorBox.y + 10);
  await expect(panel.getByRole('checkbox', { name: /I have read this/ })).toBeInViewport();
  await screenshot(page, 'write-polish-findings-beside');
  await expectAccessible(page);

  // Showing a finding selects its words in the text: typing replaces them.
  await text.press('ControlOrMeta+Home');
  await panel.getByRole('button', { name: /“Acme”.*show in the text/ }).click();
  await expect(text).toBeFocused();
  await page.keyboard.type('Our team');
  await expect(text).toContainText('Our team did it.');
  await expect(panel).toContainText(/Nothing to check/);

  await page.setViewportSize({ width: 900, height: 900 });
  await text.fill('Acme shipped a fix.');
  await expect(panel.getByText('Say who you work for')).toBeVisible();
  const narrowEditor = await text.boundingBox();
  const narrowPanel = await panel.boundingBox();
  if (!narrowEditor || !narrowPanel) throw new Error('The editor or the findings are not shown.');
  expect(narrowPanel.y).toBeGreaterThan(narrowEditor.y + narrowEditor.height);
  // Far below the fold, a finding still brings its words into view.
  await page.mouse.wheel(0, 2000);
  await panel.getByRole('button', { name: /“Acme”.*show in the text/ }).click();
  await expect(text).toBeInViewport();
  await expect(text).toBeFocused();
  await screenshot(page, 'write-polish-findings-below');
});

test('the channel chosen under "For" is the draft’s, whatever the template was written for', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await openScreen(page, 'Write');
  const channel = page.getByRole('combobox', { name: 'For', exact: true });
  const template = page.getByLabel('From a template');
  const startPanel = page.getByRole('region', { name: 'Start a draft' });

  // Before choosing a channel, a template suggests its own, in plain sight and still changeable.
  await template.selectOption({ label: 'Write a thread for X (X thread)' });
  await expect(channel).toHaveValue('x');
  await expect(channel).toBeEnabled();
  await template.selectOption({ label: 'A blank page' });

  // Chosen first, the channel stays; the note says what the draft will be, before it is made.
  await channel.selectOption({ label: 'Industry blog post' });
  await template.selectOption({ label: 'Write a thread for X (X thread)' });
  await expect(channel).toHaveValue('blog');
  await expect(startPanel.getByRole('status')).toContainText(
    '“Write a thread for X” was written for an X thread; your draft will be an Industry blog post',
  );
  await screenshot(page, 'write-polish-template-channel');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page.getByText(/^Industry blog post · \d+ words/)).toBeVisible();
  await expect(page.getByLabel('Text (Markdown)')).toContainText('[The hook:');
  await expect(page.getByRole('list', { name: 'Posts in the thread' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Channel' })).toHaveValue('blog');

  // Or the person takes the template's channel after all, with one click.
  await openScreen(page, 'Write');
  await channel.selectOption({ label: 'Industry blog post' });
  await template.selectOption({ label: 'Write a thread for X (X thread)' });
  await startPanel.getByRole('button', { name: 'Make it an X thread instead' }).click();
  await expect(channel).toHaveValue('x');
  await expect(startPanel.getByRole('status')).toHaveText('');
  await page.getByRole('button', { name: 'New draft' }).click();
  await expect(page.getByRole('list', { name: 'Posts in the thread' })).toBeVisible();
});
