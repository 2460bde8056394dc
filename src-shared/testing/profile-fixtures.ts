import type { PortfolioItem, Profile } from '../profile/schemas';

/** A profile with one field or entry at each visibility, its private values all containing "SECRET". */
export function mixedProfile(): { profile: Profile; portfolio: PortfolioItem[] } {
  const profile: Profile = {
    name: 'Ada Lovelace',
    headline: 'SECRET headline',
    bio: 'I explain **analytical engines** to people.',
    photo: 'data:image/png;base64,iVBORw0KGgo=',
    topics: ['Compilers', 'Observability'],
    links: {
      linkedin: 'https://www.linkedin.com/in/ada',
      blog: 'https://blog.example.com/SECRET',
      github: 'https://github.com/ada',
      website: 'https://ada.example.com',
    },
    email: 'SECRET-ada@example.com',
    visibility: {
      name: 'public',
      headline: 'me',
      photo: 'company',
      bio: 'public',
      topics: 'public',
      email: 'me',
      linkedin: 'public',
      blog: 'me',
      github: 'company',
      website: 'public',
    },
    expertise: [
      {
        id: 'e1',
        name: 'Distributed tracing',
        level: 'expert',
        evidence: 'Ran the tracing rollout',
        evidenceRefs: [
          { kind: 'piece', id: 'p1' },
          { kind: 'certificate', id: 'c1' },
        ],
        visibility: 'public',
      },
      { id: 'e2', name: 'SECRET area', level: 'learning', evidence: '', evidenceRefs: [], visibility: 'me' },
      {
        id: 'e3',
        name: 'Kubernetes',
        level: 'practitioner',
        evidence: '',
        evidenceRefs: [],
        visibility: 'company',
      },
    ],
    updatedAt: '2026-11-20T10:00:00.000Z',
  };
  const portfolio: PortfolioItem[] = [
    {
      source: 'piece',
      sourceId: 'p1',
      kind: 'piece',
      title: 'Why p99 doubled',
      url: 'https://blog.example.com/p99',
      date: '2026-11-01',
      description: '',
      channel: 'blog',
      visibility: 'public',
    },
    {
      source: 'certificate',
      sourceId: 'c1',
      kind: 'certificate',
      title: 'SECRET certificate',
      url: null,
      date: '2026-10-01',
      description: '',
      channel: null,
      visibility: 'me',
    },
    {
      source: 'manual',
      sourceId: 'm1',
      kind: 'talk',
      title: 'Tracing at scale',
      url: 'https://conf.example.com/talk',
      date: '2026-09-12',
      description: 'A talk at a conference',
      channel: null,
      visibility: 'company',
    },
  ];
  return { profile, portfolio };
}
