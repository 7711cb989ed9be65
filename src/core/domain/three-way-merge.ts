/**
 * Line-based three-way merge, as MediaWiki resolves a stale edit (EditPage::mergeChangesIntoContent
 * runs diff3): the changes base→ours and base→theirs are combined when they touch different lines.
 * Changes that overlap or are adjacent conflict (diff3 treats adjacent hunks as one), unless both
 * sides made the very same change. Returns the merged text, or null on conflict.
 *
 * The diff trims the common prefix and suffix and runs an LCS on what is left; when that middle is
 * too large to compare line by line the merge gives up (reports a conflict) rather than stall.
 */
export function mergeThreeWay(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs) return ours;
  if (base === ours) return theirs;
  if (base === theirs) return ours;
  const b = base.split('\n');
  const o = ours.split('\n');
  const t = theirs.split('\n');
  const ho = diffHunks(b, o);
  const ht = diffHunks(b, t);
  if (ho === null || ht === null) return null;

  const all = [
    ...ho.map((h) => ({ ...h, side: 'o' as const })),
    ...ht.map((h) => ({ ...h, side: 't' as const })),
  ];
  all.sort((x, y) => x.baseStart - y.baseStart || x.baseEnd - y.baseEnd);

  const out: string[] = [];
  let pos = 0;
  let i = 0;
  while (i < all.length) {
    const first = all[i];
    if (!first) break;
    let groupStart = first.baseStart;
    let groupEnd = first.baseEnd;
    const group = [first];
    i++;
    for (let next = all[i]; next && next.baseStart <= groupEnd; next = all[i]) {
      group.push(next);
      groupStart = Math.min(groupStart, next.baseStart);
      groupEnd = Math.max(groupEnd, next.baseEnd);
      i++;
    }
    out.push(...b.slice(pos, groupStart));
    const sides = new Set(group.map((h) => h.side));
    if (sides.size === 1) {
      const side = first.side === 'o' ? o : t;
      out.push(...applyHunks(b, side, group, groupStart, groupEnd));
    } else {
      const fromOurs = applyHunks(
        b,
        o,
        group.filter((h) => h.side === 'o'),
        groupStart,
        groupEnd,
      );
      const fromTheirs = applyHunks(
        b,
        t,
        group.filter((h) => h.side === 't'),
        groupStart,
        groupEnd,
      );
      if (fromOurs.join('\n') !== fromTheirs.join('\n')) return null;
      out.push(...fromOurs);
    }
    pos = groupEnd;
  }
  out.push(...b.slice(pos));
  return out.join('\n');
}

/** base[baseStart, baseEnd) was replaced by side[sideStart, sideEnd). */
interface Hunk {
  baseStart: number;
  baseEnd: number;
  sideStart: number;
  sideEnd: number;
}

/** Above this many cells the LCS table is not built (about 16 MB of 32-bit integers). */
const MAX_LCS_CELLS = 4_000_000;

function diffHunks(base: string[], side: string[]): Hunk[] | null {
  let prefix = 0;
  while (prefix < base.length && prefix < side.length && base[prefix] === side[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < base.length - prefix &&
    suffix < side.length - prefix &&
    base[base.length - 1 - suffix] === side[side.length - 1 - suffix]
  ) {
    suffix++;
  }
  const n = base.length - prefix - suffix;
  const m = side.length - prefix - suffix;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0)
    return [{ baseStart: prefix, baseEnd: prefix + n, sideStart: prefix, sideEnd: prefix + m }];
  if ((n + 1) * (m + 1) > MAX_LCS_CELLS) return null;

  // lcs[i][j] = LCS length of base[prefix+i..] and side[prefix+j..], flattened.
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        base[prefix + i] === side[prefix + j]
          ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  const close = () => {
    if (open) hunks.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && base[prefix + i] === side[prefix + j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { baseStart: prefix + i, baseEnd: prefix + i, sideStart: prefix + j, sideEnd: prefix + j };
    if (j < m && (i === n || (lcs[i * w + j + 1] ?? 0) >= (lcs[(i + 1) * w + j] ?? 0))) {
      j++;
      open.sideEnd = prefix + j;
    } else {
      i++;
      open.baseEnd = prefix + i;
    }
  }
  close();
  return hunks;
}

/** The lines that replace base[start, end) when only `hunks` (all from `side`) are applied. */
function applyHunks(base: string[], side: string[], hunks: Hunk[], start: number, end: number): string[] {
  const out: string[] = [];
  let pos = start;
  for (const h of [...hunks].sort((x, y) => x.baseStart - y.baseStart)) {
    out.push(...base.slice(pos, h.baseStart), ...side.slice(h.sideStart, h.sideEnd));
    pos = h.baseEnd;
  }
  out.push(...base.slice(pos, end));
  return out;
}
