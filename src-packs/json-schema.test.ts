import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packManifestJsonSchema } from './json-schema';

describe('docs/pack.schema.json', () => {
  it('matches the zod schema the app validates with (regenerate: npm run pack -- schema)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'pack.schema.json'), 'utf8');
    expect(committed).toBe(packManifestJsonSchema());
  });

  it('describes the fields a trainer fills in', () => {
    const schema = JSON.parse(packManifestJsonSchema()) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'courses']));
    expect(Object.keys(schema.properties)).toContain('authors');
  });
});
