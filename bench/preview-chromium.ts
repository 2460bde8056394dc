// The preview in Chromium, the engine the renderer runs in: renderMarkdown bundled by Vite as the app
// bundles it and timed in a headless page beside marked.parse there, on the same texts as the jsdom
// figures. Skipped (with a note) where no Chromium is installed; CHROMIUM_PATH says where it is, as
// for the end-to-end tests.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, type Rollup } from 'vite';

const entry = `
import { Marked } from 'marked';
import { renderMarkdown } from ${JSON.stringify(join(import.meta.dirname, '..', 'src-renderer', 'src', 'lib', 'markdown.ts'))};
const marked = new Marked({ gfm: true, breaks: false });
function time(work) {
  const start = performance.now();
  work();
  return performance.now() - start;
}
/** Each text rendered by both, alternately; the first five warm up. */
window.benchPreview = (texts) => {
  const ours = [];
  const floor = [];
  texts.forEach((text, i) => {
    const oursMs = time(() => renderMarkdown(text));
    const floorMs = time(() => marked.parse(text, { async: false }));
    if (i >= 5) {
      ours.push(oursMs);
      floor.push(floorMs);
    }
  });
  return { ours, floor };
};
`;

async function bundle(): Promise<string> {
  const virtual = '\0bench-preview-entry';
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'bench-preview-entry',
        resolveId: (id) => (id === 'bench-preview-entry' ? virtual : null),
        load: (id) => (id === virtual ? entry : null),
      },
    ],
    build: {
      write: false,
      minify: false,
      rollupOptions: { input: 'bench-preview-entry', output: { format: 'iife' } },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunk = (Array.isArray(output) ? output[0] : output)?.output.find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('Vite produced no bundle for the preview bench.');
  return chunk.code;
}

/** Milliseconds per text for renderMarkdown and marked.parse in Chromium, or null without Chromium. */
export async function previewInChromium(
  texts: readonly string[],
): Promise<{ ours: number[]; floor: number[] } | null> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.log(`  (no Chromium at ${executablePath}: preview in Chromium skipped; set CHROMIUM_PATH)`);
    return null;
  }
  const code = await bundle();
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
    // A string, so that nothing the bench's compiler adds to functions travels into the page.
    return (await page.evaluate(`window.benchPreview(${JSON.stringify(texts)})`)) as {
      ours: number[];
      floor: number[];
    };
  } finally {
    await browser.close();
  }
}
