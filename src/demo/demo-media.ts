import sharp from 'sharp';
import type { FileUpload } from '../core/media/media-service.ts';
import type { DemoMediaFile } from './demo-family.ts';

/**
 * The bytes of a demo file: its SVG as it is, or rasterized at the SVG's size to PNG or JPEG
 * (libvips' encoders are deterministic, so the same family gives the same files).
 */
export async function makeDemoFile(file: DemoMediaFile): Promise<Buffer> {
  const source = Buffer.from(file.picture.svg, 'utf8');
  switch (file.picture.format) {
    case 'svg':
      return source;
    case 'png':
      return sharp(source).png({ compressionLevel: 9 }).toBuffer();
    case 'jpeg':
      return sharp(source).flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
  }
}

/** The demo's files as uploads to the media repository, made `concurrency` at a time. */
export async function demoUploads(files: readonly DemoMediaFile[], concurrency = 2): Promise<FileUpload[]> {
  const uploads: FileUpload[] = new Array<FileUpload>(files.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i] as DemoMediaFile;
      uploads[i] = {
        repo: f.repo,
        name: f.name,
        bytes: await makeDemoFile(f),
        descriptionPage: f.descriptionPage,
        uploader: f.uploader,
        timestamp: f.timestamp,
      };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return uploads;
}
