import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { cswiki, dewiki, enwiki } from './wikis.ts';

const templates = (text: string, ctx = enwiki()) => analyzeWikitext(text, ctx).templates;

describe('templates', () => {
  it('puts unprefixed transclusions in the Template namespace, normalized and deduplicated', () => {
    expect(templates('{{cite web|url=x}} {{Cite_web}} {{ reflist }}')).toEqual([
      { namespace: 10, title: 'Cite web' },
      { namespace: 10, title: 'Reflist' },
    ]);
  });

  it('honours explicit namespaces and the leading colon', () => {
    expect(templates('{{:Main Page}} {{Wikipedia:Sandbox}} {{Template:Foo}}')).toEqual([
      { namespace: 0, title: 'Main Page' },
      { namespace: 4, title: 'Sandbox' },
      { namespace: 10, title: 'Foo' },
    ]);
  });

  it('accepts localized template namespace names', () => {
    expect(templates('{{Vorlage:Infobox Unternehmen}}', dewiki())).toEqual([
      { namespace: 10, title: 'Infobox Unternehmen' },
    ]);
    expect(templates('{{Šablona:Citace elektronického periodika}}', cswiki())).toEqual([
      { namespace: 10, title: 'Citace elektronického periodika' },
    ]);
  });

  it('lists nested templates in document order', () => {
    expect(templates('{{Outer|a={{Inner|{{Innermost}}}}}}')).toEqual([
      { namespace: 10, title: 'Outer' },
      { namespace: 10, title: 'Inner' },
      { namespace: 10, title: 'Innermost' },
    ]);
  });

  it('excludes parser functions but keeps templates in their arguments', () => {
    expect(templates('{{#if:{{{1|}}}|{{Yes}}|no}} {{#switch:x|a={{A}}}} {{#tag:ref|x}}')).toEqual([
      { namespace: 10, title: 'Yes' },
      { namespace: 10, title: 'A' },
    ]);
  });

  it('records the module called by #invoke in the Module namespace', () => {
    expect(templates('{{#invoke:Citation/CS1|citation}} {{#invoke:Module:Sandbox|main}}')).toEqual([
      { namespace: 828, title: 'Citation/CS1' },
      { namespace: 828, title: 'Sandbox' },
    ]);
  });

  it('excludes magic words and variables, respecting their case rules', () => {
    expect(
      templates('{{PAGENAME}} {{CURRENTYEAR}} {{DEFAULTSORT:X}} {{lc:ABC}} {{LC:ABC}} {{!}} {{pagename}}'),
    ).toEqual([{ namespace: 10, title: 'Pagename' }]);
  });

  it('reads a variable name with arguments as a template, as MediaWiki does', () => {
    expect(templates('{{CURRENTYEAR|x}}')).toEqual([{ namespace: 10, title: 'CURRENTYEAR' }]);
  });

  it('counts subst: and safesubst: as the template they name', () => {
    expect(templates('{{subst:Welcome}} {{safesubst:Uw-test1}} {{msgnw:Raw}}')).toEqual([
      { namespace: 10, title: 'Welcome' },
      { namespace: 10, title: 'Uw-test1' },
      { namespace: 10, title: 'Raw' },
    ]);
  });

  it('ignores template parameters and names built from other templates', () => {
    expect(templates('{{{1}}} {{{title|Default}}} {{ {{Name}} }}')).toEqual([
      { namespace: 10, title: 'Name' },
    ]);
  });

  it('ignores unclosed transclusions and those inside comments or nowiki', () => {
    expect(templates('{{Open <!-- {{Hidden}} --> <nowiki>{{Nope}}</nowiki>')).toEqual([]);
  });

  it('treats localized magic words from the context as magic', () => {
    expect(templates('{{SEITENNAME}} {{Foo}}', dewiki({ magicWords: ['SEITENNAME'] }))).toEqual([
      { namespace: 10, title: 'Foo' },
    ]);
  });

  it('matches braces like the preprocessor: {{{{x}}}} is a brace, a parameter and a brace', () => {
    expect(templates('{{{{x}}}} {{A|{{{{B}}}}}}')).toEqual([{ namespace: 10, title: 'A' }]);
  });
});

describe('hasInfobox', () => {
  it('is true for a template whose name starts with an infobox prefix, in any case', () => {
    expect(analyzeWikitext('{{infobox person|name=X}}', enwiki()).hasInfobox).toBe(true);
    expect(analyzeWikitext('{{Taxobox}}', enwiki()).hasInfobox).toBe(true);
  });

  it('is false without one', () => {
    expect(analyzeWikitext('{{Information|x}} {{Short description|Infobox}}', enwiki()).hasInfobox).toBe(
      false,
    );
  });

  it('uses the configured prefixes', () => {
    const ctx = dewiki({ infoboxTemplatePrefixes: ['Personendaten'] });
    expect(analyzeWikitext('{{Personendaten|NAME=X}}', ctx).hasInfobox).toBe(true);
    expect(analyzeWikitext('{{Infobox Unternehmen}}', ctx).hasInfobox).toBe(false);
  });
});
