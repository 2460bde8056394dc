import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  bold,
  bulletList,
  heading,
  italic,
  link,
  quote,
  type FormatCommand,
} from './markdown-commands';

/**
 * Runs a command on text written with its selection marked: `«` and `»` around a selection, or `|` for the
 * cursor; returns the text after the edit with the new selection marked the same way.
 */
function run(command: FormatCommand, marked: string): string {
  const cursor = marked.indexOf('|');
  const from = cursor >= 0 ? cursor : marked.indexOf('«');
  const to = cursor >= 0 ? cursor : marked.indexOf('»') - 1;
  const text = marked.replace(/[|«»]/g, '');
  const edit = command(text, from, to);
  const after = applyEdit(text, edit);
  const { from: start, to: end } = edit.selection;
  if (start === end) return `${after.slice(0, start)}|${after.slice(start)}`;
  return `${after.slice(0, start)}«${after.slice(start, end)}»${after.slice(end)}`;
}

describe('bold and italic', () => {
  it('wrap the selection, keeping it selected, and unwrap it again', () => {
    expect(run(bold, 'It was «DNS» again.')).toBe('It was **«DNS»** again.');
    expect(run(bold, 'It was **«DNS»** again.')).toBe('It was «DNS» again.');
    expect(run(bold, 'It was «**DNS**» again.')).toBe('It was «DNS» again.');
    expect(run(bold, 'It was «__DNS__» again.')).toBe('It was «DNS» again.');
    expect(run(italic, 'It was «DNS» again.')).toBe('It was _«DNS»_ again.');
    expect(run(italic, 'It was _«DNS»_ again.')).toBe('It was «DNS» again.');
    expect(run(italic, 'It was *«DNS»* again.')).toBe('It was «DNS» again.');
  });

  it('use `*` for part of a word, where Markdown ignores `_`', () => {
    expect(run(italic, 'un«believ»able')).toBe('un*«believ»*able');
    expect(run(italic, 'un*«believ»*able')).toBe('un«believ»able');
    expect(run(bold, 'un«believ»able')).toBe('un**«believ»**able');
  });

  it('leave spaces at the edges of the selection outside the markers', () => {
    expect(run(bold, 'It was« DNS »again.')).toBe('It was **«DNS»** again.');
  });

  it('put the cursor between a new pair of markers, and take an empty pair away', () => {
    expect(run(bold, 'It was | again.')).toBe('It was **|** again.');
    expect(run(bold, 'It was **|** again.')).toBe('It was | again.');
    expect(run(italic, 'It was _|_ again.')).toBe('It was | again.');
  });

  it('do not take a bold marker for an italic one', () => {
    expect(run(italic, 'It was **«DNS»** again.')).toBe('It was **_«DNS»_** again.');
    expect(run(italic, 'It was «**DNS**» again.')).toBe('It was _«**DNS**»_ again.');
  });
});

describe('link', () => {
  it('makes the selection the text of a link and selects the address to type over', () => {
    expect(run(link, 'See «the graphs».')).toBe('See [the graphs](«url»).');
  });

  it('makes a selected address the target, with the cursor where its text goes', () => {
    expect(run(link, 'See «https://example.com/g».')).toBe('See [|](https://example.com/g).');
  });

  it('with nothing selected, inserts a link with its text selected', () => {
    expect(run(link, 'See |.')).toBe('See [«text»](url).');
  });
});

describe('line commands', () => {
  it('bullet every written line of the selection, and unbullet them again', () => {
    expect(run(bulletList, '«One\n\nTwo»')).toBe('- «One\n\n- Two»');
    expect(run(bulletList, '- «One\n\n- Two»')).toBe('«One\n\nTwo»');
    expect(run(bulletList, '* One\n+ T|wo')).toBe('* One\nT|wo');
  });

  it('add the prefix where any line lacks it', () => {
    expect(run(bulletList, '«- One\nTwo»')).toBe('- «- One\n- Two»');
  });

  it('keep the cursor where it was in its line', () => {
    expect(run(quote, 'Intro\nThey s|aid it.\nOutro')).toBe('Intro\n> They s|aid it.\nOutro');
    expect(run(quote, 'Intro\n> They s|aid it.\nOutro')).toBe('Intro\nThey s|aid it.\nOutro');
    expect(run(quote, '>| Quoted')).toBe('|Quoted');
  });

  it('leave out a line the selection only reaches the start of', () => {
    expect(run(quote, '«One\n»Two')).toBe('> «One\n»Two');
  });

  it('make a heading a level-2 heading, replacing another level, and toggle it off', () => {
    expect(run(heading, 'What we |learnt')).toBe('## What we |learnt');
    expect(run(heading, '## What we |learnt')).toBe('What we |learnt');
    expect(run(heading, '# What we |learnt')).toBe('## What we |learnt');
    expect(run(heading, '### What we |learnt')).toBe('## What we |learnt');
  });

  it('prefix an empty line, ready to type', () => {
    expect(run(bulletList, 'One\n|')).toBe('One\n- |');
  });
});
