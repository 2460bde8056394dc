import { describe, expect, it } from 'vitest';
import { channelForTemplate, templateChannelNote } from './new-draft';

const thread = { title: 'Write an X thread', channel: 'x' as const };

describe('starting a draft from a template', () => {
  it('keeps the channel the person chose, and suggests the template’s until they choose', () => {
    expect(channelForTemplate(thread, 'blog', true)).toBe('blog');
    expect(channelForTemplate(thread, 'blog', false)).toBe('x');
    expect(channelForTemplate(undefined, 'forum', false)).toBe('forum');
  });

  it('says plainly when the draft will be for another channel than its template', () => {
    expect(templateChannelNote(thread, 'x')).toBeNull();
    expect(templateChannelNote(undefined, 'blog')).toBeNull();
    expect(templateChannelNote(thread, 'blog')).toBe(
      '“Write an X thread” was written for an X thread; your draft will be an Industry blog post, as ' +
        'chosen under “For”, starting from the template’s text. Its “---” lines, which split a thread ' +
        'into posts, will show as dividing lines.',
    );
    expect(templateChannelNote({ title: 'Answer a question', channel: 'forum' }, 'linkedin')).toBe(
      '“Answer a question” was written for a Forum answer; your draft will be a LinkedIn post, as chosen ' +
        'under “For”, starting from the template’s text.',
    );
  });
});
