/**
 * The public verification page of a company credential (/credentials/<id>): who, what, when, the issuer, and
 * whether it is valid or revoked, with the signed JSON one click away. Plain HTML under a CSP that runs nothing.
 */
export interface CredentialPageFacts {
  learnerName: string;
  courseTitle: string;
  courseDescription: string;
  criteria: string;
  issuedAt: string;
  issuerName: string;
  issuerUrl: string | null;
  issuerDid: string;
  image: string | null;
  status: { kind: 'valid' } | { kind: 'revoked'; at: string } | { kind: 'invalid'; reason: string };
  jsonUrl: string;
}

export const CREDENTIAL_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function credentialPage(facts: CredentialPageFacts): string {
  const e = escapeHtml;
  const status =
    facts.status.kind === 'valid'
      ? `<p class="status valid" role="status">Valid: signed by ${e(facts.issuerName)} and not revoked.</p>`
      : facts.status.kind === 'revoked'
        ? `<p class="status revoked" role="status">Revoked by ${e(facts.issuerName)} on ${e(day(facts.status.at))}.</p>`
        : `<p class="status revoked" role="status">Not valid: ${e(facts.status.reason)}.</p>`;
  const issuer = facts.issuerUrl
    ? `<a href="${e(facts.issuerUrl)}" rel="noopener">${e(facts.issuerName)}</a>`
    : e(facts.issuerName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(facts.courseTitle)}: ${e(facts.learnerName)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
.status{padding:.75rem 1rem;border-radius:.5rem;font-weight:600}
.valid{background:#e6f4ea;color:#0d5524}.revoked{background:#fde8e8;color:#8a1414}
dt{font-weight:600;margin-top:.75rem}dd{margin:0}img{width:6rem;height:6rem;float:right;margin-left:1rem}
</style>
</head>
<body>
<main>
${facts.image ? `<img src="${e(facts.image)}" alt="">` : ''}
<h1>${e(facts.courseTitle)}</h1>
${status}
<dl>
<dt>Awarded to</dt><dd>${e(facts.learnerName)}</dd>
<dt>Issued by</dt><dd>${issuer} <small>(${e(facts.issuerDid)})</small></dd>
<dt>Issued on</dt><dd><time datetime="${e(facts.issuedAt)}">${e(day(facts.issuedAt))}</time></dd>
<dt>About the course</dt><dd>${e(facts.courseDescription)}</dd>
<dt>What it took</dt><dd>${e(facts.criteria)}</dd>
</dl>
<p><a href="${e(facts.jsonUrl)}">The signed credential (Open Badges 3.0, JSON)</a></p>
</main>
</body>
</html>
`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
