import { describe, expect, it } from 'vitest';
import { analyzeWikitext } from '../../../src/wikitext/analyze.ts';
import { cswiki, dewiki, enwiki } from './wikis.ts';

const files = (text: string, ctx = enwiki()) => analyzeWikitext(text, ctx).files;

describe('files', () => {
  it('lists file links under any File alias, in display form', () => {
    expect(files('[[File:A_b.jpg|thumb|x]] [[Image:c.png]] [[Media:Sound.ogg]]')).toEqual([
      { title: 'A b.jpg', source: 'link' },
      { title: 'C.png', source: 'link' },
      { title: 'Sound.ogg', source: 'link' },
    ]);
  });

  it('reads German file links with localized options', () => {
    expect(
      files('[[Datei:Keilprofil-6K.JPG|mini|hochkant=1.3|Antriebswelle]] [[Bild:Alt.png]]', dewiki()),
    ).toEqual([
      { title: 'Keilprofil-6K.JPG', source: 'link' },
      { title: 'Alt.png', source: 'link' },
    ]);
  });

  it('reads Czech Soubor: links', () => {
    expect(files('[[Soubor:Praha.jpg|náhled|Praha]]', cswiki())).toEqual([
      { title: 'Praha.jpg', source: 'link' },
    ]);
  });

  it('lists gallery lines, with or without the File prefix', () => {
    expect(
      files(
        '<gallery mode="packed">\nFile:One.jpg|First\ntwo.jpg|Second [[Link]]\n\nCategory:Not a file\n</gallery>',
      ),
    ).toEqual([
      { title: 'One.jpg', source: 'gallery' },
      { title: 'Two.jpg', source: 'gallery' },
    ]);
  });

  it('skips a gallery line whose name is not a valid title, caption included', () => {
    const a = analyzeWikitext(
      '<gallery>\n|A [[Caption link]]\n[[File:B.jpg|thumb|[[Inner]]]]\n{{Needs image}}\nC.jpg, [[Not a caption]]\nD.jpg|[[Kept]]\n</gallery>',
      enwiki(),
    );
    expect(a.files).toEqual([{ title: 'D.jpg', source: 'gallery' }]);
    expect(a.links).toEqual([{ namespace: 0, title: 'Kept' }]);
    expect(a.templates).toEqual([]);
  });

  it('ignores references in a skipped gallery line', () => {
    expect(analyzeWikitext('<gallery>\n|x<ref>y</ref>\n</gallery>', enwiki()).references.count).toBe(0);
  });

  it('loses a File link that ends the search of an unclosed File link before it', () => {
    expect(analyzeWikitext('[[File:A.jpg|[[b]] [[File:C.jpg|[[d]]]]', enwiki())).toMatchObject({
      files: [],
      links: [
        { namespace: 0, title: 'B' },
        { namespace: 0, title: 'D' },
      ],
    });
  });

  it('leaves <gallery> as text when the wiki has no gallery tag', () => {
    expect(files('<gallery>\nOne.jpg\n</gallery>', enwiki({ galleryTags: false }))).toEqual([]);
  });

  it('reads the image of an <imagemap>', () => {
    expect(files('<imagemap>\nFile:Map.png|300px\nrect 0 0 10 10 [[Somewhere]]\n</imagemap>')).toEqual([
      { title: 'Map.png', source: 'link' },
    ]);
  });

  it('reads infobox image parameters as bare names, prefixed names and links', () => {
    const text =
      '{{Infobox person\n| image = Portrait_x.jpg\n| logo = File:Logo.svg\n| photo = [[File:Photo.jpg|200px]]\n}}';
    expect(files(text)).toEqual([
      { title: 'Portrait x.jpg', source: 'infobox' },
      { title: 'Logo.svg', source: 'infobox' },
      { title: 'Photo.jpg', source: 'infobox' },
    ]);
  });

  it('matches infobox image parameters case-insensitively across languages', () => {
    expect(
      files('{{Infobox Unternehmen\n| Logo = [[Datei:BBDO Logo.png]]\n| Bild = Sitz.jpg }}', dewiki()),
    ).toEqual([
      { title: 'BBDO Logo.png', source: 'infobox' },
      { title: 'Sitz.jpg', source: 'infobox' },
    ]);
  });

  it('ignores infobox parameter values that do not name a file', () => {
    expect(
      files('{{Infobox x|image=yes|image1={{Multiple image}}|photo=<!-- none -->|logo=http://x/y.png}}'),
    ).toEqual([]);
  });

  it('ignores image parameters of templates that are not infoboxes', () => {
    expect(files('{{Quote box|image=Q.jpg}}')).toEqual([]);
  });

  it('keeps the first source of a file used twice', () => {
    expect(files('[[File:X.jpg]] {{Infobox|image=X.jpg}} <gallery>\nX.jpg\nY.jpg\n</gallery>')).toEqual([
      { title: 'X.jpg', source: 'link' },
      { title: 'Y.jpg', source: 'gallery' },
    ]);
  });
});

describe('leadImageCandidates', () => {
  const lead = (text: string, ctx = enwiki()) =>
    analyzeWikitext(text, ctx).leadImageCandidates.map((c) => c.title);

  it('puts the infobox image before earlier file links', () => {
    expect(lead('[[File:Before.jpg|thumb]]\n{{Infobox city|image_skyline=Skyline.jpg}}\nText')).toEqual([
      'Skyline.jpg',
      'Before.jpg',
    ]);
  });

  it('takes the most preferred infobox parameter, a map only when nothing else', () => {
    expect(lead('{{Infobox settlement|image_map=Map.svg|image_skyline=Town.jpg}}')).toEqual(['Town.jpg']);
    expect(lead('{{Infobox settlement|image_map=Map.svg|image_skyline=}}')).toEqual(['Map.svg']);
  });

  it('lists the file links of the lead in order, with their options', () => {
    const c = analyzeWikitext(
      'Intro.\n[[File:First.jpg|thumb|Caption]]\n[[File:Second.jpg|20px]]',
      enwiki(),
    ).leadImageCandidates;
    expect(c.map((x) => [x.title, x.options, x.origin])).toEqual([
      ['First.jpg', 'thumb|Caption', 'link'],
      ['Second.jpg', '20px', 'link'],
    ]);
  });

  it('only looks before the first heading', () => {
    expect(lead('Intro.\n== History ==\n[[File:Later.jpg|thumb]]')).toEqual([]);
    expect(lead('Intro.\n== History ==\n{{Infobox x|image=Late.jpg}}')).toEqual([]);
  });

  it('skips files inside templates other than infoboxes', () => {
    expect(lead('{{Listen|[[File:In template.jpg]]}} {{Infobox x|caption=[[File:In infobox.jpg]]}}')).toEqual(
      ['In infobox.jpg'],
    );
  });

  it('skips files in references, which render at the end of the page', () => {
    expect(lead('Text.<ref>[[File:In ref.jpg]]</ref>')).toEqual([]);
  });

  it('considers gallery images of the lead', () => {
    expect(lead('<gallery>\nGallery one.jpg\n</gallery>')).toEqual(['Gallery one.jpg']);
  });

  it('reads localized file links', () => {
    expect(lead('[[Soubor:Praha.jpg|náhled|Praha]]', cswiki())).toEqual(['Praha.jpg']);
  });
});
