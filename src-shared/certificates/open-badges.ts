/**
 * Course certificates as Open Badges 3.0 credentials (1EdTech, https://www.imsglobal.org/spec/ob/v3p0/):
 * a W3C Verifiable Credential 2.0 of type OpenBadgeCredential whose subject holds the Achievement
 * (the course). Pure: the caller supplies ids, names and the time; signing is src-main's.
 * Section references are to the OB 3.0 data model (appendix B.1, anchored by class name) and to
 * VC Data Model 2.0.
 */
import { z } from 'zod';
import { activityIri } from '../xapi/statements';
import { courseBadgeImage } from './badge-image';
import { isDateTimeStamp, toDateTimeStamp } from './data-integrity';
import type { DataIntegrityProof } from './data-integrity';

// VCDM 2.0 §4.3: the first @context MUST be the base context; OB 3.0 §B.1 #achievementcredential
// adds its own (3.0.3 is the context for VCDM 2.0 credentials).
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export type Profile = {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  image?: Image;
};

/** OB 3.0 #image: the URI (or data: URI) of a picture, with words for those who can't see it. */
export type Image = {
  id: string;
  type: 'Image';
  caption?: string;
};

/** VCDM 2.0 §4.10 and Bitstring Status List v1.0 §2.1: where to look up whether it was revoked. */
export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
};

/** OB 3.0 #identityobject: names the recipient; `identityHash` holds the plain value when not hashed. */
export type IdentityObject = {
  type: 'IdentityObject';
  identityType: 'name';
  hashed: false;
  identityHash: string;
};

/** OB 3.0 #resultdescription: what kind of result the achievement reports. */
export type ResultDescription = {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Percent';
  valueMin: string;
  valueMax: string;
};

/** OB 3.0 #result: what this learner achieved, linked to its ResultDescription. */
export type Result = {
  type: ['Result'];
  resultDescription: string;
  value: string;
};

export type Achievement = {
  id: string;
  type: ['Achievement'];
  achievementType: 'Certificate';
  name: string;
  description: string;
  criteria: { narrative: string };
  image: Image;
  version: string;
  resultDescription?: ResultDescription[];
};

export type AchievementSubject = {
  id: string;
  type: ['AchievementSubject'];
  identifier: IdentityObject[];
  achievement: Achievement;
  result?: Result[];
};

export type AchievementCredential = {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: Profile;
  validFrom: string;
  credentialSubject: AchievementSubject;
  credentialStatus?: BitstringStatusListEntry;
  proof?: [DataIntegrityProof];
};

const nonEmpty = z.string().trim().min(1);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 3986 §3.1: a URI starts with a scheme and a colon; OB 3.0 types `id`s as URI.
const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const uri = z.string().regex(URI, 'must be a URI');

export const certificateInputSchema = z.object({
  /** The certificate's UUID; the credential id is `urn:uuid:<it>`. */
  certificateId: z.string().regex(UUID, 'must be a UUID'),
  /** The issuer's DID (did:key on a device, did:web on a hub) and display name; a company adds its site and logo. */
  issuer: z.object({
    id: uri,
    name: nonEmpty,
    url: z.url({ protocol: /^https?$/ }).optional(),
    image: uri.optional(),
  }),
  /** The learner: a URI (`urn:uuid:…`) or a bare UUID, which becomes `urn:uuid:<it>`. */
  learner: z.object({ id: nonEmpty, name: nonEmpty }),
  course: z.object({
    packId: nonEmpty,
    courseId: nonEmpty,
    title: nonEmpty,
    version: nonEmpty,
    description: nonEmpty,
  }),
  /** What a learner had to do to earn the certificate (Markdown allowed); see courseCriteriaNarrative. */
  criteriaNarrative: nonEmpty,
  /** The badge picture: the pack's, else one drawn from the course title (courseBadgeImage). */
  image: uri.optional(),
  /** Where a hub publishes whether this credential was revoked. */
  credentialStatus: z
    .object({
      id: uri,
      type: z.literal('BitstringStatusListEntry'),
      statusPurpose: z.literal('revocation'),
      statusListIndex: z.string().regex(/^\d+$/),
      statusListCredential: uri,
    })
    .optional(),
  issuedAt: z.date(),
  /** The final score, 0..1, when the course has one. */
  score: z.number().min(0).max(1).optional(),
});
export type CertificateInput = z.input<typeof certificateInputSchema>;

/** Builds the unsigned credential. Throws a ZodError for input that is missing, empty or out of range. */
export function buildAchievementCredential(input: CertificateInput): AchievementCredential {
  const {
    certificateId,
    issuer,
    learner,
    course,
    criteriaNarrative,
    image,
    credentialStatus,
    issuedAt,
    score,
  } = certificateInputSchema.parse(input);
  // The same IRI xAPI statements use for the course, so credentials and learning records line up.
  const achievementId = activityIri({ kind: 'course', packId: course.packId, id: course.courseId });
  const scoreDescriptionId = `${achievementId}#score`;

  const achievement: Achievement = {
    // OB 3.0 #achievement: id, type, criteria, description and name are required.
    id: achievementId,
    type: ['Achievement'],
    achievementType: 'Certificate',
    name: course.title,
    description: course.description,
    criteria: { narrative: criteriaNarrative },
    image: {
      id: image ?? courseBadgeImage(course.title),
      type: 'Image',
      caption: `Badge of ${course.title}`,
    },
    version: course.version,
  };
  const subject: AchievementSubject = {
    // OB 3.0 #achievementsubject: type and achievement are required; either id or identifier MUST be.
    id: learnerUri(learner.id),
    type: ['AchievementSubject'],
    // Plain, not hashed: the name is what the certificate shows, and a salted hash of a guessable
    // name would hide little while keeping displayers from showing it (OB 3.0 #identityobject).
    identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: learner.name }],
    achievement,
  };
  if (score !== undefined) {
    // OB 3.0 #result: a result's resultDescription MUST name a ResultDescription of the achievement.
    achievement.resultDescription = [
      {
        id: scoreDescriptionId,
        type: ['ResultDescription'],
        name: 'Final score',
        resultType: 'Percent',
        valueMin: '0',
        valueMax: '100',
      },
    ];
    subject.result = [{ type: ['Result'], resultDescription: scoreDescriptionId, value: percent(score) }];
  }

  // OB 3.0 #achievementcredential: @context, id, type, issuer, validFrom, name, credentialSubject.
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${certificateId.toLowerCase()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: course.title,
    // OB 3.0 #profile: id and type are required.
    issuer: {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      ...(issuer.url === undefined ? {} : { url: issuer.url }),
      ...(issuer.image === undefined
        ? {}
        : { image: { id: issuer.image, type: 'Image' as const, caption: `${issuer.name} logo` } }),
    },
    validFrom: toDateTimeStamp(issuedAt),
    credentialSubject: subject,
    ...(credentialStatus === undefined ? {} : { credentialStatus }),
  };
}

function learnerUri(id: string): string {
  if (UUID.test(id)) return `urn:uuid:${id.toLowerCase()}`;
  if (URI.test(id)) return id;
  throw new Error('The learner id must be a URI or a UUID');
}

/** 0.857 → "85.7": percent to two decimals, without float noise. */
function percent(score: number): string {
  return String(Math.round(score * 10_000) / 100);
}

// -- Checking ------------------------------------------------------------------------------------------

/** An OB type property: an IRI or a non-empty set of IRIs (OB 3.0 types `type` as [1..*] IRI). */
function typeIncluding(...names: string[]) {
  return z
    .union([z.string(), z.array(z.string()).min(1)])
    .refine(
      (type) => names.some((name) => (typeof type === 'string' ? type === name : type.includes(name))),
      {
        message: `type must include ${names.map((name) => `'${name}'`).join(' or ')}`,
      },
    );
}

const identityObjectSchema = z.strictObject({
  type: z.literal('IdentityObject'),
  hashed: z.boolean(),
  identityHash: z.string().min(1),
  identityType: z.string().min(1),
  salt: z.string().optional(),
});

const resultDescriptionSchema = z.looseObject({
  id: uri,
  type: typeIncluding('ResultDescription'),
  name: z.string().min(1),
  resultType: z.string().min(1),
});

const achievementSchema = z.looseObject({
  id: uri,
  type: typeIncluding('Achievement'),
  name: z.string().min(1),
  description: z.string(),
  criteria: z.looseObject({ id: uri.optional(), narrative: z.string().optional() }),
  achievementType: z.string().optional(),
  resultDescription: z.array(resultDescriptionSchema).optional(),
});

const achievementSubjectSchema = z
  .looseObject({
    id: uri.optional(),
    type: typeIncluding('AchievementSubject'),
    identifier: z.array(identityObjectSchema).optional(),
    achievement: achievementSchema,
    result: z
      .array(z.looseObject({ type: typeIncluding('Result'), resultDescription: uri.optional() }))
      .optional(),
  })
  .refine((subject) => subject.id !== undefined || (subject.identifier?.length ?? 0) > 0, {
    message: 'credentialSubject needs an id or at least one identifier',
  })
  .refine(
    (subject) =>
      (subject.result ?? []).every(
        (result) =>
          result.resultDescription === undefined ||
          (subject.achievement.resultDescription ?? []).some((rd) => rd.id === result.resultDescription),
      ),
    { message: "a result's resultDescription must be one of the achievement's", path: ['result'] },
  );

/**
 * The structure OB 3.0 and VCDM 2.0 require of an AchievementCredential/OpenBadgeCredential, signed
 * or not. Open-world like the specs: unknown properties are allowed and kept.
 */
export const achievementCredentialSchema = z.looseObject({
  '@context': z
    .array(z.union([z.string(), z.record(z.string(), z.unknown())]))
    .min(2)
    .refine((context) => context[0] === VC_V2_CONTEXT, `the first @context must be ${VC_V2_CONTEXT}`)
    .refine(
      (context) =>
        context.some(
          (entry) =>
            typeof entry === 'string' &&
            /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/.test(entry),
        ),
      'the @context must include an Open Badges 3.0 context',
    ),
  id: uri,
  type: typeIncluding('VerifiableCredential').pipe(
    typeIncluding('AchievementCredential', 'OpenBadgeCredential'),
  ),
  name: z.string().min(1),
  issuer: z.looseObject({ id: uri, type: typeIncluding('Profile'), name: z.string().optional() }),
  validFrom: z.string().refine(isDateTimeStamp, 'validFrom must be an XML Schema dateTimeStamp'),
  validUntil: z.string().refine(isDateTimeStamp, 'validUntil must be an XML Schema dateTimeStamp').optional(),
  credentialSubject: achievementSubjectSchema,
  proof: z
    .union([z.looseObject({ type: z.string() }), z.array(z.looseObject({ type: z.string() }))])
    .optional(),
});
