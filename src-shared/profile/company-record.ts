import { z } from 'zod';
import { Channel } from '../packs/items';
import { parseDataUrl } from './photo';
import { ExpertiseLevel, LinkKind, manualItemKinds, MAX_PHOTO_BYTES } from './schemas';
import { httpsUrlProblem, webAddressProblem } from './urls';

/**
 * A company profile record as a hub accepts it from a device: the shape `companyProfileRecord` builds, with the
 * limits the app's own forms apply, https links only and unique expertise names. A device is not trusted to
 * have applied them: the hub shows these records to every trainer.
 */

const Text = (max: number) => z.string().max(max, `is limited to ${max.toLocaleString('en')} characters`);

const Photo = z
  .string()
  .max(Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 100, 'is larger than 400 KB')
  .refine(
    (value) => /^image\/(png|jpeg|webp)$/.test(parseDataUrl(value)?.mimeType ?? ''),
    'must be a data: URL of a PNG, JPEG or WebP image',
  );

const Link = z.strictObject({ kind: LinkKind, url: Text(500) }).superRefine((link, ctx) => {
  const problem = httpsUrlProblem(link.url, link.kind);
  if (problem) ctx.addIssue({ code: 'custom', path: ['url'], message: problem });
});

const WebAddress = Text(2000).superRefine((value, ctx) => {
  const problem = webAddressProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const Expertise = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'is limited to 100 characters'),
  level: ExpertiseLevel,
  evidence: Text(2000),
  evidenceTitles: z.array(Text(200)).max(20),
});

const PortfolioEntry = z.strictObject({
  kind: z.enum(['piece', 'certificate', ...manualItemKinds]),
  title: Text(200),
  url: WebAddress.nullable(),
  date: z.iso.date('must be a date, YYYY-MM-DD'),
  description: Text(2000),
  channel: Channel.nullable(),
});

export const CompanyProfileUpload = z.strictObject({
  learnerId: z.string().min(1).max(100),
  updatedAt: z.string().max(40).nullable(),
  profile: z.strictObject({
    audience: z.literal('company'),
    name: Text(100).nullable(),
    headline: Text(160).nullable(),
    photo: Photo.nullable(),
    bio: Text(20_000).nullable(),
    topics: z.array(Text(60)).max(30),
    /** Older apps send no email: the record then has none. */
    email: z.email('must be an email address').max(254).optional(),
    links: z
      .array(Link)
      .max(4)
      .refine(
        uniqueBy((link: z.infer<typeof Link>) => link.kind),
        'has two links of the same kind',
      ),
    expertise: z
      .array(Expertise)
      .max(30)
      .refine(
        uniqueBy((area: z.infer<typeof Expertise>) => area.name.toLowerCase()),
        'has two areas of expertise with the same name',
      ),
    portfolio: z.array(PortfolioEntry).max(2000),
  }),
});
export type CompanyProfileUpload = z.infer<typeof CompanyProfileUpload>;

function uniqueBy<T>(key: (item: T) => string): (items: T[]) => boolean {
  return (items) => new Set(items.map(key)).size === items.length;
}
