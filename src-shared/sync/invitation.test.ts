import { describe, expect, it } from 'vitest';
import { invitationLink, invitationText, parseInvitation } from './invitation';

describe('invitations', () => {
  const invitation = { hub: 'https://hub.example.com/', code: 'enrol_abc-123', email: 'ada@example.com' };

  it('round-trip through the link and through the whole message a trainer sends', () => {
    expect(parseInvitation(invitationLink(invitation))).toEqual({ ok: true, invitation });
    const text = invitationText({ ...invitation, expiresAt: '2026-12-07T10:00:00.000Z' });
    expect(text).toContain('before 2026-12-07');
    expect(parseInvitation(`Hi Ada,\n\n${text}\n\nTom`)).toEqual({ ok: true, invitation });
    const anyone = { ...invitation, email: null };
    expect(parseInvitation(invitationLink(anyone))).toEqual({ ok: true, invitation: anyone });
  });

  it('says what is wrong with something that is not an invitation, or a damaged one', () => {
    expect(parseInvitation('https://hub.example.com')).toEqual({
      ok: false,
      reason: 'There is no advocate-studio:// invitation link in what was pasted.',
    });
    const clear = parseInvitation(invitationLink({ ...invitation, hub: 'http://hub.example.com' }));
    expect(clear.ok).toBe(false);
    if (!clear.ok)
      expect(clear.reason).toMatch(/^The invitation is damaged: its hub must start with https:\/\//);
    expect(parseInvitation('advocate-studio://connect?hub=https%3A%2F%2Fh.example.com').ok).toBe(false);
  });
});
