import { describe, expect, it } from 'vitest';
import { activityDefinitions, mergeDefinition } from './activities';

describe('canonical activity definitions', () => {
  it('finds the definitions of the object, the context activities and a SubStatement', () => {
    const statement = {
      actor: { mbox: 'mailto:a@b.c' },
      verb: { id: 'https://v' },
      object: {
        objectType: 'SubStatement',
        actor: { mbox: 'mailto:a@b.c' },
        verb: { id: 'https://v' },
        object: { id: 'https://inner', definition: { name: { en: 'Inner' } } },
        context: {
          contextActivities: { parent: { id: 'https://inner-parent', definition: { type: 'https://t' } } },
        },
      },
      context: {
        contextActivities: {
          parent: [{ id: 'https://course', definition: { name: { en: 'Course' } } }],
          grouping: [{ id: 'https://no-definition' }],
        },
      },
    };
    expect(activityDefinitions(statement).map(([id]) => id)).toEqual([
      'https://course',
      'https://inner',
      'https://inner-parent',
    ]);
  });

  it('merges language maps entry by entry; a trusted source replaces values, a device only fills gaps', () => {
    const known = { name: { en: 'Basics', fr: 'Bases' }, type: 'https://course' };
    const incoming = {
      name: { en: 'Basics 2', de: 'Grundlagen' },
      type: 'https://module',
      moreInfo: 'https://m',
    };
    expect(mergeDefinition(known, incoming, true)).toEqual({
      name: { en: 'Basics 2', fr: 'Bases', de: 'Grundlagen' },
      type: 'https://module',
      moreInfo: 'https://m',
    });
    expect(mergeDefinition(known, incoming, false)).toEqual({
      name: { en: 'Basics', fr: 'Bases', de: 'Grundlagen' },
      type: 'https://course',
      moreInfo: 'https://m',
    });
  });
});
