import { describe, expect, it } from 'vitest';
import {
  fillMessageArgs,
  messagePageKey,
  normalizeMessageKey,
  transformMessage,
} from '../../src/core/domain/message-text.ts';

const ctx = {
  sitename: 'Testwiki',
  pagename: 'Some page',
  lookup: (k: string) => (k === 'tagline' ? 'T' : undefined),
};

describe('interface message text', () => {
  it('normalizes keys as MessageCache does: spaces to underscores, first letter lower-cased', () => {
    expect(normalizeMessageKey('Main Page description')).toBe('main_Page_description');
    expect(normalizeMessageKey('Revertpage')).toBe('revertpage');
  });

  it('names the override page MediaWiki:Name for the content language and Name/lang for others', () => {
    expect(messagePageKey('revertpage', 'en', 'en')).toBe('Revertpage');
    expect(messagePageKey('revertpage', 'de', 'en')).toBe('Revertpage/de');
  });

  it('fills $n and leaves a parameter without an argument as written', () => {
    expect(fillMessageArgs('$1 and $2, $3', ['a', 'b'])).toBe('a and b, $3');
  });

  it('expands SITENAME, PAGENAME, PLURAL (explicit forms first), GENDER and int:', () => {
    expect(transformMessage('{{SITENAME}}: {{PAGENAME}}', ctx)).toBe('Testwiki: Some page');
    expect(
      transformMessage('{{PLURAL:1|one|many}} {{PLURAL:3|one|many}} {{PLURAL:0|0=none|one|many}}', ctx),
    ).toBe('one many none');
    expect(transformMessage('{{GENDER:Bob|he|she|they}} {{int:tagline}} {{int:nope}}', ctx)).toBe(
      'they T ⧼nope⧽',
    );
    expect(transformMessage('{{Unknown template}}', ctx)).toBe('{{Unknown template}}');
  });
});
