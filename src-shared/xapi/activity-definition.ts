/** The Activity Definition object (xAPI 2.0 Data 2.4.4.1), interaction activities included. */
import {
  array,
  extensions,
  fail,
  iri,
  join,
  languageMap,
  object,
  only,
  required,
  string,
} from './json-rules';

const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];

const COMPONENTS = ['choices', 'scale', 'source', 'target', 'steps'];
const INTERACTION_PROPERTIES = ['correctResponsesPattern', ...COMPONENTS];
const DEFINITION_PROPERTIES = [
  'name',
  'description',
  'type',
  'moreInfo',
  'extensions',
  'interactionType',
  ...INTERACTION_PROPERTIES,
];

export function activityDefinition(value: unknown, path: string): void {
  const d = object(value, path);
  only(d, DEFINITION_PROPERTIES, path);
  if (d['name'] !== undefined) languageMap(d['name'], join(path, 'name'));
  if (d['description'] !== undefined) languageMap(d['description'], join(path, 'description'));
  if (d['type'] !== undefined) iri(d['type'], join(path, 'type'));
  if (d['moreInfo'] !== undefined) iri(d['moreInfo'], join(path, 'moreInfo'));
  if (d['extensions'] !== undefined) extensions(d['extensions'], join(path, 'extensions'));
  if (d['interactionType'] !== undefined && !INTERACTION_TYPES.includes(d['interactionType'] as string)) {
    fail(join(path, 'interactionType'), `must be one of ${INTERACTION_TYPES.join(', ')}`);
  }
  // Data 2.4.4.1: the interaction properties describe an interaction, so they need its interactionType.
  for (const name of INTERACTION_PROPERTIES) {
    if (d[name] !== undefined && d['interactionType'] === undefined)
      fail(join(path, name), 'is only allowed with an interactionType');
  }
  if (d['correctResponsesPattern'] !== undefined) {
    array(d['correctResponsesPattern'], join(path, 'correctResponsesPattern')).forEach((p, i) =>
      string(p, `${join(path, 'correctResponsesPattern')}[${i}]`),
    );
  }
  for (const name of COMPONENTS) {
    if (d[name] === undefined) continue;
    array(d[name], join(path, name)).forEach((component, i) => {
      const at = `${join(path, name)}[${i}]`;
      const c = object(component, at);
      only(c, ['id', 'description'], at);
      string(required(c, 'id', at), join(at, 'id'));
      if (c['description'] !== undefined) languageMap(c['description'], join(at, 'description'));
    });
  }
}
