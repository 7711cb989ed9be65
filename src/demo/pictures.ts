import type { Random } from './random.ts';
import type { Topic } from './topics.ts';

/**
 * Pictures drawn by code for the demo's media repository, as SVG documents: scenes for the topics'
 * photographs (rasterized to JPEG or PNG when the demo is loaded) and drawings, flags, icons,
 * logos and placeholders that stay SVG (or tiny PNGs). Shapes only, no text, so they render the
 * same without fonts. Deterministic: the same random stream gives the same picture.
 */

export interface Picture {
  svg: string;
  /** What the loader stores: the SVG itself, or the SVG rasterized at its size. */
  format: 'svg' | 'jpeg' | 'png';
}

function svg(width: number, height: number, body: string, viewBox = `0 0 ${width} ${height}`): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}">` +
    `${body}</svg>`
  );
}

function colour(rng: Random, hue: [number, number], sat: [number, number], light: [number, number]): string {
  return `hsl(${rng.int(...hue)},${rng.int(...sat)}%,${rng.int(...light)}%)`;
}

function gradient(id: string, top: string, bottom: string): string {
  return (
    `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>`
  );
}

/** A photograph-like scene of `topic`, `width` × `height` pixels, drawn in a 1000-unit-wide frame. */
export function scenePicture(
  rng: Random,
  topic: Topic,
  width: number,
  height: number,
  format: 'jpeg' | 'png',
): Picture {
  const h = Math.round((1000 * height) / width);
  const sky = gradient(
    'sky',
    colour(rng, [195, 225], [50, 80], [45, 65]),
    colour(rng, [180, 210], [30, 60], [80, 92]),
  );
  const horizon = Math.round(h * (0.45 + rng.next() * 0.25));
  let body = `${sky}<rect width="1000" height="${h}" fill="url(#sky)"/>`;
  body += `<circle cx="${rng.int(80, 920)}" cy="${rng.int(40, Math.max(60, horizon - 80))}" r="${rng.int(25, 60)}" fill="hsl(48,95%,70%)"/>`;
  const ground = colour(rng, [70, 130], [30, 60], [30, 50]);
  switch (topic.kind) {
    case 'mountain': {
      for (let i = 0; i < rng.int(2, 5); i++) {
        const x = rng.int(-100, 900);
        const w = rng.int(300, 700);
        const top = rng.int(Math.round(h * 0.1), horizon - 40);
        body +=
          `<polygon points="${x},${horizon} ${x + w / 2},${top} ${x + w},${horizon}" fill="${colour(rng, [200, 240], [5, 20], [30, 55])}"/>` +
          `<polygon points="${x + w / 2 - w / 10},${top + (horizon - top) / 5} ${x + w / 2},${top} ${x + w / 2 + w / 10},${top + (horizon - top) / 5}" fill="#f4f7fb"/>`;
      }
      body += `<rect y="${horizon}" width="1000" height="${h - horizon}" fill="${ground}"/>`;
      break;
    }
    case 'river': {
      body += `<rect y="${horizon}" width="1000" height="${h - horizon}" fill="${ground}"/>`;
      const mid = rng.int(300, 700);
      body +=
        `<path d="M ${mid - 20} ${horizon} C ${mid - 200} ${horizon + (h - horizon) / 3}, ${mid + 250} ${horizon + ((h - horizon) * 2) / 3}, ${mid - 150} ${h} ` +
        `L ${mid + 250} ${h} C ${mid + 400} ${horizon + ((h - horizon) * 2) / 3}, ${mid} ${horizon + (h - horizon) / 3}, ${mid + 20} ${horizon} Z" ` +
        `fill="${colour(rng, [195, 215], [50, 75], [40, 55])}"/>`;
      break;
    }
    case 'settlement': {
      body += `<rect y="${horizon}" width="1000" height="${h - horizon}" fill="${ground}"/>`;
      for (let x = rng.int(0, 40); x < 1000; x += rng.int(70, 150)) {
        const w = rng.int(50, 110);
        const top = horizon - rng.int(40, 160);
        const wall = colour(rng, [0, 50], [20, 60], [55, 85]);
        body +=
          `<rect x="${x}" y="${top}" width="${w}" height="${horizon - top + 10}" fill="${wall}"/>` +
          `<polygon points="${x - 8},${top} ${x + w / 2},${top - w / 2} ${x + w + 8},${top}" fill="${colour(rng, [0, 20], [50, 70], [30, 45])}"/>`;
      }
      break;
    }
    case 'person': {
      body = `${gradient('bg', colour(rng, [0, 360], [10, 30], [60, 80]), colour(rng, [0, 360], [10, 30], [25, 45]))}<rect width="1000" height="${h}" fill="url(#bg)"/>`;
      const cx = rng.int(400, 600);
      body +=
        `<ellipse cx="${cx}" cy="${Math.round(h * 0.95)}" rx="${rng.int(260, 340)}" ry="${Math.round(h * 0.35)}" fill="${colour(rng, [200, 260], [20, 50], [15, 35])}"/>` +
        `<ellipse cx="${cx}" cy="${Math.round(h * 0.42)}" rx="${rng.int(130, 170)}" ry="${rng.int(170, 210)}" fill="${colour(rng, [20, 35], [35, 60], [55, 78])}"/>`;
      break;
    }
    case 'species': {
      body += `<rect y="${horizon}" width="1000" height="${h - horizon}" fill="${ground}"/>`;
      const cx = rng.int(350, 650);
      const cy = Math.round((horizon + h) / 2);
      body +=
        `<ellipse cx="${cx}" cy="${cy}" rx="${rng.int(120, 260)}" ry="${rng.int(60, 140)}" fill="${colour(rng, [0, 360], [40, 80], [30, 60])}"/>` +
        `<circle cx="${cx + rng.int(120, 220)}" cy="${cy - rng.int(20, 60)}" r="${rng.int(40, 70)}" fill="${colour(rng, [0, 360], [40, 80], [25, 50])}"/>`;
      break;
    }
  }
  return { svg: svg(width, height, body, `0 0 1000 ${h}`), format };
}

/** A scientific-illustration style drawing (kept as SVG). */
export function drawingPicture(rng: Random, width: number, height: number): Picture {
  const stroke = colour(rng, [90, 150], [40, 70], [20, 35]);
  let body = `<rect width="${width}" height="${height}" fill="#ffffff"/>`;
  for (let i = 0; i < rng.int(3, 7); i++)
    body += `<ellipse cx="${rng.int(width / 4, (3 * width) / 4)}" cy="${rng.int(height / 4, (3 * height) / 4)}" rx="${rng.int(20, width / 4)}" ry="${rng.int(10, height / 5)}" fill="${colour(rng, [60, 160], [30, 70], [40, 75])}" stroke="${stroke}" stroke-width="3"/>`;
  return { svg: svg(width, height, body), format: 'svg' };
}

/** A tricolour flag (3:2), as Commons' flags are: SVG. */
export function flagPicture(colours: readonly [string, string, string], vertical: boolean): Picture {
  const stripes = colours
    .map((c, i) =>
      vertical
        ? `<rect x="${i * 300}" width="300" height="600" fill="${c}"/>`
        : `<rect y="${i * 200}" width="900" height="200" fill="${c}"/>`,
    )
    .join('');
  return { svg: svg(900, 600, stripes), format: 'svg' };
}

/** A small maintenance icon (Ambox-like): a 40 px SVG. */
export function iconPicture(fill: string): Picture {
  return {
    svg: svg(
      40,
      40,
      `<circle cx="20" cy="20" r="19" fill="${fill}"/><rect x="17" y="8" width="6" height="16" fill="#fff"/><rect x="17" y="28" width="6" height="5" fill="#fff"/>`,
    ),
    format: 'svg',
  };
}

/** A logo: an SVG mark. */
export function logoPicture(a: string, b: string): Picture {
  return {
    svg: svg(
      512,
      512,
      `<circle cx="256" cy="256" r="240" fill="${a}"/><polygon points="256,60 430,400 82,400" fill="${b}"/>`,
    ),
    format: 'svg',
  };
}

/** "No image available": a grey placeholder, as PNG. */
export function placeholderPicture(width: number, height: number): Picture {
  return {
    svg: svg(
      width,
      height,
      `<rect width="${width}" height="${height}" fill="#e6e6e6"/><circle cx="${width / 2}" cy="${height * 0.38}" r="${Math.min(width, height) / 6}" fill="#bdbdbd"/><rect x="${width * 0.25}" y="${height * 0.62}" width="${width / 2}" height="${height / 5}" rx="${width / 20}" fill="#bdbdbd"/>`,
    ),
    format: 'png',
  };
}
