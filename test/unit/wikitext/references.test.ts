import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { enwiki } from './wikis.ts';

const references = (text: string, ctx = enwiki()) => analyzeWikitext(text, ctx).references;

describe('references.hasReference (PageTriage HEAD rule)', () => {
  it('is true for a ref element with content', () => {
    expect(references('Fact.<ref>Source</ref>').hasReference).toBe(true);
  });

  it('is true for a named ref with content', () => {
    expect(references('Fact.<ref name="a">Source</ref>').hasReference).toBe(true);
  });

  it('matches tags case-insensitively', () => {
    expect(references('Fact.<REF>Source</Ref>').hasReference).toBe(true);
  });

  it('is false for self-closing refs alone', () => {
    expect(references('Fact.<ref name="a"/> and <ref/>').hasReference).toBe(false);
  });

  it('is false when the only </ref> comes before any opening tag', () => {
    expect(references('</ref> then <ref name=x />').hasReference).toBe(false);
  });

  it('is true for the enwiki citation templates sfn and harvnb, as a name prefix in any case', () => {
    expect(references('Fact.{{sfn|Smith|2001}}').hasReference).toBe(true);
    expect(references('Fact.{{Harvnb|Smith|2001}}').hasReference).toBe(true);
    expect(references('Fact.{{sfnp|Smith|2001}}').hasReference).toBe(true);
  });

  it('uses the configured citation templates instead of the enwiki ones', () => {
    const ctx = enwiki({ citationTemplates: ['Literatur'] });
    expect(references('{{literatur|Autor=X}}', ctx).hasReference).toBe(true);
    expect(references('{{sfn|Smith|2001}}', ctx).hasReference).toBe(false);
  });

  it('treats underscores and spaces in citation template names alike', () => {
    const ctx = enwiki({ citationTemplates: ['cite_note'] });
    expect(references('{{Cite note|x}}', ctx).hasReference).toBe(true);
  });

  it('reads the raw text like PageTriage, so a commented-out ref still counts', () => {
    expect(references('<!-- <ref>x</ref> -->').hasReference).toBe(true);
  });
});

describe('references.count', () => {
  it('counts ref elements, named reuses included', () => {
    expect(references('A<ref name="a">x</ref> B<ref name="a"/> C<ref>y</ref>').count).toBe(3);
  });

  it('counts refs defined inside <references> and {{#tag:ref}}', () => {
    expect(
      references('<references>\n<ref name="b">z</ref>\n</references>{{#tag:ref|n|group=note}}').count,
    ).toBe(2);
  });

  it('does not count refs in comments or nowiki, or unclosed ones', () => {
    expect(references('<!-- <ref>a</ref> --><nowiki><ref>b</ref></nowiki> <ref>never closed').count).toBe(0);
  });
});
