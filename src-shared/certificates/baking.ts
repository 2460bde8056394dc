/**
 * Baked badges (Open Badges 3.0 §5.3 "Baking", SVG): the badge picture with the signed credential inside it, so
 * the image a learner shares is itself the verifiable credential. The `svg` element declares
 * `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` and holds one `<openbadges:credential>` whose content
 * is the credential's JSON in a CDATA section.
 */
import { courseBadgeSvg } from './badge-image';

export const OPENBADGES_XMLNS = 'https://purl.imsglobal.org/ob/v3p0';

/** The credential's own SVG picture (a data: URI we drew) or one drawn from its name, with it baked in. */
export function bakedBadgeSvg(credential: Record<string, unknown>): string {
  const achievement = (
    credential['credentialSubject'] as { achievement?: Record<string, unknown> } | undefined
  )?.achievement;
  const image = (achievement?.['image'] as { id?: unknown } | undefined)?.id;
  const name =
    typeof achievement?.['name'] === 'string' ? achievement['name'] : String(credential['name'] ?? '');
  return bakeSvg(svgOf(image) ?? courseBadgeSvg(name), JSON.stringify(credential));
}

export function bakeSvg(svg: string, credentialJson: string): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an SVG document');
  const tag = open[0].includes('xmlns:openbadges=')
    ? open[0]
    : open[0].replace(/^<svg\b/, `<svg xmlns:openbadges="${OPENBADGES_XMLNS}"`);
  // A CDATA section ends at the first "]]>": split any inside the JSON across two sections.
  const cdata = `<![CDATA[${credentialJson.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  const element = `<openbadges:credential>${cdata}</openbadges:credential>`;
  return `${svg.slice(0, open.index)}${tag}${element}${svg.slice(open.index + open[0].length)}`;
}

/** The credential baked into an SVG, as JSON text; null when there is none. */
export function unbakeSvg(svg: string): string | null {
  const match = /<openbadges:credential>([\s\S]*?)<\/openbadges:credential>/.exec(svg);
  if (!match) return null;
  return (match[1] ?? '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

function svgOf(image: unknown): string | null {
  const prefix = 'data:image/svg+xml;charset=utf-8,';
  if (typeof image !== 'string' || !image.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(image.slice(prefix.length));
  } catch {
    return null;
  }
}
