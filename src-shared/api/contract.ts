import { z } from 'zod';
import { AppInfo, Learner, LearnerPatch, Preferences, PreferencesPatch } from './schemas';
import { ChosenFile, ImportJobRef, ImportStatus, UploadRef } from '../packs/imports';
import { CourseUpdateNotice, PackUpdate } from '../packs/changes';
import {
  AcknowledgeInput,
  CreateDraftInput,
  Draft,
  DraftId,
  DraftRequirements,
  DraftSummary,
  DraftVersion,
  DraftVersionSummary,
  DraftTag,
  DraftTemplate,
  InstalledGuidelines,
  ListDraftsInput,
  RestoreVersionInput,
  SaveDraftInput,
  SavedDraft,
  UpdateDraftInput,
  UpdatedDraft,
  VersionRef,
} from '../writing/drafts';
import {
  AnswerFeedback,
  ReflectionInput,
  ReflectionNote,
  RemovePackInput,
  CertificateDetail,
  CertificateRef,
  CompanyBadge,
  CompanyBadgeVisibility,
  CertificateSummary,
  SearchHit,
  SearchInput,
  AnswerInput,
  ItemProgress,
  QuizAttempt,
  QuizAttemptRef,
  QuizResult,
  CourseDetail,
  CourseRef,
  CourseSummary,
  ItemDetail,
  ItemRef,
  PackSummary,
} from '../training/schemas';
import {
  Audience,
  ExportProfileInput,
  ExportedFile,
  PortfolioItem,
  PortfolioItemRef,
  Profile,
  SavePortfolioItemInput,
  SaveProfileInput,
  SetPhotoInput,
  SetPortfolioVisibilityInput,
} from '../profile/schemas';
import { Growth } from '../profile/growth';
import { CompanyProfileRecord, ProfileView } from '../profile/visibility';
import { Invitation } from '../sync/invitation';
import { ConnectInput, OtherRecordsDecision, SyncStatus } from '../sync/schemas';

/**
 * The one API contract. Each call between the UI and the main process is declared here once: a name,
 * a zod input and a zod output. The renderer's client, the Electron preload, the browser host's routes
 * and the handler table are all derived from this object; adding a call means adding one entry here and
 * one handler in its domain's handlers.ts.
 */
const noInput = z.strictObject({});

export const contract = {
  getAppInfo: { input: noInput, output: AppInfo },
  getPreferences: { input: noInput, output: Preferences },
  updatePreferences: { input: PreferencesPatch, output: Preferences },
  getLearner: { input: noInput, output: Learner },
  /** Gives the name certificates carry (and optionally a work email and role); answers the welcome. */
  updateLearner: { input: LearnerPatch, output: Learner },
  /** Passes the first-run welcome without a name; it is asked again before the first certificate. */
  skipWelcome: { input: noInput, output: Learner },

  listPacks: { input: noInput, output: z.array(PackSummary) },
  removePack: { input: RemovePackInput, output: z.strictObject({ removed: z.string() }) },
  /** Opens the desktop's file dialog (Electron); the browser host uploads to POST /upload instead. */
  choosePackFile: { input: noInput, output: ChosenFile },
  startPackImport: { input: UploadRef, output: ImportJobRef },
  getPackImport: { input: ImportJobRef, output: ImportStatus },
  /** What the last update of each installed pack changed (the Packs screen's "Updated to 1.2.0 — …"). */
  listPackUpdates: { input: noInput, output: z.array(PackUpdate) },
  /** The course's notice after its pack's last update, or null when there is none or it was dismissed. */
  getCourseUpdate: { input: CourseRef, output: CourseUpdateNotice },
  dismissCourseUpdate: { input: CourseRef, output: z.strictObject({ dismissed: z.string() }) },
  listCourses: { input: noInput, output: z.array(CourseSummary) },
  getCourse: { input: CourseRef, output: CourseDetail },
  getItem: { input: ItemRef, output: ItemDetail },
  openItem: { input: ItemRef, output: ItemProgress },
  completeItem: { input: ItemRef, output: ItemProgress },
  /** A new attempt: its questions with choices shuffled and no answers; feedback comes from answerQuestion. */
  startQuiz: { input: ItemRef, output: QuizAttempt },
  answerQuestion: { input: AnswerInput, output: AnswerFeedback },
  finishQuiz: { input: QuizAttemptRef, output: QuizResult },
  getReflection: { input: ItemRef, output: ReflectionNote },
  saveReflection: { input: ReflectionInput, output: z.object({ updatedAt: z.string() }) },
  searchItems: { input: SearchInput, output: z.array(SearchHit) },
  listCertificates: { input: noInput, output: z.array(CertificateSummary) },
  getCertificate: { input: CertificateRef, output: CertificateDetail },
  /** Issues the certificate of a course completed before the learner gave their name. */
  claimCertificate: { input: CourseRef, output: CertificateDetail },
  /** A new certificate under the learner's current name; the old one stays in its history. */
  reissueCertificate: { input: CertificateRef, output: CertificateDetail },
  /** Shows or hides the company badge's public page on the hub; sent at the next sync (requested at once). */
  setCompanyBadgePublic: { input: CompanyBadgeVisibility, output: CompanyBadge },
  listDrafts: { input: ListDraftsInput, output: z.array(DraftSummary) },
  createDraft: { input: CreateDraftInput, output: Draft },
  getDraft: { input: DraftId, output: Draft },
  saveDraft: { input: SaveDraftInput, output: SavedDraft },
  updateDraft: { input: UpdateDraftInput, output: UpdatedDraft },
  keepDraftVersion: { input: DraftId, output: z.array(DraftVersionSummary) },
  listDraftVersions: { input: DraftId, output: z.array(DraftVersionSummary) },
  getDraftVersion: { input: VersionRef, output: DraftVersion },
  restoreDraftVersion: { input: RestoreVersionInput, output: Draft },
  trashDraft: { input: DraftId, output: Draft },
  untrashDraft: { input: DraftId, output: Draft },
  emptyDraftTrash: { input: noInput, output: z.object({ deleted: z.number().int() }) },
  /** How many drafts are in the trash, so "Empty the trash" can say how many go for ever. */
  countDraftTrash: { input: noInput, output: z.object({ drafts: z.number().int() }) },
  /** The companies' guidelines that came with installed course packs; the editor checks drafts against them. */
  listGuidelineSets: { input: noInput, output: z.array(InstalledGuidelines) },
  acknowledgeFinding: { input: AcknowledgeInput, output: Draft },
  /** The exercise a draft answers and its completion rules, which the studio checks as the writer types. */
  getDraftRequirements: { input: DraftId, output: DraftRequirements },
  duplicateDraft: { input: DraftId, output: Draft },
  listDraftTemplates: { input: noInput, output: z.array(DraftTemplate) },
  listDraftTags: { input: noInput, output: z.array(DraftTag) },
  /** Electron only: prints the page showing the certificate to a PDF the person saves; null if cancelled. */
  saveCertificatePdf: { input: CertificateRef, output: z.object({ savedTo: z.string().nullable() }) },

  // The expert profile and portfolio (src-main/profile).
  getProfile: { input: noInput, output: Profile },
  /** Saves every field, the learner's name and the expertise areas at once. */
  saveProfile: { input: SaveProfileInput, output: Profile },
  /** A photo the app has resized, as a data: URL; null removes it. */
  setProfilePhoto: { input: SetPhotoInput, output: Profile },
  listPortfolio: { input: noInput, output: z.array(PortfolioItem) },
  savePortfolioItem: { input: SavePortfolioItemInput, output: PortfolioItem },
  deletePortfolioItem: { input: PortfolioItemRef, output: z.object({ deleted: z.string() }) },
  setPortfolioVisibility: { input: SetPortfolioVisibilityInput, output: PortfolioItem },
  getGrowth: { input: noInput, output: Growth },
  /** The profile as the company or the public sees it. */
  previewProfile: { input: z.strictObject({ audience: Audience }), output: ProfileView },
  /** The public fields as one HTML page or a JSON Resume. */
  exportProfile: { input: ExportProfileInput, output: ExportedFile },
  /** What the sync sends to the company's hub: fields marked company or public, never "only me". */
  getCompanyProfileRecord: { input: noInput, output: CompanyProfileRecord },
  /** Electron only: prints the public portfolio page shown to a PDF; null if cancelled. */
  saveProfilePdf: { input: noInput, output: z.object({ savedTo: z.string().nullable() }) },

  // Sync with the company's hub or xAPI record store (src-main/sync).
  getSyncStatus: { input: noInput, output: SyncStatus },
  /** Enrols this device with a hub (enrolment code and work email), or connects to an LRS with its key. */
  connectSync: { input: ConnectInput, output: SyncStatus },
  /** Forgets the credentials; unsent records stay on the device. */
  disconnectSync: { input: noInput, output: SyncStatus },
  /** Runs a sync now and answers when it ends (poll getSyncStatus meanwhile for progress). */
  syncNow: { input: noInput, output: SyncStatus },
  /** Unsent records made for another company: send them to the connected one, or keep them on the device. */
  decideOtherSyncRecords: { input: OtherRecordsDecision, output: SyncStatus },
  /** Puts the records the server refused back in the queue and syncs. */
  retrySyncConflicts: { input: noInput, output: SyncStatus },
  /** An invitation link the desktop app was opened with (advocate-studio://connect?…), once; else null. */
  takeInvitation: { input: noInput, output: Invitation.nullable() },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type CallName = keyof Contract;
/** What a caller passes (before zod defaults and transforms). */
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** What a handler receives (after validation). */
export type ValidInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Contract[N]['output']>;

export const callNames = Object.keys(contract) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(contract, name);
}

/** Call names travel in URLs and IPC messages; this is the only shape they may take. */
export const CALL_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;
