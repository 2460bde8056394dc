import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PORTFOLIO_PAGE_CSP,
  PORTFOLIO_PAGE_STYLE,
  PORTFOLIO_PAGE_STYLE_SHA256,
} from '../../src-shared/profile/portfolio-page';

describe('the exported page’s content security policy', () => {
  it('allows exactly its own style by hash (update the constant to this value after changing the style)', () => {
    const hash = createHash('sha256').update(PORTFOLIO_PAGE_STYLE, 'utf8').digest('base64');
    expect(PORTFOLIO_PAGE_STYLE_SHA256).toBe(hash);
    expect(PORTFOLIO_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(PORTFOLIO_PAGE_CSP).not.toContain('unsafe-inline');
    expect(PORTFOLIO_PAGE_CSP).not.toMatch(/script-src/);
    expect(PORTFOLIO_PAGE_CSP).toMatch(/^default-src 'none'/);
  });
});
