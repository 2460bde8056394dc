import { z } from 'zod';
import { Channel } from '../packs/items';
import {
  ExpertiseLevel,
  LinkKind,
  linkKinds,
  type Audience,
  type ExpertiseArea,
  type PortfolioItem,
  type Profile,
  type ProfileField,
  type Visibility,
} from './schemas';

/** What one audience may see of the profile and portfolio: every field it may not see is left out. */
export const ProfileView = z.object({
  audience: z.enum(['company', 'public']),
  name: z.string().nullable(),
  headline: z.string().nullable(),
  photo: z.string().nullable(),
  bio: z.string().nullable(),
  topics: z.array(z.string()),
  links: z.array(z.object({ kind: LinkKind, url: z.string() })),
  /** The contact email, present only when the person shares it with this audience. */
  email: z.string().optional(),
  expertise: z.array(
    z.object({
      name: z.string(),
      level: ExpertiseLevel,
      evidence: z.string(),
      /** Titles of the certificates and pieces cited, only those this audience may also see. */
      evidenceTitles: z.array(z.string()),
    }),
  ),
  portfolio: z.array(
    z.object({
      kind: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      date: z.string(),
      description: z.string(),
      channel: Channel.nullable(),
    }),
  ),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** Whether an audience may see something marked with this visibility. "me" is seen by no one else. */
export function isVisibleTo(audience: Audience, visibility: Visibility): boolean {
  if (visibility === 'public') return true;
  return visibility === 'company' && audience === 'company';
}

/**
 * The profile as an audience sees it. Every export and the company record go through here, so a field
 * or entry marked "only me" cannot reach them by another path.
 */
export function profileFor(audience: Audience, profile: Profile, portfolio: PortfolioItem[]): ProfileView {
  const shows = (field: ProfileField) => isVisibleTo(audience, profile.visibility[field]);
  const visibleItems = portfolio.filter((item) => isVisibleTo(audience, item.visibility));
  return {
    audience,
    name: shows('name') && profile.name ? profile.name : null,
    headline: shows('headline') && profile.headline ? profile.headline : null,
    photo: shows('photo') ? profile.photo : null,
    bio: shows('bio') && profile.bio.trim() ? profile.bio : null,
    topics: shows('topics') ? [...profile.topics] : [],
    links: linkKinds.flatMap((kind) => {
      const url = profile.links[kind];
      return url && shows(kind) ? [{ kind, url }] : [];
    }),
    // Left out when not shared, so a record without a contact reads the same to hubs that predate the field.
    ...(shows('email') && profile.email ? { email: profile.email } : {}),
    expertise: withEvidence(
      profile.expertise.filter((area) => isVisibleTo(audience, area.visibility)),
      visibleItems,
    ),
    portfolio: visibleItems.map((item) => ({
      kind: item.kind,
      title: item.title,
      url: item.url,
      date: item.date,
      description: item.description,
      channel: item.channel,
    })),
  };
}

/**
 * Expertise areas with the titles of the certificates and pieces they cite, looked up among `items` only:
 * pass the entries the reader may see, so a private entry's title never travels as evidence.
 */
export function withEvidence(areas: ExpertiseArea[], items: PortfolioItem[]): ProfileView['expertise'] {
  const titles = new Map(
    items
      .filter((item) => item.source !== 'manual')
      .map((item) => [`${item.source}:${item.sourceId}`, item.title]),
  );
  return areas.map((area) => ({
    name: area.name,
    level: area.level,
    evidence: area.evidence,
    evidenceTitles: area.evidenceRefs.flatMap((ref) => {
      const title = titles.get(`${ref.kind}:${ref.id}`);
      return title === undefined ? [] : [title];
    }),
  }));
}

/** The record the sync sends to the company's hub, so trainers and managers can find experts by topic. */
export const CompanyProfileRecord = z.object({
  /** The learner id: the actor of the person's completion records. */
  learnerId: z.string(),
  updatedAt: z.string().nullable(),
  profile: ProfileView,
});
export type CompanyProfileRecord = z.infer<typeof CompanyProfileRecord>;

/** Fields marked "company" or "public"; never anything marked "only me". */
export function companyProfileRecord(
  learnerId: string,
  profile: Profile,
  portfolio: PortfolioItem[],
): CompanyProfileRecord {
  return { learnerId, updatedAt: profile.updatedAt, profile: profileFor('company', profile, portfolio) };
}
