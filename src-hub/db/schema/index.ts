import {
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** The hub's one schema: PGlite in a data folder, or PostgreSQL when several instances share it. */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const CREDENTIAL_ROLES = ['trainer', 'device', 'lrs-client'] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

export const learners = pgTable('learners', {
  /** The account name in the learner's xAPI actor (homePage https://advocate.studio/learners). */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Lower-cased, so one person enrolling two devices is one learner. */
  email: text('email').notNull().unique(),
  createdAt: at('created_at').notNull(),
  /** The team the learner was enrolled into (from their enrolment code), for the dashboard's team view. */
  team: text('team'),
});

export const credentials = pgTable('credentials', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  role: text('role').$type<CredentialRole>().notNull(),
  /** `scrypt$N$r$p$salt$hash`, base64 parts; the secret itself is never stored. */
  secretHash: text('secret_hash').notNull(),
  learnerId: text('learner_id').references(() => learners.id),
  createdAt: at('created_at').notNull(),
  revokedAt: at('revoked_at'),
  lastSeenAt: at('last_seen_at'),
});

export const enrolmentCodes = pgTable('enrolment_codes', {
  id: uuid('id').primaryKey(),
  /** SHA-256 of the code: codes carry 128 random bits, so a fast hash is enough to make a leaked table useless. */
  codeHash: text('code_hash').notNull().unique(),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  redeemedAt: at('redeemed_at'),
  redeemedBy: text('redeemed_by'),
  /** When set (lower-cased), only this person may redeem the code: a code cannot be used to enrol as someone else. */
  email: text('email'),
  /** When set, redeeming puts the learner in this team. */
  team: text('team'),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: at('at').notNull(),
  /** Who did it: `cli` or a credential key. */
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
});

export const statements = pgTable(
  'statements',
  {
    /** Arrival order: the `more` cursor and the default sort's tie-break. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    id: uuid('id').primaryKey(),
    statement: jsonb('statement').$type<Record<string, unknown>>().notNull(),
    stored: at('stored').notNull(),
    timestamp: at('timestamp').notNull(),
    /** Canonical inverse functional identifier of the actor, like `mbox:mailto:a@b.c` or `account:home|name`. */
    actorIfi: text('actor_ifi').notNull(),
    verbId: text('verb_id').notNull(),
    /** The object's id when it is an Activity. */
    activityId: text('activity_id'),
    registration: uuid('registration'),
    /** The actor (and group members) and an Agent or Group object: the `agent` filter. */
    agents: text('agents').array().notNull(),
    /** Every agent anywhere in the statement: `agent` with `related_agents=true`. */
    relatedAgents: text('related_agents').array().notNull(),
    /** The object activity, context activities and sub-statement activities: `related_activities=true`. */
    relatedActivities: text('related_activities').array().notNull(),
    voided: boolean('voided').notNull().default(false),
    /** For a voiding statement, the id it voids. */
    voids: uuid('voids'),
    /**
     * The id of the statement this one targets when its object is a StatementRef: filters match a statement that
     * targets a matching one (xAPI 2.0 Communication 2.1.3, "Filter Conditions for StatementRefs").
     */
    refTarget: uuid('ref_target'),
    credentialKey: text('credential_key').notNull(),
  },
  (table) => [
    index('statements_stored_idx').on(table.stored, table.seq),
    // Filters page newest first (stored, then seq): with stored in the index, a rare verb among many recent
    // statements of another is read straight from its own entries, not by walking back over all the others.
    index('statements_actor_stored_idx').on(table.actorIfi, table.stored, table.seq),
    index('statements_verb_stored_idx').on(table.verbId, table.stored, table.seq),
    index('statements_activity_stored_idx').on(table.activityId, table.stored, table.seq),
    index('statements_registration_idx').on(table.registration),
    index('statements_voids_idx').on(table.voids),
    index('statements_agents_idx').using('gin', table.agents),
    index('statements_related_agents_idx').using('gin', table.relatedAgents),
    index('statements_related_activities_idx').using('gin', table.relatedActivities),
    // Only the few statements with a StatementRef object, in arrival order: what a filter walks to find targeters.
    index('statements_refs_idx')
      .on(table.seq)
      .where(sql`${table.refTarget} is not null`),
  ],
);

export const packs = pgTable(
  'packs',
  {
    id: text('id').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    /** Quoted strong ETag of the zip: its SHA-256. */
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    zip: bytea('zip').notNull(),
    uploadedAt: at('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.id, table.version] })],
);

/** The company-visible profile each device sends (PUT /profiles/me), one per learner: the expert directory. */
export const profiles = pgTable(
  'profiles',
  {
    learnerId: text('learner_id')
      .primaryKey()
      .references(() => learners.id),
    /** The CompanyProfileRecord exactly as validated. */
    record: jsonb('record').$type<Record<string, unknown>>().notNull(),
    /** Lower-cased topics and expertise area names: the `topic` filter. */
    topics: text('topics').array().notNull(),
    /** Lower-cased name, headline, bio, topics and expertise: the `q` filter. */
    searchText: text('search_text').notNull(),
    /** The name as shared (null when not): the directory's sort key, read without the whole record. */
    name: text('name'),
    /** The profile's own updatedAt, as the device sent it. */
    profileUpdatedAt: at('profile_updated_at'),
    receivedAt: at('received_at').notNull(),
  },
  (table) => [
    index('profiles_topics_idx').using('gin', table.topics),
    index('profiles_name_idx').on(sql`lower(${table.name})`, table.learnerId),
  ],
);

/** Trainer sign-ins to the dashboard: only the SHA-256 of the random session id in the cookie is kept. */
export const dashboardSessions = pgTable(
  'dashboard_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    credentialKey: text('credential_key')
      .notNull()
      .references(() => credentials.key),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (table) => [index('dashboard_sessions_expires_idx').on(table.expiresAt)],
);

/**
 * xAPI documents (2.0 Part Three §4.1.6.2–§4.1.6.5): state, activity profiles and agent profiles, one table.
 * Parts of the key a resource doesn't use are '' (not NULL), so the primary key covers them all.
 */
export const XAPI_DOCUMENT_KINDS = ['state', 'activity-profile', 'agent-profile'] as const;
export type XapiDocumentKind = (typeof XAPI_DOCUMENT_KINDS)[number];

export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    kind: text('kind').$type<XapiDocumentKind>().notNull(),
    activityId: text('activity_id').notNull(),
    /** Canonical IFI of the agent (as in statements.actor_ifi), or '' for activity profiles. */
    agentIfi: text('agent_ifi').notNull(),
    /** Lower-cased registration UUID for state, or ''. */
    registration: text('registration').notNull(),
    /** stateId or profileId. */
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
    /** Quoted SHA-256 of the content. */
    etag: text('etag').notNull(),
    updated: at('updated').notNull(),
    credentialKey: text('credential_key').notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.kind, table.activityId, table.agentIfi, table.registration, table.documentId],
    }),
  ],
);

/**
 * Attachment bytes sent in multipart/mixed statement requests (xAPI 2.0 Data 2.4.11), stored once per SHA-2 hash:
 * the statements keep the attachment objects, and GET ...?attachments=true joins them back by sha2.
 */
export const xapiAttachments = pgTable('xapi_attachments', {
  /** Lower-case hex SHA-2 (224, 256, 384 or 512) of the content, checked on arrival. */
  sha2: text('sha2').primaryKey(),
  contentType: text('content_type').notNull(),
  length: integer('length').notNull(),
  content: bytea('content').notNull(),
  storedAt: at('stored_at').notNull(),
  credentialKey: text('credential_key').notNull(),
});

/**
 * Which statement's request carried which attachment's bytes: GET ...?attachments=true returns only bytes that
 * came with the statements it returns, so a statement naming someone else's hash (with a fileUrl) gets none.
 */
export const statementAttachments = pgTable(
  'statement_attachments',
  {
    statementId: uuid('statement_id').notNull(),
    sha2: text('sha2').notNull(),
  },
  (table) => [primaryKey({ columns: [table.statementId, table.sha2] })],
);

/**
 * The canonical definition of each Activity (xAPI 2.0 Communication 2.5), merged from the definitions statements
 * carried: GET /xapi/activities and format=canonical answer from it.
 */
export const xapiActivities = pgTable('xapi_activities', {
  id: text('id').primaryKey(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  updated: at('updated').notNull(),
});

/** The company as the issuer of its learners' Open Badges (one row, id 'company'): `issuer set` writes it. */
export const issuerProfile = pgTable('issuer_profile', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** The company's site (https), shown in badges and on verification pages. */
  url: text('url'),
  /** The company's logo: an https address or a data: URI. */
  image: text('image'),
  updatedAt: at('updated_at').notNull(),
});

/**
 * The company's Ed25519 signing keys, published in the hub's did:web document as `#key-N`. The newest one not
 * retired signs; `issuer rotate-key` adds one and retires the others, which stay published so that what they
 * signed still verifies.
 */
export const issuerKeys = pgTable('issuer_keys', {
  id: integer('id').primaryKey(),
  /** PKCS#8 PEM. */
  privateKeyPem: text('private_key_pem').notNull(),
  /** Multikey `z6Mk…`: multibase base58btc of 0xed01 + the raw public key. */
  publicKeyMultibase: text('public_key_multibase').notNull(),
  createdAt: at('created_at').notNull(),
  retiredAt: at('retired_at'),
});

/** Open Badges the hub issued in the company's name, one per learner and course, with their place in the status list. */
export const issuedCredentials = pgTable(
  'issued_credentials',
  {
    id: uuid('id').primaryKey(),
    learnerId: text('learner_id')
      .notNull()
      .references(() => learners.id),
    /** The course's activity IRI, the Achievement's id. */
    achievementId: text('achievement_id').notNull(),
    /** The completion statement it was issued for. */
    statementId: uuid('statement_id').notNull(),
    /** Its bit in the revocation Bitstring Status List. */
    statusIndex: bigserial('status_index', { mode: 'number' }).notNull().unique(),
    credential: jsonb('credential').$type<Record<string, unknown>>().notNull(),
    issuedAt: at('issued_at').notNull(),
    revokedAt: at('revoked_at'),
    /** Whether the learner lets anyone see it at /credentials/<id>. */
    public: boolean('public').notNull().default(false),
  },
  (table) => [
    uniqueIndex('issued_credentials_learner_achievement_idx').on(table.learnerId, table.achievementId),
  ],
);

/**
 * Each actor's progress in each course, kept in the ingest transaction (and rebuilt for an actor when one of
 * their statements is voided): the dashboard's reports read this, never the statements table.
 * Keyed by the actor's IFI; the report maps an IFI to an enrolled learner by account name or email.
 */
export const courseProgress = pgTable(
  'course_progress',
  {
    actorIfi: text('actor_ifi').notNull(),
    courseId: text('course_id').notNull(),
    /** The learner account name, when the actor is an account at LEARNER_ACCOUNT_HOME. */
    accountName: text('account_name'),
    /** The lower-cased email, when the actor is identified by mbox. */
    mboxEmail: text('mbox_email'),
    actorName: text('actor_name'),
    courseTitle: text('course_title'),
    startedAt: at('started_at').notNull(),
    lastAt: at('last_at').notNull(),
    /** The first (by timestamp) unvoided `completed` of the course itself. */
    completedAt: at('completed_at'),
    /**
     * Items of the course this actor completed (of the published pack's items, when course_items knows the
     * course, else of any item), and modules all of whose items they completed: recounted from item_progress
     * whenever an actor's items change or a course's published items do (src-hub/xapi/progress.ts).
     */
    itemsDone: integer('items_done').notNull().default(0),
    modulesDone: integer('modules_done').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.actorIfi, table.courseId] }),
    index('course_progress_course_idx').on(table.courseId, table.completedAt),
    index('course_progress_account_idx').on(table.accountName),
    index('course_progress_email_idx').on(table.mboxEmail),
  ],
);

/** Each actor's progress on each item (lesson, quiz, exercise, reflection) of a course: % of items, quiz scores. */
export const itemProgress = pgTable(
  'item_progress',
  {
    actorIfi: text('actor_ifi').notNull(),
    itemId: text('item_id').notNull(),
    courseId: text('course_id').notNull(),
    itemTitle: text('item_title'),
    startedAt: at('started_at').notNull(),
    /** The first unvoided `completed` or `passed` of the item. */
    completedAt: at('completed_at'),
    /** Finished quiz attempts (`passed` or `failed`). */
    attempts: integer('attempts').notNull(),
    bestScore: doublePrecision('best_score'),
    lastScore: doublePrecision('last_score'),
    lastScoredAt: at('last_scored_at'),
  },
  (table) => [
    primaryKey({ columns: [table.actorIfi, table.itemId] }),
    index('item_progress_course_idx').on(table.courseId, table.itemId),
  ],
);

/**
 * The items of every course of the latest published version of each pack, by module, as activity IRIs: what a
 * course's progress counts. Rewritten for a pack when a newer version is published (src-hub/dashboard/course-items.ts).
 */
export const courseItems = pgTable(
  'course_items',
  {
    packId: text('pack_id').notNull(),
    courseId: text('course_id').notNull(),
    moduleId: text('module_id').notNull(),
    itemId: text('item_id').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.courseId, table.moduleId, table.itemId] }),
    index('course_items_pack_idx').on(table.packId),
  ],
);

/** Which version of each pack course_items holds. */
export const courseItemsSources = pgTable('course_items_sources', {
  packId: text('pack_id').primaryKey(),
  version: text('version').notNull(),
  sha256: text('sha256').notNull(),
});

/**
 * How often each response was given to each quiz question, and whether it was right: item analysis without
 * reading the statements. Kept in the ingest transaction; rebuilt for a question when an answer to it is voided.
 */
export const answerTallies = pgTable(
  'answer_tallies',
  {
    questionId: text('question_id').notNull(),
    response: text('response').notNull(),
    success: boolean('success').notNull(),
    /** The quiz the question belongs to (its immediate parent) and its course, when the statement named them. */
    quizId: text('quiz_id').notNull(),
    courseId: text('course_id').notNull(),
    questionTitle: text('question_title'),
    answers: integer('answers').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.questionId, table.response, table.success] }),
    index('answer_tallies_course_idx').on(table.courseId, table.quizId),
  ],
);

export const schema = {
  learners,
  credentials,
  enrolmentCodes,
  auditLog,
  statements,
  packs,
  profiles,
  dashboardSessions,
  xapiDocuments,
  xapiAttachments,
  statementAttachments,
  xapiActivities,
  issuerProfile,
  issuerKeys,
  issuedCredentials,
  courseProgress,
  itemProgress,
  answerTallies,
  courseItems,
  courseItemsSources,
};
