import { z } from 'zod';
import { PackManifest } from '../src-shared/packs/manifest';

/** pack.yaml's schema as JSON Schema, for editors' autocompletion (docs/pack.schema.json). */
export function packManifestJsonSchema(): string {
  const schema = z.toJSONSchema(PackManifest, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Advocate Studio course pack manifest (pack.yaml)' }, null, 2)}\n`;
}
