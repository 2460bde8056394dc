import type { ApiError } from '../../../../src-shared/api/errors';
import type { Learner } from '../../../../src-shared/api/schemas';
import type { CertificateDetail } from '../../../../src-shared/training/schemas';
import { api, toApiError } from '../../lib/api';

/** One certificate, with the learner's current name so a certificate under an older one can be re-issued. */
export class CertificateViewState {
  certificate = $state<CertificateDetail | null>(null);
  learner = $state<Learner | null>(null);
  error = $state<ApiError | null>(null);
  reissueError = $state<ApiError | null>(null);
  companyError = $state<ApiError | null>(null);
  busy = $state(false);

  /** The name to re-issue under, when the learner now goes by another than the certificate carries. */
  renamedTo = $derived.by((): string | null => {
    const { certificate, learner } = this;
    if (!certificate || !learner?.named || certificate.replacedBy !== null) return null;
    return learner.name === certificate.learnerName ? null : learner.name;
  });

  async load(certificateId: string): Promise<void> {
    try {
      const [certificate, learner] = await Promise.all([
        api.getCertificate({ certificateId }),
        api.getLearner({}),
      ]);
      this.certificate = certificate;
      this.learner = learner;
      this.error = null;
    } catch (error) {
      this.error = toApiError(error);
    }
  }

  /** Shows or hides the company badge's public page; the app sends the choice to the hub at its next sync. */
  async setCompanyPublic(wanted: boolean): Promise<void> {
    const certificate = this.certificate;
    if (!certificate?.company) return;
    try {
      const company = await api.setCompanyBadgePublic({ badgeId: certificate.company.id, public: wanted });
      this.certificate = { ...certificate, company };
      this.companyError = null;
    } catch (error) {
      this.companyError = toApiError(error);
    }
  }

  /** A new certificate under the current name; answers with its id, or null when refused. */
  async reissue(): Promise<string | null> {
    const certificate = this.certificate;
    if (!certificate) return null;
    this.busy = true;
    try {
      const renewed = await api.reissueCertificate({ certificateId: certificate.id });
      this.reissueError = null;
      return renewed.id;
    } catch (error) {
      this.reissueError = toApiError(error);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
