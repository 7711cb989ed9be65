import { describe, expect, it } from 'vitest';
import { DumpFormatError } from '../../../src/wiki-source/local/dump/read-dump.ts';
import { collectDump, exportXml, fixtureBytes, fixturePath, pageXml, streamOf } from './dump-collector.ts';

describe('readDump on malformed input', () => {
  it('stops at a close tag that does not match, naming its line, column and byte', async () => {
    const dump = await collectDump(fixturePath('malformed-close-tag.xml'));
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe(
      'malformed XML at line 22, column 3 (byte 656): unexpected close tag </page> (expected </revision>)',
    );
    expect((dump.error as DumpFormatError).position).toEqual({ line: 22, column: 3, byteOffset: 656 });
  });

  it('yields the pages completed before the malformed one, and not the malformed one', async () => {
    const dump = await collectDump(fixturePath('malformed-close-tag.xml'));
    expect(dump.pages.map((p) => p.title)).toEqual(['Good']);
  });

  it('does not finish a page whose </page> is missing when </mediawiki> closes it', async () => {
    const xml = '<mediawiki version="0.10">\n  <page>\n    <title>A</title>\n    <id>1</id>\n</mediawiki>\n';
    const dump = await collectDump(streamOf(xml));
    expect(dump.pages).toEqual([]);
    expect(dump.error!.message).toBe(
      'malformed XML at line 5, column 1 (byte 72): unexpected close tag </mediawiki> (expected </page>)',
    );
  });

  it('names an undefined entity and where it starts', async () => {
    const xml = '<mediawiki version="0.10">\n  <page>\n    <title>A&nbsp;B</title>\n';
    const dump = await collectDump(streamOf(xml));
    expect(dump.error!.message).toBe('malformed XML at line 3, column 13 (byte 48): undefined entity &nbsp;');
  });

  it.each([1, 5])('reports the same position when the input arrives %i bytes at a time', async (size) => {
    const dump = await collectDump(streamOf(fixtureBytes('malformed-close-tag.xml'), size));
    expect(dump.error!.message).toMatch(/unexpected close tag <\/page> \(expected <\/revision>\)$/);
    expect((dump.error as DumpFormatError).position).toEqual({ line: 22, column: 3, byteOffset: 656 });
  });

  it('reads an id that is not a number as NaN, for the import to leave out that page alone', async () => {
    const xml = exportXml(
      '  <page>\n    <title>A</title>\n    <id>x1</id>\n  </page>\n' +
        '  <page>\n    <title>B</title>\n    <id>2</id>\n  </page>\n',
    );
    const dump = await collectDump(streamOf(xml));
    expect(dump.error).toBeNull();
    expect(dump.pages.map((p) => [p.title, p.id])).toEqual([
      ['A', Number.NaN],
      ['B', 2],
    ]);
  });

  it('reads a page and a revision without ids, as importDump accepts them', async () => {
    const xml = exportXml(
      '  <page>\n    <title>A</title>\n    <revision>\n      <timestamp>2020-01-01T00:00:00Z</timestamp>\n' +
        '      <text>x</text>\n    </revision>\n  </page>\n',
    );
    const dump = await collectDump(streamOf(xml));
    expect(dump.error).toBeNull();
    expect(dump.pages.map((p) => [p.title, p.id, p.revisions.map((r) => r.id)])).toEqual([
      ['A', null, [null]],
    ]);
  });

  it('refuses a document whose root is not <mediawiki>', async () => {
    const dump = await collectDump(fixturePath('not-an-export.xml'));
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe(
      'not a MediaWiki XML export: unsupported root element <feed> at line 2, column 42 (byte 81); expected <mediawiki>',
    );
  });

  it('refuses input that is neither XML nor compressed', async () => {
    const dump = await collectDump(streamOf('hello world'));
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe('not a MediaWiki XML export: input is neither XML nor gzip/bzip2 data');
  });

  it('refuses empty input', async () => {
    const dump = await collectDump(streamOf(''));
    expect(dump.error!.message).toBe(
      'truncated input at line 1, column 1 (byte 0): no <mediawiki> element (empty input?)',
    );
  });

  it('refuses xz-compressed input by its magic bytes', async () => {
    const xz = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04]);
    const dump = await collectDump(streamOf(xz));
    expect(dump.error!.message).toBe('xz-compressed input is not supported; use .xml, .xml.gz or .xml.bz2');
  });

  it('reads a newer schema version, with a warning', async () => {
    const dump = await collectDump(streamOf(exportXml(pageXml({ title: 'A', id: 1 }), 'version="0.12"')));
    expect(dump.error).toBeNull();
    expect(dump.pages).toHaveLength(1);
    expect(dump.warnings).toEqual(['export schema version 0.12 is newer than 0.11; reading it as 0.11']);
  });
});

describe('readDump on truncated input', () => {
  it('stops with the position and the page when input ends inside a page', async () => {
    const dump = await collectDump(fixturePath('truncated-inside-page.xml'));
    expect(dump.error).toBeInstanceOf(DumpFormatError);
    expect(dump.error!.message).toBe(
      'truncated input at line 21, column 65 (byte 654): input ends inside <page> "Cut" (id 4), in revision 40',
    );
  });

  it('yields every page completed before the cut', async () => {
    const dump = await collectDump(fixturePath('truncated-inside-page.xml'));
    expect(dump.pages.map((p) => p.title)).toEqual(['Complete']);
  });

  it('yields every page and then a warning when input ends after a page without </mediawiki>', async () => {
    const dump = await collectDump(fixturePath('cut-after-page.xml'));
    expect(dump.error).toBeNull();
    expect(dump.kinds).toEqual(['siteinfo', 'page', 'page', 'warning']);
    expect(dump.warnings).toEqual([
      'input ends without </mediawiki> after the last complete page ("Second", id 2); the dump was probably cut at a page boundary',
    ]);
  });

  it('is an error when input ends inside a tag after the last complete page', async () => {
    const xml = Buffer.concat([fixtureBytes('cut-after-page.xml'), Buffer.from('  <pa')]);
    const dump = await collectDump(streamOf(xml));
    expect(dump.pages).toHaveLength(2);
    expect(dump.error!.message).toBe(
      'truncated input at line 28, column 6 (byte 753): input ends inside markup after the last complete page',
    );
  });

  it('names the open elements when input ends inside siteinfo', async () => {
    const xml = '<mediawiki version="0.10">\n  <siteinfo>\n    <sitename>X</sit';
    const dump = await collectDump(streamOf(xml));
    expect(dump.kinds).toEqual([]);
    expect(dump.error!.message).toBe(
      'truncated input at line 3, column 21 (byte 60): input ends inside <mediawiki><siteinfo><sitename>',
    );
  });
});
