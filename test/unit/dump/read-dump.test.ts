import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectDump, fixtureBytes, fixturePath, streamOf } from './dump-collector.ts';

describe('readDump on a schema 0.10 export', () => {
  const path = fixturePath('export-0.10.xml');

  it('yields the siteinfo first, then every page in dump order', async () => {
    const dump = await collectDump(path);
    expect(dump.error).toBeNull();
    expect(dump.kinds).toEqual(['siteinfo', 'page', 'page', 'page', 'page', 'page']);
    expect(dump.pages.map((p) => p.title)).toEqual([
      'Suoku puslopa',
      'Rēzekne',
      'Rezekne',
      'Kategoreja:Vīsture',
      'Fails:Pīmārs.jpg',
    ]);
  });

  it('keeps the full prefixed title with its namespace id and page id', async () => {
    const { pages } = await collectDump(path);
    const category = pages[3]!;
    expect(category).toMatchObject({ title: 'Kategoreja:Vīsture', namespace: 14, id: 9 });
  });

  it('decodes entities in text and preserves its whitespace', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.revisions[0]!.text).toBe(
      "  '''Vikipedeja''' <ref>Tom & Jerry</ref> \"qq\" \u{1F600} é\n[[Kategoreja:Vīsture]]\n",
    );
  });

  it('reads contributor, minor flag, decoded comment, parent id, model, format and sha1', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.revisions[0]).toEqual({
      id: 31,
      parentId: 30,
      timestamp: '2017-08-01T10:00:00Z',
      contributor: { id: 42, username: 'Ltg & co', ip: null, deleted: false },
      minor: true,
      comment: '/* Intro */ <b>bold</b> summary',
      commentDeleted: false,
      model: 'wikitext',
      format: 'text/x-wiki',
      text: expect.any(String),
      sha1: 'abcdefghijklmnopqrstuvwxyz01234',
      textBytes: 79,
      textTooLarge: false,
      textDeleted: false,
    });
  });

  it('reads every revision of a full-history page, oldest first', async () => {
    const { pages } = await collectDump(path);
    const revisions = pages[1]!.revisions;
    expect(revisions.map((r) => [r.id, r.parentId])).toEqual([
      [10, null],
      [11, 10],
      [12, 11],
    ]);
  });

  it('gives an IP edit its address and no user id', async () => {
    const { pages } = await collectDump(path);
    expect(pages[1]!.revisions[0]!.contributor).toEqual({
      id: null,
      username: null,
      ip: '192.0.2.1',
      deleted: false,
    });
    expect(pages[1]!.revisions[0]!.minor).toBe(false);
  });

  it('marks a deleted contributor and a deleted comment', async () => {
    const { pages } = await collectDump(path);
    const rev = pages[1]!.revisions[1]!;
    expect(rev.contributor).toEqual({ id: null, username: null, ip: null, deleted: true });
    expect(rev).toMatchObject({ comment: null, commentDeleted: true, text: 'Ūtrais' });
  });

  it('marks deleted text with empty text and no sha1', async () => {
    const { pages } = await collectDump(path);
    expect(pages[1]!.revisions[2]).toMatchObject({ textDeleted: true, text: '', sha1: null, comment: null });
  });

  it('reads the redirect target, and null for pages that are not redirects', async () => {
    const { pages } = await collectDump(path);
    expect(pages.map((p) => p.redirectTitle)).toEqual([null, null, 'Rēzekne', null, null]);
  });

  it('reads protection restrictions', async () => {
    const { pages } = await collectDump(path);
    expect(pages[3]!.restrictions).toBe('edit=sysop:move=sysop');
    expect(pages[0]!.restrictions).toBeNull();
  });

  it('reads an empty <text/> as empty text that is not deleted', async () => {
    const { pages } = await collectDump(path);
    expect(pages[3]!.revisions[0]).toMatchObject({ text: '', textDeleted: false });
  });

  it('ignores <upload> and <discussionthreadinginfo>', async () => {
    const { pages } = await collectDump(path);
    const file = pages[4]!;
    expect(file.revisions).toHaveLength(1);
    expect(file.revisions[0]).toMatchObject({ id: 15, text: 'Apraksts', comment: null });
    expect(file.revisions[0]!.contributor.username).toBe('Fotografs');
  });

  it('reports, for each page, the uncompressed bytes read up to its </page>', async () => {
    const bytes = fixtureBytes('export-0.10.xml');
    const ends: number[] = [];
    for (let at = bytes.indexOf('</page>'); at >= 0; at = bytes.indexOf('</page>', at + 1)) {
      ends.push(at + '</page>'.length);
    }
    const { byteOffsets } = await collectDump(path);
    expect(byteOffsets).toEqual(ends);
  });

  it('gives the same items when the bytes arrive a few at a time, split inside characters', async () => {
    const whole = await collectDump(path);
    const trickled = await collectDump(streamOf(fixtureBytes('export-0.10.xml'), 7));
    expect(trickled).toEqual(whole);
  });

  it('reports compressed bytes read and the file size through onBytes', async () => {
    const calls: [number, number | undefined][] = [];
    await collectDump(path, { onBytes: (read, total) => calls.push([read, total]) });
    const size = statSync(path).size;
    expect(calls.at(-1)).toEqual([size, size]);
  });

  it('reports no total through onBytes when reading a stream', async () => {
    const bytes = fixtureBytes('export-0.10.xml');
    const calls: [number, number | undefined][] = [];
    await collectDump(streamOf(bytes, 2000), { onBytes: (read, total) => calls.push([read, total]) });
    expect(calls.map(([read]) => read)).toEqual([2000, 4000, bytes.length]);
    expect(calls.every(([, total]) => total === undefined)).toBe(true);
  });

  it('skips pages before the first page whose id reaches skipPagesUntilId', async () => {
    const dump = await collectDump(path, { skipPagesUntilId: 6 });
    expect(dump.siteinfo).not.toBeNull();
    expect(dump.pages.map((p) => p.id)).toEqual([7, 9, 12]);
  });
});

describe('readDump on a schema 0.11 export', () => {
  const path = fixturePath('export-0.11.xml');

  it('keeps the main slot when other slots follow in <content>', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.revisions[0]).toMatchObject({
      model: 'wikitext',
      format: 'text/x-wiki',
      text: '== {{langue|fr}} ==\nmanger',
    });
  });

  it('takes the revision sha1 from <sha1>, not from the text attribute', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.revisions[0]!.sha1).toBe('revisionsha1revisionsha1revisio');
  });

  it('reads deleted text with an empty sha1 attribute as deleted, without sha1', async () => {
    const { pages } = await collectDump(path);
    expect(pages[1]!.revisions[0]).toMatchObject({ id: 5001, textDeleted: true, text: '', sha1: null });
  });

  it('ignores <logitem> entries', async () => {
    const dump = await collectDump(path);
    expect(dump.error).toBeNull();
    expect(dump.pages.map((p) => p.id)).toEqual([100, 101]);
  });
});

describe('readDump on a schema 0.4 export', () => {
  const path = fixturePath('export-0.4.xml');

  it('derives the namespace from the title prefix when there is no <ns>', async () => {
    const { pages } = await collectDump(path);
    expect(pages.map((p) => [p.title, p.namespace])).toEqual([
      ['Talk:AccessibleComputing', 1],
      ['Wikipedia:About', 4],
      ['Mission: Impossible', 0],
    ]);
  });

  it('has no redirect target for the bare <redirect/> flag of old schemas', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.redirectTitle).toBeNull();
  });

  it('defaults model and format to wikitext when the schema predates them', async () => {
    const { pages } = await collectDump(path);
    expect(pages[0]!.revisions[0]).toMatchObject({ model: 'wikitext', format: 'text/x-wiki', sha1: null });
  });
});
