import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../src-shared/api/errors';
import { parseDataUrl, photoTypeOf } from '../../src-shared/profile/photo';
import {
  MAX_PHOTO_BYTES,
  type FieldVisibility,
  type Profile,
  type SaveProfileInput,
} from '../../src-shared/profile/schemas';
import type { DatabaseHandle } from '../db/open';
import { expertiseAreas, learner, profile } from '../db/schema';
import { localLearner, PLACEHOLDER_NAME } from '../training/statements';

export interface ProfileDeps {
  database: DatabaseHandle;
  now: () => Date;
}

export type ValidProfileInput = z.output<typeof SaveProfileInput>;
type ProfileRow = typeof profile.$inferSelect;

/** Nothing leaves the device until the person chooses: every field starts as "only me". */
/** The contact email is kept with the links (one JSON column of ways to reach the person). */
const EMAIL_KEY = 'email';

const privateByDefault: FieldVisibility = {
  name: 'me',
  headline: 'me',
  photo: 'me',
  bio: 'me',
  topics: 'me',
  email: 'me',
  linkedin: 'me',
  blog: 'me',
  github: 'me',
  website: 'me',
};

const PROFILE_ID = 1;

export function createProfileStore(deps: ProfileDeps) {
  const { db } = deps.database;

  function row(): ProfileRow | undefined {
    return db.select().from(profile).where(eq(profile.id, PROFILE_ID)).get();
  }

  function get(): Profile {
    const current = row();
    const links = current?.links ?? {};
    const person = db
      .select()
      .from(learner)
      .where(eq(learner.id, localLearner(db, deps.now).id))
      .get();
    return {
      name: person?.name ?? PLACEHOLDER_NAME,
      // The role given at the welcome starts the headline until the person saves one.
      headline: current?.headline ?? person?.role ?? '',
      bio: current?.bio ?? '',
      photo: current?.photo ?? null,
      topics: current?.topics ?? [],
      links: {
        linkedin: links['linkedin'] ?? null,
        blog: links['blog'] ?? null,
        github: links['github'] ?? null,
        website: links['website'] ?? null,
      },
      email: links[EMAIL_KEY] ?? null,
      visibility: { ...privateByDefault, ...(current?.visibility as Partial<FieldVisibility> | undefined) },
      expertise: db
        .select()
        .from(expertiseAreas)
        .orderBy(asc(expertiseAreas.position))
        .all()
        .map(({ position: _position, ...area }) => area),
      updatedAt: current?.updatedAt.toISOString() ?? null,
    };
  }

  /** Replaces the whole profile, the learner's name and the list of expertise areas in one transaction. */
  function save(input: ValidProfileInput): Profile {
    const at = deps.now();
    const links = Object.fromEntries(
      Object.entries({ ...input.links, [EMAIL_KEY]: input.email }).filter(
        (entry): entry is [string, string] => entry[1] !== null,
      ),
    );
    const person = localLearner(db, deps.now);
    db.transaction((tx) => {
      // Saving a name other than the placeholder gives it, as Settings and the welcome do.
      const named = input.name !== PLACEHOLDER_NAME || input.name !== person.name ? { namedAt: at } : {};
      tx.update(learner)
        .set({ name: input.name, ...named })
        .where(eq(learner.id, person.id))
        .run();
      const fields = {
        headline: input.headline,
        bio: input.bio,
        topics: dedupe(input.topics),
        links,
        visibility: input.visibility,
        updatedAt: at,
      };
      tx.insert(profile)
        .values({ id: PROFILE_ID, photo: null, ...fields })
        .onConflictDoUpdate({ target: profile.id, set: fields })
        .run();
      tx.delete(expertiseAreas).run();
      input.expertise.forEach((area, position) => {
        tx.insert(expertiseAreas)
          .values({ ...area, id: area.id ?? randomUUID(), position })
          .run();
      });
    });
    return get();
  }

  /** Keeps a photo the app has already resized; checks its bytes, not only what it claims to be. */
  function setPhoto(dataUrl: string | null): Profile {
    if (dataUrl !== null) {
      const parsed = parseDataUrl(dataUrl);
      if (!parsed)
        throw new AppError('INVALID_INPUT', 'The photo did not arrive as an image (a base64 data: URL).');
      const bytes = Buffer.from(parsed.base64, 'base64');
      const type = photoTypeOf(bytes);
      if (!type) throw new AppError('INVALID_INPUT', 'The photo must be a PNG, JPEG or WebP image.');
      if (type !== parsed.mimeType)
        throw new AppError(
          'INVALID_INPUT',
          `The photo says it is ${parsed.mimeType} but its bytes are ${type}.`,
        );
      if (bytes.length > MAX_PHOTO_BYTES)
        throw new AppError(
          'TOO_LARGE',
          `The photo is ${Math.round(bytes.length / 1024)} KB; the limit is 400 KB.`,
        );
    }
    const at = deps.now();
    db.insert(profile)
      .values({
        id: PROFILE_ID,
        photo: dataUrl,
        topics: [],
        links: {},
        visibility: privateByDefault,
        updatedAt: at,
      })
      .onConflictDoUpdate({ target: profile.id, set: { photo: dataUrl, updatedAt: at } })
      .run();
    return get();
  }

  return { get, save, setPhoto, learnerId: () => localLearner(db, deps.now).id };
}

export type ProfileStore = ReturnType<typeof createProfileStore>;

function dedupe(topics: string[]): string[] {
  const seen = new Set<string>();
  return topics.filter((topic) => {
    const key = topic.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
