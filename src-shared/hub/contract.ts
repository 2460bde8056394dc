import type { z } from 'zod';
import {
  CompanyCredentialList,
  CompletionQuery,
  CredentialVisibility,
  CompletionReport,
  CreatedEnrolmentCode,
  DeviceList,
  DeviceQuery,
  EnrolmentCodeList,
  EnrolRequest,
  EnrolResponse,
  ExpertList,
  ExpertQuery,
  Login,
  NewEnrolmentCode,
  PackList,
  ParticipantList,
  ParticipantsQuery,
  PersonProgress,
  PersonQuery,
  ProgressOverview,
  ProgressQuery,
  QuestionAnalysis,
  QuestionQuery,
  PackPreview,
  ProfileReceipt,
  ProfileUpload,
  PublishedPack,
  SessionInfo,
  SignedOut,
  StatementBrowserPage,
  StatementBrowserQuery,
} from './schemas';

/** One route of the hub: how it is called, what it takes (query or JSON body) and what it answers. */
export interface HubRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A zip upload instead of JSON. */
  zip?: true;
  response: z.ZodType;
}

/**
 * The hub's routes for devices and the trainer dashboard. Each is declared once here: the hub's handlers parse
 * `query` and `body` with it and type their answers as `HubAnswer<name>`; the device's sync client and the
 * dashboard validate the answers with `response`.
 */
export const hubRoutes = {
  enrol: { method: 'POST', path: '/enrol', body: EnrolRequest, response: EnrolResponse },
  listPacks: { method: 'GET', path: '/packs', response: PackList },
  publishPack: { method: 'POST', path: '/packs', zip: true, response: PublishedPack },
  putProfile: { method: 'PUT', path: '/profiles/me', body: ProfileUpload, response: ProfileReceipt },
  findExperts: { method: 'GET', path: '/profiles', query: ExpertQuery, response: ExpertList },
  myCredentials: { method: 'GET', path: '/credentials/mine', response: CompanyCredentialList },
  setCredentialVisibility: {
    method: 'PUT',
    path: '/credentials/visibility',
    body: CredentialVisibility,
    response: CredentialVisibility,
  },

  signIn: { method: 'POST', path: '/dashboard/api/login', body: Login, response: SessionInfo },
  signOut: { method: 'POST', path: '/dashboard/api/logout', response: SignedOut },
  session: { method: 'GET', path: '/dashboard/api/me', response: SessionInfo },
  completions: {
    method: 'GET',
    path: '/dashboard/api/completions',
    query: CompletionQuery,
    response: CompletionReport,
  },
  devices: { method: 'GET', path: '/dashboard/api/devices', query: DeviceQuery, response: DeviceList },
  enrolmentCodes: { method: 'GET', path: '/dashboard/api/enrolment-codes', response: EnrolmentCodeList },
  createEnrolmentCode: {
    method: 'POST',
    path: '/dashboard/api/enrolment-codes',
    body: NewEnrolmentCode,
    response: CreatedEnrolmentCode,
  },
  dashboardPacks: { method: 'GET', path: '/dashboard/api/packs', response: PackList },
  dashboardCheckPack: {
    method: 'POST',
    path: '/dashboard/api/packs/check',
    zip: true,
    response: PackPreview,
  },
  dashboardPublishPack: { method: 'POST', path: '/dashboard/api/packs', zip: true, response: PublishedPack },
  dashboardExperts: {
    method: 'GET',
    path: '/dashboard/api/experts',
    query: ExpertQuery,
    response: ExpertList,
  },
  progress: {
    method: 'GET',
    path: '/dashboard/api/progress',
    query: ProgressQuery,
    response: ProgressOverview,
  },
  participants: {
    method: 'GET',
    path: '/dashboard/api/participants',
    query: ParticipantsQuery,
    response: ParticipantList,
  },
  person: { method: 'GET', path: '/dashboard/api/person', query: PersonQuery, response: PersonProgress },
  questions: {
    method: 'GET',
    path: '/dashboard/api/questions',
    query: QuestionQuery,
    response: QuestionAnalysis,
  },
  browseStatements: {
    method: 'GET',
    path: '/dashboard/api/statements',
    query: StatementBrowserQuery,
    response: StatementBrowserPage,
  },
} as const satisfies Record<string, HubRoute>;

export type HubRouteName = keyof typeof hubRoutes;

/** What a handler must answer for a route: checked by the compiler on the hub. */
export type HubAnswer<N extends HubRouteName> = z.input<(typeof hubRoutes)[N]['response']>;
/** What a client gets from a route, once validated. */
export type HubReply<N extends HubRouteName> = z.output<(typeof hubRoutes)[N]['response']>;
