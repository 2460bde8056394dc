import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  achievementCredentialSchema,
  buildAchievementCredential,
} from './open-badges';
import type { AchievementCredential, CertificateInput } from './open-badges';
import { courseBadgeImage } from './badge-image';
import { obSchemaErrors } from './testing/independent-checks';

const COURSE_IRI = 'https://advocate.studio/xapi/activities/packs/advocate-foundations/courses/foundations';

const sampleInput: CertificateInput = {
  certificateId: '5F8C2A1E-1111-4222-8333-944455556666',
  issuer: { id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2', name: 'Acme Advocacy' },
  learner: { id: '0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada Lovelace' },
  course: {
    packId: 'advocate-foundations',
    courseId: 'foundations',
    title: 'Advocate Foundations',
    version: '1.2.0',
    description: 'Why and how employees speak credibly for their company.',
  },
  criteriaNarrative: 'Complete every lesson and pass the final quiz with at least 80%.',
  issuedAt: new Date('2026-11-25T12:00:00.456Z'),
  score: 0.857,
};

describe('buildAchievementCredential', () => {
  it('builds an OpenBadgeCredential with the course as achievement and the score as a result', () => {
    const credential = buildAchievementCredential(sampleInput);
    expect(credential).toEqual({
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: 'urn:uuid:5f8c2a1e-1111-4222-8333-944455556666',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Advocate Foundations',
      issuer: {
        id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
        type: ['Profile'],
        name: 'Acme Advocacy',
      },
      validFrom: '2026-11-25T12:00:00Z',
      credentialSubject: {
        id: 'urn:uuid:0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e',
        type: ['AchievementSubject'],
        identifier: [
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Ada Lovelace' },
        ],
        achievement: {
          id: COURSE_IRI,
          type: ['Achievement'],
          achievementType: 'Certificate',
          name: 'Advocate Foundations',
          description: 'Why and how employees speak credibly for their company.',
          criteria: { narrative: 'Complete every lesson and pass the final quiz with at least 80%.' },
          image: {
            id: courseBadgeImage('Advocate Foundations'),
            type: 'Image',
            caption: 'Badge of Advocate Foundations',
          },
          version: '1.2.0',
          resultDescription: [
            {
              id: `${COURSE_IRI}#score`,
              type: ['ResultDescription'],
              name: 'Final score',
              resultType: 'Percent',
              valueMin: '0',
              valueMax: '100',
            },
          ],
        },
        result: [{ type: ['Result'], resultDescription: `${COURSE_IRI}#score`, value: '85.7' }],
      },
    });
  });

  it('passes 1EdTech’s OB 3.0 AchievementCredential JSON Schema, with and without a score, once signed', () => {
    const proof = [
      {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-jcs-2022',
        created: '2026-11-25T12:00:00Z',
        verificationMethod: `${sampleInput.issuer.id}#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2`,
        proofPurpose: 'assertionMethod',
        proofValue: 'z3FXQ',
      },
    ];
    expect(obSchemaErrors({ ...buildAchievementCredential(sampleInput), proof })).toEqual([]);
    expect(
      obSchemaErrors({ ...buildAchievementCredential({ ...sampleInput, score: undefined }), proof }),
    ).toEqual([]);
    // The schema can fail: a single proof object, as credentials were signed before, is refused.
    expect(obSchemaErrors({ ...buildAchievementCredential(sampleInput), proof: proof[0] })).toContain(
      '/proof: must be array',
    );
  });

  it('carries a company issuer’s site and logo, a pack’s own picture and a status entry when given', () => {
    const credential = buildAchievementCredential({
      ...sampleInput,
      issuer: {
        id: 'did:web:hub.acme.example',
        name: 'Acme',
        url: 'https://acme.example/',
        image: 'https://acme.example/logo.png',
      },
      image: 'https://acme.example/badges/foundations.png',
      credentialStatus: {
        id: 'https://hub.acme.example/credentials/status/1#7',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '7',
        statusListCredential: 'https://hub.acme.example/credentials/status/1',
      },
    });
    expect(credential.issuer).toEqual({
      id: 'did:web:hub.acme.example',
      type: ['Profile'],
      name: 'Acme',
      url: 'https://acme.example/',
      image: { id: 'https://acme.example/logo.png', type: 'Image', caption: 'Acme logo' },
    });
    expect(credential.credentialSubject.achievement.image.id).toBe(
      'https://acme.example/badges/foundations.png',
    );
    expect(credential.credentialStatus?.statusListIndex).toBe('7');
    expect(obSchemaErrors(credential)).toEqual([]);
  });

  it('leaves out the result and its description when there is no score', () => {
    const credential = buildAchievementCredential({ ...sampleInput, score: undefined });
    expect(credential.credentialSubject.result).toBeUndefined();
    expect(credential.credentialSubject.achievement.resultDescription).toBeUndefined();
    expect(achievementCredentialSchema.safeParse(credential).success).toBe(true);
  });

  it.each([
    [0, '0'],
    [1, '100'],
    [0.1, '10'],
    [0.12345, '12.35'],
    [0.29, '29'],
  ])('writes score %s as the percentage %s', (score, value) => {
    const credential = buildAchievementCredential({ ...sampleInput, score });
    expect(credential.credentialSubject.result?.[0]?.value).toBe(value);
  });

  it('keeps a learner id that is already a URI', () => {
    const credential = buildAchievementCredential({
      ...sampleInput,
      learner: { id: 'did:example:ada', name: 'Ada' },
    });
    expect(credential.credentialSubject.id).toBe('did:example:ada');
  });

  it('encodes pack and course ids in the achievement IRI as xAPI does', () => {
    const credential = buildAchievementCredential({
      ...sampleInput,
      course: { ...sampleInput.course, packId: 'a b', courseId: 'c?d' },
    });
    expect(credential.credentialSubject.achievement.id).toBe(
      'https://advocate.studio/xapi/activities/packs/a%20b/courses/c%3Fd',
    );
  });

  it.each([
    ['a certificate id that is not a UUID', { certificateId: 'cert-1' }],
    ['a score above 1', { score: 1.01 }],
    ['a negative score', { score: -0.1 }],
    ['a NaN score', { score: Number.NaN }],
    ['an invalid date', { issuedAt: new Date('nope') }],
    ['an empty learner name', { learner: { id: 'urn:uuid:x', name: '  ' } }],
    ['an issuer id that is not a URI', { issuer: { id: 'acme', name: 'Acme' } }],
    ['an empty criteria narrative', { criteriaNarrative: '' }],
  ])('rejects %s', (_label, change) => {
    expect(() => buildAchievementCredential({ ...sampleInput, ...change })).toThrow();
  });

  it('rejects a learner id that is neither a URI nor a UUID', () => {
    expect(() => buildAchievementCredential({ ...sampleInput, learner: { id: 'ada', name: 'Ada' } })).toThrow(
      /URI or a UUID/,
    );
  });
});

describe('achievementCredentialSchema', () => {
  const built = buildAchievementCredential(sampleInput);

  it('accepts what the builder builds, and its type fits the schema', () => {
    const checked: z.infer<typeof achievementCredentialSchema> = built satisfies AchievementCredential;
    expect(achievementCredentialSchema.parse(checked)).toEqual(built);
  });

  it('keeps unknown properties (the specs are open-world)', () => {
    const extended = { ...built, description: 'extra', awardedDate: '2026-11-25T12:00:00Z' };
    expect(achievementCredentialSchema.parse(extended)).toEqual(extended);
  });

  it.each(['@context', 'id', 'type', 'name', 'issuer', 'validFrom', 'credentialSubject'])(
    'rejects a credential without %s',
    (field) => {
      const { [field]: _removed, ...rest } = built as Record<string, unknown>;
      const result = achievementCredentialSchema.safeParse(rest);
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((issue) => issue.path[0] === field)).toBe(true);
    },
  );

  it.each([
    'credentialSubject.achievement.id',
    'credentialSubject.achievement.type',
    'credentialSubject.achievement.name',
    'credentialSubject.achievement.description',
    'credentialSubject.achievement.criteria',
    'credentialSubject.achievement',
    'credentialSubject.type',
    'credentialSubject.identifier.0.hashed',
    'issuer.id',
    'issuer.type',
  ])('rejects a credential without %s', (dotted) => {
    expect(achievementCredentialSchema.safeParse(without(built, dotted.split('.'))).success).toBe(false);
  });

  it('rejects a subject with neither id nor identifier, but accepts either alone', () => {
    const withoutId = without(built, ['credentialSubject', 'id']);
    expect(achievementCredentialSchema.safeParse(withoutId).success).toBe(true);
    expect(
      achievementCredentialSchema.safeParse(without(built, ['credentialSubject', 'identifier'])).success,
    ).toBe(true);
    expect(
      achievementCredentialSchema.safeParse(without(withoutId, ['credentialSubject', 'identifier'])).success,
    ).toBe(false);
  });

  it('rejects the wrong types, a misplaced base context and a date without time zone', () => {
    expect(achievementCredentialSchema.safeParse({ ...built, type: ['VerifiableCredential'] }).success).toBe(
      false,
    );
    expect(achievementCredentialSchema.safeParse({ ...built, type: ['OpenBadgeCredential'] }).success).toBe(
      false,
    );
    expect(
      achievementCredentialSchema.safeParse({ ...built, '@context': [OB_V3_CONTEXT, VC_V2_CONTEXT] }).success,
    ).toBe(false);
    expect(achievementCredentialSchema.safeParse({ ...built, '@context': [VC_V2_CONTEXT] }).success).toBe(
      false,
    );
    expect(
      achievementCredentialSchema.safeParse({ ...built, validFrom: '2026-11-25T12:00:00' }).success,
    ).toBe(false);
  });

  it('rejects a result whose resultDescription the achievement does not describe', () => {
    const copy = JSON.parse(JSON.stringify(built)) as AchievementCredential;
    copy.credentialSubject.result = [{ type: ['Result'], resultDescription: 'urn:x:other', value: '1' }];
    expect(achievementCredentialSchema.safeParse(copy).success).toBe(false);
  });
});

/** A deep copy of a JSON value with the member at `path` removed. */
function without(value: unknown, path: string[]): unknown {
  const copy: unknown = JSON.parse(JSON.stringify(value));
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  Reflect.deleteProperty(node, path.at(-1) ?? '');
  return copy;
}
