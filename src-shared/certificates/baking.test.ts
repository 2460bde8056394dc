import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { OPENBADGES_XMLNS, bakeSvg, bakedBadgeSvg, unbakeSvg } from './baking';
import { buildAchievementCredential } from './open-badges';

const credential = {
  ...buildAchievementCredential({
    certificateId: '5f8c2a1e-1111-4222-8333-944455556666',
    issuer: { id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2', name: 'Acme' },
    learner: { id: '0b9d0c1e-3f7a-4c55-9a2e-8f1d2c3b4a5e', name: 'Ada <Lovelace> & "Co" ]]> end' },
    course: { packId: 'p', courseId: 'c', title: 'Basics', version: '1', description: 'd' },
    criteriaNarrative: 'Read the lesson.',
    issuedAt: new Date('2026-11-25T12:00:00Z'),
  }),
};

describe('baked badges (OB 3.0 §5.3, SVG)', () => {
  it('embed the credential in the course’s own picture, readable by an XML parser in the Open Badges namespace', () => {
    const svg = bakedBadgeSvg(credential);
    const document = new new JSDOM().window.DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
    const element = document.getElementsByTagNameNS(OPENBADGES_XMLNS, 'credential')[0];
    expect(element?.parentElement).toBe(document.documentElement);
    // Even a "]]>" in the credential survives the CDATA.
    expect(JSON.parse(element?.textContent ?? '')).toEqual(credential);
    expect(svg).toContain('<title>Basics</title>');
  });

  it('can be read back', () => {
    expect(JSON.parse(unbakeSvg(bakedBadgeSvg(credential)) ?? '')).toEqual(credential);
    expect(unbakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>')).toBeNull();
    expect(() => bakeSvg('<png/>', '{}')).toThrow(/not an SVG/);
  });
});
