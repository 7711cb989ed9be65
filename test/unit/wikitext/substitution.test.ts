import { describe, expect, it } from 'vitest';
import {
  forInclusion,
  substitute,
  substituteAll,
  type TemplateText,
} from '../../../src/wikitext/substitution.ts';

/**
 * Expected texts are what MediaWiki 1.39 saves for the same input and templates (its pre-save
 * transform with the preprocessor's substitution), written out by hand.
 */
const TEMPLATES: Record<string, string> = {
  Greet: 'Hello {{{1}}}, from {{{from|nobody}}}!',
  Note: '<noinclude>Documentation. {{Doc}}</noinclude>== {{{title}}} ==\n{{{text}}}<includeonly> ~~~~</includeonly>',
  Only: 'before <onlyinclude>[{{{1}}}]</onlyinclude> middle <onlyinclude>({{{2|x}}})</onlyinclude> after',
  Nested: '{{{{{|safesubst:}}}Greet|{{{1}}}|from=Nested}}',
  Plain: '{{Greet|{{{1}}}}}',
  Loop: '{{subst:Loop}}',
  Dated: '{{Maintenance|date={{{date|}}}}}',
};

function run(text: string, extra: Record<string, string | null> = {}): ReturnType<typeof substitute> {
  return substitute(text, {
    lookup: (name): TemplateText | undefined => {
      const key = name.replace(/^Template:/, '');
      if (key in extra) return { title: `Template:${key}`, text: extra[key] ?? null };
      if (key in TEMPLATES) return { title: `Template:${key}`, text: TEMPLATES[key] as string };
      return undefined;
    },
    variable: (name) => ({ CURRENTYEAR: '2026', CURRENTMONTHNAME: 'December', PAGENAME: 'Foo bar' })[name],
  });
}

describe('substitution (the pre-save transform of {{subst:…}})', () => {
  it('replaces a template with its text, positional and named arguments in place', () => {
    expect(run('A {{subst:Greet|World|from=me}} B').text).toBe('A Hello World, from me! B');
  });

  it('uses a parameter default when the argument is missing, and trims named but not positional values', () => {
    expect(run('{{subst:Greet| spaced }}').text).toBe('Hello  spaced , from nobody!');
    expect(run('{{subst:Greet|x|from=  padded  }}').text).toBe('Hello x, from padded!');
  });

  it('leaves a parameter without argument or default as written', () => {
    expect(run('{{subst:Greet}}').text).toBe('Hello {{{1}}}, from nobody!');
  });

  it('takes the template as a transclusion: noinclude dropped, includeonly kept without its tags', () => {
    expect(run('{{subst:Note|title=Hi|text=Body}}').text).toBe('== Hi ==\nBody ~~~~');
  });

  it('takes only the onlyinclude parts when there are any', () => {
    expect(run('{{subst:Only|a}}').text).toBe('[a](x)');
    expect(forInclusion('x<onlyinclude>1</onlyinclude>y')).toBe('1');
  });

  it('substitutes calls that become safesubst: inside the template (the {{{|safesubst:}}} idiom)', () => {
    expect(run('{{subst:Nested|Ann}}').text).toBe('Hello Ann, from Nested!');
  });

  it('keeps ordinary transclusions inside a substituted template as transclusions', () => {
    expect(run('{{subst:Plain|Bo}}').text).toBe('{{Greet|Bo}}');
    expect(run('{{subst:Dated|date=May 2026}}').text).toBe('{{Maintenance|date=May 2026}}');
  });

  it('substitutes inside the arguments of a template that is not substituted', () => {
    expect(run('{{Dated|date={{subst:CURRENTMONTHNAME}} {{subst:CURRENTYEAR}}}}').text).toBe(
      '{{Dated|date=December 2026}}',
    );
  });

  it('replaces variables, and safesubst: works like subst: on a page', () => {
    expect(run('{{subst:PAGENAME}} / {{safesubst:CURRENTYEAR}}').text).toBe('Foo bar / 2026');
  });

  it('saves a missing template as a link to it', () => {
    expect(run('{{subst:Gone}}', { Gone: null }).text).toBe('[[:Template:Gone]]');
  });

  it('reports templates it does not know yet and leaves their calls for the next round', () => {
    const r = run('{{subst:Unknown|a}} and {{subst:Greet|b}}');
    expect(r.missing).toEqual(['Unknown']);
    expect(r.text).toBe('{{subst:Unknown|a}} and Hello b, from nobody!');
  });

  it('does not substitute inside comments, nowiki, pre, ref or includeonly', () => {
    for (const text of [
      '<!-- {{subst:Greet|x}} -->',
      '<nowiki>{{subst:Greet|x}}</nowiki>',
      '<pre>{{subst:Greet|x}}</pre>',
      '<ref>{{subst:Greet|x}}</ref>',
      '{{<includeonly>subst:</includeonly>Greet|x}}',
    ])
      expect(run(text).text).toBe(text);
  });

  it('does not split arguments at a pipe inside a link, nor name them at an = inside a nested call', () => {
    expect(run('{{subst:Greet|[[Target|label]]|from={{Some|a=b}}}}').text).toBe(
      'Hello [[Target|label]], from {{Some|a=b}}!',
    );
  });

  it('leaves parser functions and unbalanced braces as written', () => {
    expect(run('{{subst:#if:x|y}}').text).toBe('{{subst:#if:x|y}}');
    expect(run('{{subst:Greet|a').text).toBe('{{subst:Greet|a');
    expect(run('}} {{subst:Greet|a}} ]]').text).toBe('}} Hello a, from nobody! ]]');
  });

  it('pairs brace runs as the preprocessor does: {{{{{x}}}}} is a template named by a parameter', () => {
    expect(run('{{subst:Wrap|Greet}}', { Wrap: '{{{{{|safesubst:}}}{{{1}}}|inner}}' }).text).toBe(
      'Hello inner, from nobody!',
    );
  });

  it('stops a template that substitutes itself at the depth limit instead of looping', () => {
    const r = run('{{subst:Loop}}');
    expect(r.text).toBe('{{subst:Loop}}');
  });

  it('fetches nested templates round by round (substituteAll)', async () => {
    const asked: string[][] = [];
    const text = await substituteAll(
      '{{subst:Outer}}',
      () => undefined,
      async (names) => {
        asked.push([...names]);
        const all: Record<string, string> = { Outer: '<{{{{{|safesubst:}}}Inner}}>', Inner: 'in' };
        return new Map(names.map((n) => [n, { title: `Template:${n}`, text: all[n] ?? null }]));
      },
    );
    expect(text).toBe('<in>');
    expect(asked).toEqual([['Outer'], ['Inner']]);
  });
});
