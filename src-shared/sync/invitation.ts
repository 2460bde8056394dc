import { z } from 'zod';
import { ServerUrl } from './schemas';

/**
 * An invitation carries everything a learner needs to connect to their company's hub in one paste: the hub's
 * address, an enrolment code and (when the code was made for them) their email. It is a link the desktop app
 * opens (`advocate-studio://connect?…`, registered with the operating system) and text a trainer can send.
 */
export const INVITATION_SCHEME = 'advocate-studio';

export const Invitation = z.object({
  hub: ServerUrl,
  code: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable(),
});
export type Invitation = z.infer<typeof Invitation>;

export function invitationLink(invitation: { hub: string; code: string; email: string | null }): string {
  const params: [string, string][] = [
    ['hub', invitation.hub],
    ['code', invitation.code],
    ...(invitation.email ? ([['email', invitation.email]] as [string, string][]) : []),
  ];
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return `${INVITATION_SCHEME}://connect?${query}`;
}

/** A link's query as name → value (shared code has no URLSearchParams: it is neither Node's nor the DOM's). */
function queryOf(link: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of link.slice(link.indexOf('?') + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      params.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
    } catch {
      // A malformed escape leaves that parameter out; the schema then names what is missing.
    }
  }
  return params;
}

/** The message a trainer sends: what to do, in words, with the link the app reads. */
export function invitationText(invitation: {
  hub: string;
  code: string;
  email: string | null;
  expiresAt: string;
}): string {
  const link = invitationLink(invitation);
  return [
    'You are invited to connect Advocate Studio to your company’s hub.',
    `Open this link, or paste this whole message into Advocate Studio (Sync & Settings, “Paste an invitation”): ${link}`,
    `Hub: ${invitation.hub}`,
    `Enrolment code: ${invitation.code} (once, before ${invitation.expiresAt.slice(0, 10)})`,
    ...(invitation.email ? [`For: ${invitation.email}`] : []),
  ].join('\n');
}

const LINK = new RegExp(`${INVITATION_SCHEME}://connect\\?[^\\s"'<>]+`);

/** The invitation in a pasted link or message; a reason in words when there is none or it is damaged. */
export function parseInvitation(
  text: string,
): { ok: true; invitation: Invitation } | { ok: false; reason: string } {
  const link = LINK.exec(text)?.[0];
  if (!link)
    return { ok: false, reason: `There is no ${INVITATION_SCHEME}:// invitation link in what was pasted.` };
  const params = queryOf(link);
  const parsed = Invitation.safeParse({
    hub: params.get('hub') ?? '',
    code: params.get('code') ?? '',
    email: params.get('email') || null,
  });
  if (parsed.success) return { ok: true, invitation: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    reason: `The invitation is damaged: its ${String(issue?.path[0] ?? 'link')} ${issue?.message ?? 'is wrong'}.`,
  };
}
