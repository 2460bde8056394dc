import { z } from 'zod';
import { Channel } from '../packs/items';
import { completeWebAddress, httpsUrlProblem } from './urls';

/** Who may see a field or an entry: only the person, their company (via the hub), or anyone. */
export const visibilities = ['me', 'company', 'public'] as const;
export const Visibility = z.enum(visibilities);
export type Visibility = z.infer<typeof Visibility>;

export const linkKinds = ['linkedin', 'blog', 'github', 'website'] as const;
export const LinkKind = z.enum(linkKinds);
export type LinkKind = z.infer<typeof LinkKind>;

/** Every field of the profile that has its own visibility; each link is a field of its own, and so is the email. */
export const profileFields = ['name', 'headline', 'photo', 'bio', 'topics', 'email', ...linkKinds] as const;
export const ProfileField = z.enum(profileFields);
export type ProfileField = z.infer<typeof ProfileField>;
export const FieldVisibility = z.record(ProfileField, Visibility);
export type FieldVisibility = z.infer<typeof FieldVisibility>;

export const expertiseLevels = ['learning', 'practitioner', 'expert'] as const;
export const ExpertiseLevel = z.enum(expertiseLevels);
export type ExpertiseLevel = z.infer<typeof ExpertiseLevel>;

/** A certificate or a published piece cited as evidence of an expertise area. */
export const EvidenceRef = z.strictObject({
  kind: z.enum(['certificate', 'piece']),
  id: z.string().min(1).max(100),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

/** An https address (completed when typed without https://), or null when left empty (as an empty string is). */
export const OptionalHttpsUrl = z
  .string()
  .trim()
  .max(500, 'an address is limited to 500 characters')
  .nullable()
  .transform((value, ctx) => {
    if (!value) return null;
    const address = completeWebAddress(value);
    const problem = httpsUrlProblem(address);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return address;
  });

const linkInput = (kind: LinkKind) =>
  OptionalHttpsUrl.superRefine((value, ctx) => {
    const problem = value === null ? null : httpsUrlProblem(value, kind);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ProfileLinks = z.object({
  linkedin: z.string().nullable(),
  blog: z.string().nullable(),
  github: z.string().nullable(),
  website: z.string().nullable(),
});
export type ProfileLinks = z.infer<typeof ProfileLinks>;

export const ProfileLinksInput = z.strictObject({
  linkedin: linkInput('linkedin'),
  blog: linkInput('blog'),
  github: linkInput('github'),
  website: linkInput('website'),
});

/** A contact address, or null when left empty. */
export const OptionalEmail = z
  .string()
  .trim()
  .max(254, 'an email address is limited to 254 characters')
  .nullable()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!z.email().safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: `“${value}” is not an email address, like name@example.com` });
      return z.NEVER;
    }
    return value;
  });

export const ExpertiseArea = z.object({
  id: z.string(),
  name: z.string(),
  level: ExpertiseLevel,
  evidence: z.string(),
  evidenceRefs: z.array(EvidenceRef),
  visibility: Visibility,
});
export type ExpertiseArea = z.infer<typeof ExpertiseArea>;

export const ExpertiseInput = z.strictObject({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, 'name the area of expertise').max(100),
  level: ExpertiseLevel,
  evidence: z.string().trim().max(2000, 'evidence is limited to 2,000 characters').default(''),
  evidenceRefs: z.array(EvidenceRef).max(20).default([]),
  visibility: Visibility,
});

export const Profile = z.object({
  /** The learner's name, the one on certificates. */
  name: z.string(),
  headline: z.string(),
  bio: z.string(),
  /** A data: URL (PNG, JPEG or WebP), or null. */
  photo: z.string().nullable(),
  topics: z.array(z.string()),
  links: ProfileLinks,
  /** How colleagues may reach the person; shown to them only where its visibility allows. */
  email: z.string().nullable(),
  visibility: FieldVisibility,
  expertise: z.array(ExpertiseArea),
  /** Null until the person first saves the profile. */
  updatedAt: z.string().nullable(),
});
export type Profile = z.infer<typeof Profile>;

export const SaveProfileInput = z.strictObject({
  name: z.string().trim().min(1, 'enter your name').max(100, 'a name is limited to 100 characters'),
  headline: z.string().trim().max(160, 'a headline is limited to 160 characters'),
  bio: z.string().max(20_000, 'a bio is limited to 20,000 characters'),
  topics: z
    .array(z.string().trim().min(1, 'a topic cannot be empty').max(60, 'a topic is limited to 60 characters'))
    .max(30, 'up to 30 topics'),
  links: ProfileLinksInput,
  email: OptionalEmail.default(null),
  visibility: FieldVisibility,
  expertise: z.array(ExpertiseInput).max(30, 'up to 30 areas of expertise'),
});
export type SaveProfileInput = z.input<typeof SaveProfileInput>;

/** The largest photo kept, after the app has resized it (512 pixels a side is about 60 KB as JPEG). */
export const MAX_PHOTO_BYTES = 400 * 1024;

export const SetPhotoInput = z.strictObject({
  /** data:image/png|jpeg|webp;base64,…, or null to remove the photo. */
  dataUrl: z
    .string()
    .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 100, 'the photo is larger than 400 KB')
    .nullable(),
});

export const manualItemKinds = ['talk', 'article', 'podcast', 'open-source', 'other'] as const;
export const ManualItemKind = z.enum(manualItemKinds);
export type ManualItemKind = z.infer<typeof ManualItemKind>;

export const PortfolioSource = z.enum(['piece', 'certificate', 'manual']);
export type PortfolioSource = z.infer<typeof PortfolioSource>;

export const PortfolioItem = z.object({
  source: PortfolioSource,
  /** The draft, certificate or hand-added item's id. */
  sourceId: z.string(),
  kind: z.enum(['piece', 'certificate', ...manualItemKinds]),
  title: z.string(),
  url: z.string().nullable(),
  /** YYYY-MM-DD. */
  date: z.string(),
  description: z.string(),
  /** Where a published piece appeared. */
  channel: Channel.nullable(),
  visibility: Visibility,
});
export type PortfolioItem = z.infer<typeof PortfolioItem>;

export const SavePortfolioItemInput = z.strictObject({
  itemId: z.uuid().optional(),
  kind: ManualItemKind,
  title: z.string().trim().min(1, 'give the item a title').max(200, 'a title is limited to 200 characters'),
  url: OptionalHttpsUrl,
  date: z.iso.date('enter the date as YYYY-MM-DD'),
  description: z.string().trim().max(2000, 'a description is limited to 2,000 characters').default(''),
  visibility: Visibility,
});
export type SavePortfolioItemInput = z.input<typeof SavePortfolioItemInput>;

export const PortfolioItemRef = z.strictObject({ itemId: z.uuid() });

export const SetPortfolioVisibilityInput = z.strictObject({
  source: PortfolioSource,
  sourceId: z.string().min(1).max(100),
  visibility: Visibility,
});

export const Audience = z.enum(['company', 'public']);
export type Audience = z.infer<typeof Audience>;

export const ExportProfileInput = z.strictObject({ format: z.enum(['html', 'json-resume']) });
export const ExportedFile = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
