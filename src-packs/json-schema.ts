import { z } from 'zod';
import { frontMatterByKind } from '../src-shared/packs/items';
import { PackManifest } from '../src-shared/packs/manifest';

const options = { io: 'input', unrepresentable: 'any' } as const;

/**
 * pack.yaml's schema as JSON Schema, for editors' autocompletion (docs/pack.schema.json), with the front
 * matter of each kind of item file under `$defs` (`exerciseFrontMatter` holds an exercise's completion rules).
 */
export function packManifestJsonSchema(): string {
  const schema = z.toJSONSchema(PackManifest, options);
  const itemFrontMatter = Object.fromEntries(
    Object.entries(frontMatterByKind).map(([kind, frontMatter]) => {
      const { $schema: _dialect, ...definition } = z.toJSONSchema(frontMatter, options);
      return [`${kind}FrontMatter`, definition];
    }),
  );
  const document = {
    ...schema,
    title: 'Advocate Studio course pack manifest (pack.yaml)',
    $defs: { ...schema.$defs, ...itemFrontMatter },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
