import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A small valid pack, written file by file so each test can break exactly one thing. */
/** A real 1×1 PNG, so the lesson's image renders. */
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export const testPackFiles: Record<string, string | Buffer> = {
  'pack.yaml': `id: test-pack
version: 1.2.0
title: Test pack
summary: A small pack for tests.
authors:
  - name: Test Trainer
language: en
courses:
  - id: basics
    title: Basics
    passMark: 0.75
    modules:
      - id: first
        title: First module
        items:
          - id: hello
            kind: lesson
            file: first/hello.md
            minutes: 3
          - id: check
            kind: quiz
            file: first/check.md
          - id: write-it
            kind: exercise
            file: first/write-it.md
          - id: think
            kind: reflection
            file: first/think.md
`,
  'first/hello.md': `---
title: Hello
---
Welcome. See [the check](check.md) and this picture:

![A diagram](../assets/diagram.png)
`,
  'first/check.md': `---
title: Check
questions:
  - id: one
    type: single
    prompt: Pick one
    choices:
      - text: Right
        correct: true
      - text: Wrong
    explanation: Because.
  - id: two
    type: truefalse
    prompt: True?
    answer: true
    explanation: Yes.
---
A short check.
`,
  'first/write-it.md': `---
title: Write it
channel: blog
template: |
  ## Situation
---
Write a post.
`,
  'first/think.md': `---
title: Think
---
What did you learn?
`,
  'assets/diagram.png': onePixelPng,
};

/** A guideline set for the test pack, named in its manifest by {@link testPackWithGuidelines}. */
export const testGuidelinesYaml = `id: test-guidelines
title: Test guidelines
rules:
  - id: disclose
    title: Say who you work for
    explanation: Readers deserve to know.
    howToFollow: Add "I work at Acme".
    lesson: hello
    severity: must
    check:
      kind: disclosure
      employer: [Acme]
      disclosurePhrases: [I work at]
`;

/** The test pack's files with `guidelines: guidelines.yaml` in the manifest and that file present. */
export const testPackWithGuidelines: Record<string, string | Buffer> = {
  ...testPackFiles,
  'pack.yaml': `${String(testPackFiles['pack.yaml'])}guidelines: guidelines.yaml\n`,
  'guidelines.yaml': testGuidelinesYaml,
};

export function writeTestPack(folder: string, overrides: Record<string, string | Buffer | null> = {}): void {
  const files = { ...testPackFiles, ...overrides };
  for (const [path, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}
