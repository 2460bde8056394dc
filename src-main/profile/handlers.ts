import { fileStem } from '../../src-shared/files/file-name';
import { AppError } from '../../src-shared/api/errors';
import { toJsonResume } from '../../src-shared/profile/json-resume';
import { portfolioPage } from '../../src-shared/profile/portfolio-page';
import { companyProfileRecord, profileFor } from '../../src-shared/profile/visibility';
import type { DomainHandlers } from '../api/dispatch';
import type { HostPlatform } from '../core/platform';
import type { DatabaseHandle } from '../db/open';
import { computeGrowth } from './growth';
import { companyIssuersByPage, createPortfolio } from './portfolio';
import { createProfileStore } from './profile';

export interface ProfileHandlerDeps {
  database: DatabaseHandle;
  now: () => Date;
  platform: HostPlatform;
}

export function profileHandlers(
  deps: ProfileHandlerDeps,
): DomainHandlers<
  | 'getProfile'
  | 'saveProfile'
  | 'setProfilePhoto'
  | 'listPortfolio'
  | 'savePortfolioItem'
  | 'deletePortfolioItem'
  | 'setPortfolioVisibility'
  | 'getGrowth'
  | 'previewProfile'
  | 'exportProfile'
  | 'getCompanyProfileRecord'
  | 'saveProfilePdf'
> {
  const profile = createProfileStore(deps);
  const portfolio = createPortfolio(deps);
  const view = (audience: 'company' | 'public') => profileFor(audience, profile.get(), portfolio.list());
  return {
    getProfile: () => profile.get(),
    saveProfile: (input) => profile.save(input),
    setProfilePhoto: ({ dataUrl }) => profile.setPhoto(dataUrl),
    listPortfolio: () => portfolio.list(),
    savePortfolioItem: (input) => portfolio.save(input),
    deletePortfolioItem: ({ itemId }) => portfolio.remove(itemId),
    setPortfolioVisibility: ({ source, sourceId, visibility }) =>
      portfolio.setVisibility(source, sourceId, visibility),
    getGrowth: () => computeGrowth({ ...deps, profile, portfolio }),
    previewProfile: ({ audience }) => view(audience),
    exportProfile: ({ format }) => {
      const publicView = view('public');
      const stem = fileStem(publicView.name, 'portfolio', 60);
      if (format === 'html')
        return {
          fileName: `${stem}.html`,
          mimeType: 'text/html',
          content: portfolioPage(publicView, deps.now()),
        };
      return {
        fileName: `${stem}.resume.json`,
        mimeType: 'application/json',
        content: `${JSON.stringify(toJsonResume(publicView, deps.now(), companyIssuersByPage(deps.database.db)), null, 2)}\n`,
      };
    },
    getCompanyProfileRecord: () => companyProfileRecord(profile.learnerId(), profile.get(), portfolio.list()),
    saveProfilePdf: async () => {
      if (!deps.platform.savePageAsPdf)
        throw new AppError('FORBIDDEN', 'Use your browser’s print dialog to save the portfolio as a PDF.');
      return {
        savedTo: await deps.platform.savePageAsPdf(`${fileStem(view('public').name, 'portfolio', 60)}.pdf`),
      };
    },
  };
}
