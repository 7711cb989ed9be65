import type { MediaFile } from '../../../domain/wiki.ts';
import { fail } from '../../../../errors.ts';
import { NS_FILE } from '../../../domain/namespaces.ts';
import { tryParseTitle } from '../../../domain/titles.ts';
import type { ApiRequestContext, QueryModule, QueryPage } from '../module.ts';
import { namespacesOf } from '../request-namespaces.ts';

/**
 * prop=pageimages (PageImages' ApiQueryPageImages): the lead image of each page from its page
 * properties (image-suggestions-and-page-queue.md §2; chosen by core/domain/page-images.ts):
 * `page_image_free` with pilicense=free, and with pilicense=any `page_image` when the page has one
 * (the best image when it is not freely licensed), else `page_image_free`. A File page, existing
 * or not, is its own image. Thumbnails fit in a pithumbsize × pithumbsize box and are never larger
 * than the original (File::transform; a scaled one's `source` is its rendition under
 * /images/…/thumb/, core/media/media-service.ts). Files the media repository does not know get
 * `pageimage` only. The pages are taken in page-id order, then the missing File titles;
 * `picontinue` is the id of the first page not yet answered.
 */
export const pageimagesModule: QueryModule = {
  name: 'pageimages',
  kind: 'prop',
  prefix: 'pi',
  description: 'Returns information about images on the page, such as thumbnail and presence of photos.',
  params: {
    prop: {
      type: 'enum',
      multi: true,
      values: ['thumbnail', 'name', 'original'],
      default: 'thumbnail|name',
      description: 'Which information to return.',
    },
    thumbsize: {
      type: 'integer',
      default: 50,
      description: 'Maximum width in pixels of thumbnail images.',
    },
    limit: {
      type: 'limit',
      default: 50,
      min: 1,
      max: 50,
      highMax: 100,
      description: 'Properties of how many pages to return.',
    },
    license: {
      type: 'enum',
      values: ['free', 'any'],
      default: 'free',
      description: 'Limit page images to a certain license type.',
    },
    continue: { type: 'integer', description: 'When more results are available, use this to continue.' },
    langcode: { type: 'string', description: 'Language code for the thumbnail (ignored).' },
  },
  async execute(ctx, params, pages, out) {
    const props = new Set((params.prop as string[] | undefined) ?? []);
    const size = (params.thumbsize as number | undefined) ?? 50;
    const limit = params.limit as number;
    const anyLicense = (params.license as string | undefined) === 'any';
    const all: { key: number; page: QueryPage }[] = [...pages.pages.values()]
      .sort((a, b) => a.pageid - b.pageid)
      .map((page) => ({ key: page.pageid, page }));
    for (const page of pages.missing) {
      if (page.ns === NS_FILE && !page.invalid && page.pageid !== undefined)
        all.push({ key: page.pageid, page });
    }
    let offset = 0;
    if (params.continue !== undefined) {
      offset = all.findIndex((p) => p.key === params.continue);
      if (offset <= 0) throw fail('badcontinue');
    }
    const batch = all.slice(offset, offset + limit);
    const next = all[offset + limit];
    if (next) out.setContinue('picontinue', next.key);

    const ns = namespacesOf(ctx);
    const imageOf = new Map<number, string>();
    const articles: number[] = [];
    for (const { key, page } of batch) {
      if (page.ns !== NS_FILE) articles.push(key);
      else {
        const name = tryParseTitle(page.title, ns)?.dbKey;
        if (name) imageOf.set(key, name);
      }
    }
    const propNames = anyLicense ? ['page_image_free', 'page_image'] : ['page_image_free'];
    const pageProps = await ctx.services.store.links.pageProps(ctx.wiki.id, articles, propNames);
    for (const id of articles) {
      const p = pageProps.get(id);
      const name = (anyLicense ? p?.page_image : undefined) ?? p?.page_image_free;
      if (name) imageOf.set(id, name);
    }
    const files =
      props.has('thumbnail') || props.has('original')
        ? await mediaFiles(ctx, [...new Set(imageOf.values())])
        : new Map<string, MediaFile>();
    for (const { key } of batch) {
      const name = imageOf.get(key);
      if (name === undefined) continue;
      const data: Record<string, unknown> = {};
      const file = files.get(name);
      if (file && props.has('thumbnail')) {
        const thumb = ctx.services.media.thumbnail(file, { width: size, height: size });
        data.thumbnail = { source: thumb.url, width: thumb.width, height: thumb.height };
      }
      if (file && props.has('original'))
        data.original = { source: file.url, width: file.width, height: file.height };
      if (props.has('name')) data.pageimage = name;
      out.addPageData(key, data);
    }
  },
};

async function mediaFiles(ctx: ApiRequestContext, names: string[]): Promise<Map<string, MediaFile>> {
  const repository = ctx.services.media.repositoryOf(ctx.wiki);
  if (!repository) return new Map();
  return ctx.services.media.getFiles(repository.repo, names);
}
