import type { DomainHandlers } from '../api/dispatch';
import { setCompanyBadgePublic } from './company-badges';
import type { Catalogue } from './catalogue';
import type { Progress } from './progress';
import { searchItems } from './search';
import {
  claimCertificate,
  getCertificate,
  listCertificates,
  reissueCertificate,
  type CertificateDeps,
} from './certificates';
import type { HostPlatform } from '../core/platform';
import { AppError } from '../../src-shared/api/errors';
import type { DatabaseHandle } from '../db/open';

export function trainingHandlers(
  catalogue: Catalogue,
  progress: Progress,
  database: DatabaseHandle,
  platform: HostPlatform,
  certificates: CertificateDeps & { now: () => Date; requestSync?: () => void },
): DomainHandlers<
  | 'listCourses'
  | 'getCourse'
  | 'getItem'
  | 'openItem'
  | 'completeItem'
  | 'startQuiz'
  | 'answerQuestion'
  | 'finishQuiz'
  | 'searchItems'
  | 'getReflection'
  | 'saveReflection'
  | 'listCertificates'
  | 'getCertificate'
  | 'claimCertificate'
  | 'reissueCertificate'
  | 'setCompanyBadgePublic'
  | 'saveCertificatePdf'
> {
  return {
    listCourses: () => catalogue.listCourses(),
    getCourse: ({ packId, courseId }) => catalogue.getCourse(packId, courseId),
    getItem: ({ packId, itemId }) => catalogue.getItem(packId, itemId),
    openItem: ({ packId, itemId }) => progress.openItem(packId, itemId),
    completeItem: ({ packId, itemId }) => progress.completeItem(packId, itemId),
    startQuiz: ({ packId, itemId }) => progress.startQuiz(packId, itemId),
    answerQuestion: ({ attemptId, questionId, answer }) =>
      progress.answerQuestion(attemptId, questionId, answer),
    finishQuiz: ({ attemptId }) => progress.finishQuiz(attemptId),
    searchItems: ({ query }) => searchItems(database.sqlite, query),
    getReflection: ({ packId, itemId }) => progress.readReflection(packId, itemId),
    saveReflection: ({ packId, itemId, text }) => progress.saveReflection(packId, itemId, text),
    listCertificates: () => listCertificates(database.db),
    getCertificate: ({ certificateId }) => getCertificate(database.db, certificateId),
    claimCertificate: ({ packId, courseId }) => claimCertificate(database.db, certificates, packId, courseId),
    reissueCertificate: ({ certificateId }) => reissueCertificate(database.db, certificates, certificateId),
    setCompanyBadgePublic: ({ badgeId, public: wanted }) =>
      setCompanyBadgePublic(database.db, badgeId, wanted, certificates.requestSync ?? (() => undefined)),
    saveCertificatePdf: async ({ certificateId }) => {
      const certificate = getCertificate(database.db, certificateId);
      if (!platform.savePageAsPdf) {
        throw new AppError('FORBIDDEN', 'Use your browser’s print dialog to save the certificate as a PDF.');
      }
      const name = `${certificate.courseTitle} certificate.pdf`.replace(/[\\/:*?"<>|]/g, '-');
      return { savedTo: await platform.savePageAsPdf(name) };
    },
  };
}
