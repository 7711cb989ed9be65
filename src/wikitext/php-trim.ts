/**
 * PHP's trim(), ltrim() and rtrim() with their default character list (space, tab, LF, CR, NUL,
 * vertical tab). MediaWiki trims with these, not with JavaScript's Unicode-aware trim(): a
 * no-break space at the end of a name or snippet stays.
 */

function isPhpSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x00 || c === 0x0b;
}

export function phpLtrim(text: string): string {
  let start = 0;
  while (start < text.length && isPhpSpace(text.charCodeAt(start))) start++;
  return start === 0 ? text : text.slice(start);
}

export function phpRtrim(text: string): string {
  let end = text.length;
  while (end > 0 && isPhpSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function phpTrim(text: string): string {
  return phpRtrim(phpLtrim(text));
}
