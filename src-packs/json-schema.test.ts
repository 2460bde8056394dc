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

  it('describes each kind of item file’s front matter, an exercise’s completion rules with their defaults', () => {
    const schema = JSON.parse(packManifestJsonSchema()) as {
      $defs: Record<string, { properties: Record<string, { properties?: Record<string, unknown> }> }>;
    };
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(['lessonFrontMatter', 'quizFrontMatter', 'exerciseFrontMatter']),
    );
    const completion = schema.$defs['exerciseFrontMatter']?.properties['completion']?.properties;
    expect(completion?.['ownWords']).toMatchObject({ default: 0.5, maximum: 0.95 });
    expect(completion?.['mustFindings']).toMatchObject({ enum: ['acknowledged', 'resolved'] });
  });
});
