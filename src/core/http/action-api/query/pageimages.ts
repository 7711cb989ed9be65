import type { MediaFile } from '../../../domain/wiki.ts';
import type { ApiRequestContext, QueryModule } from '../module.ts';

/**
 * prop=pageimages (PageImages' ApiQueryPageImages): the lead image of each page, from the page
 * property `page_image_free` (or `page_image` with pilicense=any; image-suggestions-and-page-queue.md
 * §2), with size and URL from the shared media repository. Thumbnails fit in a
 * pithumbsize × pithumbsize box and are never larger than the original; this service does not
 * render thumbnails, so a scaled thumbnail's `source` is the original URL with `?width=N` (a
 * resizing proxy or the client may honour it). Files the media repository does not know get
 * `pageimage` only. `picontinue` is the offset into the page set (pages in page-id order).
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
      if (file && props.has('thumbnail')) data.thumbnail = thumbnail(file, size);
      if (file && props.has('original'))
        data.original = { source: file.url, width: file.width, height: file.height };
      if (props.has('name')) data.pageimage = name;
      out.addPageData(id, data);
    }
  },
};

async function mediaFiles(ctx: ApiRequestContext, names: string[]): Promise<Map<string, MediaFile>> {
  const repo = ctx.services.wikis.mediaRepo()?.info.id ?? (ctx.wiki.isMediaRepo ? ctx.wiki.id : undefined);
  if (!repo || names.length === 0) return new Map();
  const found = await ctx.services.store.media.getMany(repo, names);
  return new Map(found.map((f) => [f.name, f]));
}

/** Fits the file into a size × size box without upscaling (File::transform with width = height = size). */
export function thumbnail(file: MediaFile, size: number): { source: string; width: number; height: number } {
  if (file.width <= 0 || file.height <= 0)
    return { source: file.url, width: file.width, height: file.height };
  const scale = Math.min(1, size / file.width, size / file.height);
  if (scale >= 1) return { source: file.url, width: file.width, height: file.height };
  const width = Math.max(1, Math.round(file.width * scale));
  const height = Math.max(1, Math.round(file.height * scale));
  const sep = file.url.includes('?') ? '&' : '?';
  return { source: `${file.url}${sep}width=${width}`, width, height };
}
