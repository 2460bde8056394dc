import type { Channel } from '../../../../src-shared/packs/items';
import type { DraftTemplate } from '../../../../src-shared/writing/drafts';
import { channelLabels } from '../../lib/channels';

/**
 * How the two choices of "Start a draft" meet. The channel is the person's: once they have picked one
 * under "For", a template never changes it, because the draft they get is the one they asked for. Until
 * then, a template suggests its own channel, shown in "For" where it can still be changed.
 */
export function channelForTemplate(
  template: Pick<DraftTemplate, 'channel'> | undefined,
  current: Channel,
  chosenByPerson: boolean,
): Channel {
  return template && !chosenByPerson ? template.channel : current;
}

/**
 * What to tell the person when the template was written for another channel than the draft will be:
 * null when they agree. Said before "New draft", so the draft's channel is never a surprise.
 */
export function templateChannelNote(
  template: Pick<DraftTemplate, 'title' | 'channel'> | undefined,
  channel: Channel,
): string | null {
  if (!template || template.channel === channel) return null;
  const breaks =
    template.channel === 'x'
      ? ' Its “---” lines, which split a thread into posts, will show as dividing lines.'
      : '';
  return (
    `“${template.title}” was written for ${aOrAn(channelLabels[template.channel])}; your draft will be ` +
    `${aOrAn(channelLabels[channel])}, as chosen under “For”, starting from the template’s text.${breaks}`
  );
}

/** "an" before a vowel sound: the channel labels start with a vowel, or with X said "ex". */
export function aOrAn(label: string): string {
  return `${/^[AEIOUX]/.test(label) ? 'an' : 'a'} ${label}`;
}
