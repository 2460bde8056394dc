import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { courseBadgeImage, courseBadgeSvg } from './badge-image';

describe('courseBadgeImage', () => {
  it('is an SVG data: URI without whitespace that decodes to the picture with the title', () => {
    const uri = courseBadgeImage('Advocate Foundations');
    expect(uri).toMatch(/^data:image\/svg\+xml;charset=utf-8,[^\s]+$/);
    const svg = decodeURIComponent(uri.slice(uri.indexOf(',') + 1));
    expect(svg).toBe(courseBadgeSvg('Advocate Foundations'));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Advocate Foundations</title>');
    expect(svg).toContain('>AF</text>');
  });

  it('is the same for the same title and differs between courses', () => {
    expect(courseBadgeImage('Basics')).toBe(courseBadgeImage('Basics'));
    expect(courseBadgeImage('Basics')).not.toBe(courseBadgeImage('Advanced'));
  });

  it('escapes markup in a title, and stays well-formed XML', () => {
    const svg = courseBadgeSvg('<script>alert("x")</script> & more');
    const parsed = new new JSDOM().window.DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(parsed.documentElement.getElementsByTagName('title')[0]?.textContent).toBe(
      '<script>alert("x")</script> & more',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
  });
});
