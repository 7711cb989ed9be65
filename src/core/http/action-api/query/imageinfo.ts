import { toIsoTimestamp } from '../../../domain/clock.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import type { MediaFile } from '../../../domain/wiki.ts';
import type { ApiRequestContext, QueryModule, QueryPage } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';
import { encodeTitleForUrl } from './site-paths.ts';

const PROPS = [
  'timestamp',
  'user',
  'canonicaltitle',
  'url',
  'size',
  'dimensions',
  'sha1',
  'mime',
  'thumbmime',
  'mediatype',
  'bitdepth',
  'extmetadata',
] as const;

/** The extmetadata fields, their CommonsMetadata source and whether MediaWiki marks them hidden. */
const EXTMETADATA: readonly {
  name: string;
  source: string;
  hidden: boolean;
  value: (f: MediaFile) => string;
}[] = [
  { name: 'DateTime', source: 'mediawiki-metadata', hidden: true, value: (f) => dbTimestamp(f.timestamp) },
  { name: 'ObjectName', source: 'mediawiki-metadata', hidden: false, value: (f) => objectName(f.name) },
  {
    name: 'Categories',
    source: 'commons-categories',
    hidden: true,
    value: (f) => f.categories.map((c) => c.replace(/_/g, ' ')).join('|'),
  },
  {
    name: 'ImageDescription',
    source: 'commons-desc-page',
    hidden: false,
    value: (f) => escapeHtml(f.description),
  },
  { name: 'Artist', source: 'commons-desc-page', hidden: false, value: (f) => escapeHtml(f.author) },
  {
    name: 'LicenseShortName',
    source: 'commons-desc-page',
    hidden: true,
    value: (f) => escapeHtml(f.license),
  },
];

/**
 * prop=imageinfo (ApiQueryImageInfo, ii): the file of each File: page from the media repository
 * the wiki uses — its own when it is one (`imagerepository: "local"`), else the shared one
 * (`"shared"`, as Commons is for Wikipedias). A File: title without a local page whose file is on
 * the shared repository is `missing` and `known`, as in MediaWiki; a title with no file gets
 * `imagerepository: ""`. Each file has one version, so `iilimit` never continues.
 * `iiurlwidth`/`iiurlheight` give `thumburl`, `thumbwidth`, `thumbheight` and `responsiveUrls`
 * (1.5× and 2× renditions where they differ), under File::transform's rules
 * (core/media/media-service.ts). extmetadata carries the fields in EXTMETADATA, filtered by
 * `iiextmetadatafilter`; values are HTML (text escaped).
 */
export const imageinfoModule: QueryModule = {
  name: 'imageinfo',
  kind: 'prop',
  prefix: 'ii',
  description: 'Returns file information and upload history.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: PROPS,
      default: 'timestamp|user',
      description: 'Which file information to get.',
    },
    limit: {
      type: 'limit',
      default: 1,
      min: 1,
      max: 500,
      highMax: 5000,
      description: 'How many file revisions to return per file.',
    },
    urlwidth: {
      type: 'integer',
      default: -1,
      min: -1,
      description: 'If iiprop=url is set, a URL to an image scaled to this width will be returned.',
    },
    urlheight: { type: 'integer', default: -1, min: -1, description: 'Similar to iiurlwidth.' },
    extmetadatafilter: {
      type: 'string',
      multi: true,
      description: 'If specified and non-empty, only these keys will be returned for iiprop=extmetadata.',
    },
    extmetadatalanguage: {
      type: 'string',
      description: 'What language to fetch extmetadata in (the repository has one language).',
    },
  },
  async execute(ctx, params, pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const repository = ctx.services.media.repositoryOf(ctx.wiki);
    const ns = namespacesOf(ctx);
    const filePages: { page: QueryPage; key: number; name: string }[] = [];
    for (const page of [...pages.pages.values(), ...pages.missing]) {
      if (page.ns !== NS_FILE || page.invalid || page.pageid === undefined) continue;
      const name = tryParseTitle(page.title, ns)?.dbKey;
      if (name) filePages.push({ page, key: page.pageid, name });
    }
    const files = repository
      ? await ctx.services.media.getFiles(
          repository.repo,
          filePages.map((p) => p.name),
        )
      : new Map<string, MediaFile>();
    const filter = new Set((params.extmetadatafilter as string[] | undefined) ?? []);
    const box = scaleOf(params);
    for (const { page, key, name } of filePages) {
      const file = files.get(name);
      if (!file || !repository) {
        out.addPageData(key, { imagerepository: '' });
        continue;
      }
      if (page.missing) out.addPageData(key, { known: true });
      out.addPageData(key, {
        imagerepository: repository.name,
        imageinfo: [imageInfo(ctx, file, props, box, filter)],
      });
    }
  },
};

function scaleOf(params: Record<string, unknown>): { width?: number; height?: number } | null {
  const width = params.urlwidth as number;
  const height = params.urlheight as number;
  if (width === -1 && height === -1) return null;
  return { ...(width !== -1 ? { width } : {}), ...(height !== -1 ? { height } : {}) };
}

function imageInfo(
  ctx: ApiRequestContext,
  file: MediaFile,
  props: Set<string>,
  box: { width?: number; height?: number } | null,
  filter: Set<string>,
): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  if (props.has('timestamp')) info.timestamp = toIsoTimestamp(file.timestamp);
  if (props.has('user')) info.user = file.uploader;
  if (props.has('size') || props.has('dimensions')) {
    info.size = file.size;
    info.width = file.width;
    info.height = file.height;
  }
  if (props.has('canonicaltitle')) info.canonicaltitle = `File:${file.name.replace(/_/g, ' ')}`;
  if (props.has('url')) {
    if (box) {
      const media = ctx.services.media;
      const thumb = media.thumbnail(file, box);
      info.thumburl = thumb.url;
      info.thumbwidth = thumb.width;
      info.thumbheight = thumb.height;
      const responsive: Record<string, string> = {};
      for (const density of [1.5, 2]) {
        const scaled = media.thumbnail(file, {
          ...(box.width !== undefined ? { width: Math.round(box.width * density) } : {}),
          ...(box.height !== undefined ? { height: Math.round(box.height * density) } : {}),
        });
        if (scaled.url !== thumb.url) responsive[String(density)] = scaled.url;
      }
      if (Object.keys(responsive).length > 0) info.responsiveUrls = responsive;
    }
    info.url = file.url;
    info.descriptionurl = descriptionUrl(ctx, file);
  }
  if (props.has('sha1')) info.sha1 = file.sha1;
  if (props.has('mime')) info.mime = file.mime;
  if (props.has('thumbmime') && box) info.thumbmime = file.mime === 'image/svg+xml' ? 'image/png' : file.mime;
  if (props.has('mediatype')) info.mediatype = file.mediaType;
  if (props.has('bitdepth')) info.bitdepth = file.bitDepth;
  if (props.has('extmetadata')) {
    const meta: Record<string, unknown> = {};
    for (const field of EXTMETADATA) {
      if (filter.size > 0 && !filter.has(field.name)) continue;
      meta[field.name] = {
        value: field.value(file),
        source: field.source,
        ...(field.hidden ? { hidden: '' } : {}),
      };
    }
    info.extmetadata = meta;
  }
  return info;
}

/** The file's description page on its repository (`/{repo}/wiki/File:Name`, `/wiki/…` for the default wiki). */
function descriptionUrl(ctx: ApiRequestContext, file: MediaFile): string {
  const { server, defaultWiki } = ctx.services.config;
  const path = file.repo === defaultWiki ? '/wiki/' : `/${file.repo}/wiki/`;
  return `${server}${path}${encodeTitleForUrl(`File:${file.name}`)}`;
}

/** MediaWiki's TS_DB form, "2024-05-01 12:00:00", in UTC. */
function dbTimestamp(seconds: number): string {
  return toIsoTimestamp(seconds).replace('T', ' ').replace('Z', '');
}

/** The name without its extension, as text (FormatMetadata's ObjectName). */
function objectName(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/_/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
