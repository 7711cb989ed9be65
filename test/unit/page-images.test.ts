import { describe, expect, it } from 'vitest';
import { defaultNamespaces, NamespaceTable } from '../../src/core/domain/namespaces.ts';
import {
  choosePageImages,
  isFreeLicense,
  NO_EXCLUSIONS,
  parseBadImageList,
  parseDenylist,
  scoreUse,
  type PageImageFile,
  type PageImageUse,
} from '../../src/core/domain/page-images.ts';

// Scores worked out by hand from PageImages' default $wgPageImagesScores (extension.json):
// width ≤119 → -100, ≤400 → 10, ≤600 → 5, else 0; gallery width ≤99 → -100, else 0;
// position 8, 6, 4, 3; ratio ⌊10·w/h⌋ ≤3 → -100, ≤5 → 0, ≤20 → 5, ≤30 → 0, else -100.

const ns = new NamespaceTable(defaultNamespaces());
const photo = (width: number, height: number, license = 'CC BY-SA 4.0'): PageImageFile => ({
  width,
  height,
  mediaType: 'BITMAP',
  license,
});
const link = (title: string, options = ''): PageImageUse => ({ title, options, origin: 'link' });
const article = { namespace: 0, dbKey: 'Article' };

describe('scoreUse', () => {
  it('scores a thumbnail at the default width, first position, 4:3', () => {
    expect(scoreUse(link('A.jpg', 'thumb'), photo(800, 600), 0)).toBe(10 + 8 + 5);
  });

  it.each(['mini', 'náhled', 'تصغير'])(
    'scores a thumbnail made with the localized keyword %s at the default width, not the file width',
    (keyword) => {
      expect(scoreUse(link('A.png', keyword), photo(60, 45), 0)).toBe(10 + 8 + 5);
    },
  );

  it('scores an unsized image at its own width', () => {
    expect(scoreUse(link('A.jpg'), photo(1000, 750), 1)).toBe(0 + 6 + 5);
    expect(scoreUse(link('A.jpg'), photo(500, 375), 2)).toBe(5 + 4 + 5);
  });

  it('reads a declared height as the width it gives', () => {
    expect(scoreUse(link('A.jpg', 'x30px'), photo(800, 600), 0)).toBe(-100 + 8 + 5);
    expect(scoreUse(link('A.jpg', 'x300px'), photo(800, 600), 0)).toBe(10 + 8 + 5);
  });

  it('penalises very tall and very wide images', () => {
    expect(scoreUse(link('A.jpg', 'thumb'), photo(300, 1000), 0)).toBe(10 + 8 - 100);
    expect(scoreUse(link('A.jpg', 'thumb'), photo(3200, 1000), 0)).toBe(10 + 8 - 100);
    expect(scoreUse(link('A.jpg', 'thumb'), photo(2500, 1000), 4)).toBe(10 + 0 + 0);
  });

  it('scores a gallery image by its file width', () => {
    const g: PageImageUse = { title: 'A.jpg', options: '', origin: 'gallery' };
    expect(scoreUse(g, photo(90, 90), 0)).toBe(-100 + 8 + 5);
    expect(scoreUse(g, photo(800, 600), 0)).toBe(0 + 8 + 5);
  });
});

describe('choosePageImages', () => {
  it('takes the highest positive score, the first of equals', () => {
    const files = new Map([
      ['Small.jpg', photo(100, 100)],
      ['First.jpg', photo(800, 600)],
      ['Second.jpg', photo(800, 600)],
    ]);
    const uses = [link('Small.jpg'), link('First.jpg', '300px'), link('Second.jpg', '300px')];
    expect(choosePageImages(article, uses, files, NO_EXCLUSIONS)).toEqual({ page_image_free: 'First.jpg' });
  });

  it('gives nothing when no score is positive', () => {
    const files = new Map([['Icon.png', photo(16, 16)]]);
    expect(choosePageImages(article, [link('Icon.png')], files, NO_EXCLUSIONS)).toEqual({});
  });

  it('does not count files the repository lacks or cannot render as positions', () => {
    const files = new Map<string, PageImageFile>([
      ['Sound.ogg', { width: 0, height: 0, mediaType: 'AUDIO', license: 'CC0' }],
      ['Early.jpg', photo(800, 600)],
      ['Icon.png', photo(800, 600)],
      ['Late.jpg', photo(800, 600)],
    ]);
    const icons = [link('Icon.png', '20px'), link('Icon.png', '20px'), link('Icon.png', '20px')];
    const uses = [
      link('Missing.jpg'),
      link('Sound.ogg'),
      link('Early.jpg', '500px'),
      ...icons,
      link('Late.jpg', '300px'),
    ];
    // Early at position 0: 5 + 8 + 5 = 18; Late at position 4: 10 + 0 + 5 = 15. Had the two
    // non-images counted, Early would be at 2 (14) and Late at 6 (15).
    expect(choosePageImages(article, uses, files, NO_EXCLUSIONS)).toEqual({ page_image_free: 'Early.jpg' });
  });

  it('keeps the best free file apart from a better non-free one', () => {
    const files = new Map([
      ['Logo.png', photo(400, 300, '')],
      ['Photo.jpg', photo(800, 600)],
    ]);
    expect(
      choosePageImages(
        article,
        [link('Logo.png', 'thumb'), link('Photo.jpg', 'thumb')],
        files,
        NO_EXCLUSIONS,
      ),
    ).toEqual({ page_image: 'Logo.png', page_image_free: 'Photo.jpg' });
  });

  it('excludes denylisted files and bad images except on their allowed pages', () => {
    const files = new Map([
      ['Bad.jpg', photo(800, 600)],
      ['Good.jpg', photo(800, 600)],
    ]);
    const uses = [link('Bad.jpg', 'thumb'), link('Good.jpg', 'thumb')];
    const badImages = new Map([['Bad.jpg', new Set(['0:Allowed'])]]);
    const exclusions = { denylist: new Set<string>(), badImages };
    expect(choosePageImages(article, uses, files, exclusions)).toEqual({ page_image_free: 'Good.jpg' });
    expect(choosePageImages({ namespace: 0, dbKey: 'Allowed' }, uses, files, exclusions)).toEqual({
      page_image_free: 'Bad.jpg',
    });
    expect(
      choosePageImages(article, uses, files, { denylist: new Set(['Bad.jpg']), badImages: new Map() }),
    ).toEqual({
      page_image_free: 'Good.jpg',
    });
  });

  it('only chooses for articles', () => {
    const files = new Map([['Photo.jpg', photo(800, 600)]]);
    expect(
      choosePageImages({ namespace: 2, dbKey: 'X' }, [link('Photo.jpg', 'thumb')], files, NO_EXCLUSIONS),
    ).toEqual({});
  });
});

describe('parseBadImageList', () => {
  it('reads list lines: the first link is the file, the others the pages it is allowed on', () => {
    const list = parseBadImageList(
      [
        'The list:',
        '* [[:File:Bad one.jpg]] except on [[Some page]], [[Talk:Other page]]',
        '*[[:File:Bad two.png]]',
        ' * [[:File:Not a list item.jpg]]',
        '* [[:File:Labelled.jpg|label]] except on [[Page]]',
      ].join('\n'),
      ns,
    );
    expect([...list.keys()]).toEqual(['Bad_one.jpg', 'Bad_two.png']);
    expect([...list.get('Bad_one.jpg')!]).toEqual(['0:Some_page', '1:Other_page']);
    expect(list.get('Bad_two.png')!.size).toBe(0);
  });
});

describe('parseDenylist', () => {
  it('reads the links to files', () => {
    expect([...parseDenylist('* [[:File:A b.jpg]]\n* [[:Image:C.png|C]]\n* [[Not a file]]', ns)]).toEqual([
      'A_b.jpg',
      'C.png',
    ]);
  });
});

describe('isFreeLicense', () => {
  it('accepts free licences and refuses unknown and non-free ones', () => {
    expect(['CC BY-SA 4.0', 'CC0', 'Public domain', 'GFDL'].map(isFreeLicense)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['', 'CC BY-NC 4.0', 'CC BY-ND 2.0', 'Fair use'].map(isFreeLicense)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
