import type { MediaFile } from '../../../domain/wiki.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';

/**
 * prop=pageimages (PageImages' ApiQueryPageImages): the lead image of each page, from the page
 * property `page_image_free` (or `page_image` with pilicense=any; image-suggestions-and-page-queue.md
 * §2), with size and URL from the shared media repository. Thumbnails fit in a
 * pithumbsize × pithumbsize box and are never larger than the original (File::transform; a
 * scaled one's `source` is its rendition under /images/…/thumb/, core/media/media-service.ts).
 * Files the media repository does not know get `pageimage` only. `picontinue` is the offset into the page set (pages in page-id order).
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
      min: 1,
      description: 'Maximum width in pixels of thumbnail images.',
    },
    thumbwidth: {
      type: 'integer',
      min: 1,
      description: 'Deprecated alias of pithumbsize.',
      deprecated: true,
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
    const size = (params.thumbwidth as number | undefined) ?? (params.thumbsize as number | undefined) ?? 50;
    const limit = params.limit as number;
    const anyLicense = (params.license as string | undefined) === 'any';
    const offset = (params.continue as number | undefined) ?? 0;
    const ids = [...pages.pages.keys()].sort((a, b) => a - b);
    const batch = ids.slice(offset, offset + limit);
    if (offset + limit < ids.length) out.setContinue('picontinue', offset + limit);

    const wiki = ctx.wiki.id;
    const propNames = anyLicense ? ['page_image_free', 'page_image'] : ['page_image_free'];
    const pageProps = await ctx.services.store.links.pageProps(wiki, batch, propNames);
    const imageOf = new Map<number, string>();
    for (const id of batch) {
      const p = pageProps.get(id);
      const name = p?.page_image_free ?? (anyLicense ? p?.page_image : undefined);
      if (name) imageOf.set(id, name);
    }
    const files = await mediaFiles(ctx, [...new Set(imageOf.values())]);
    for (const [id, name] of imageOf) {
      const data: Record<string, unknown> = {};
      const file = files.get(name);
      if (file && props.has('thumbnail')) {
        const thumb = ctx.services.media.thumbnail(file, { width: size, height: size });
        data.thumbnail = { source: thumb.url, width: thumb.width, height: thumb.height };
      }
      if (file && props.has('original'))
        data.original = { source: file.url, width: file.width, height: file.height };
      if (props.has('name')) data.pageimage = name;
      out.addPageData(id, data);
    }
  },
};

async function mediaFiles(ctx: ApiRequestContext, names: string[]): Promise<Map<string, MediaFile>> {
  const repository = ctx.services.media.repositoryOf(ctx.wiki);
  if (!repository) return new Map();
  return ctx.services.media.getFiles(repository.repo, names);
}
