import { describe, expect, it } from 'vitest';
import { indexUrl } from '../../../src/core/domain/link-filter.ts';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { enwiki } from './wikis.ts';

const extlinks = (text: string) => analyzeWikitext(text, enwiki()).externalLinks;

describe('external links', () => {
  it('records bracketed links with or without a label, protocol-relative ones included', () => {
    expect(
      extlinks('[https://example.org/a Label] and [http://b.example.org] and [//c.example.org/x y]'),
    ).toEqual(['https://example.org/a', 'http://b.example.org', '//c.example.org/x']);
  });

  it('records bare URLs without their trailing punctuation', () => {
    expect(
      extlinks('See https://example.org/page, or (https://example.org/b). Mail mailto:a@example.org!'),
    ).toEqual(['https://example.org/page', 'https://example.org/b', 'mailto:a@example.org']);
    expect(extlinks('The article https://en.example.org/wiki/Foo_(bar) is linked.')).toEqual([
      'https://en.example.org/wiki/Foo_(bar)',
    ]);
  });

  it('does not take a bare protocol-relative URL, a URL inside a word, or an unknown protocol', () => {
    expect(extlinks('path //example.org/x, xhttps://example.org, foo://example.org, [foo://x y]')).toEqual(
      [],
    );
  });

  it('ends a URL at a template parameter separator and finds URLs in references', () => {
    expect(
      extlinks('Text.<ref>{{cite web|url=https://example.org/source|title=Source}}</ref> [[Page|https]]'),
    ).toEqual(['https://example.org/source']);
  });

  it('ignores URLs in comments, nowiki and HTML attributes, and decodes character references', () => {
    expect(
      extlinks(
        '<!-- https://hidden.example.org --> <nowiki>https://nowiki.example.org</nowiki> <span title="https://attr.example.org">x</span> [https://example.org/?a=1&amp;b=2 q]',
      ),
    ).toEqual(['https://example.org/?a=1&b=2']);
  });

  it('lists each URL once', () => {
    expect(extlinks('https://example.org [https://example.org again]')).toEqual(['https://example.org']);
  });
});

describe('LinkFilter index of a URL', () => {
  it('reverses the host so that a domain and its subdomains share a prefix', () => {
    expect(indexUrl('https://www.Example.org:8080/wiki/X?y=1')).toEqual({
      domainIndex: 'https://org.example.www.:8080',
      path: '/wiki/X?y=1',
    });
    expect(indexUrl('//example.org')).toEqual({ domainIndex: '//org.example.', path: '' });
    expect(indexUrl('mailto:someone@example.org')).toEqual({
      domainIndex: 'mailto:org.example.',
      path: 'someone@',
    });
  });
});
