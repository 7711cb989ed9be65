/**
 * Bold and italic on one line, as MediaWiki's Parser::doQuotes reads apostrophes: `''` italic,
 * `'''` bold, `'''''` both; `''''` is an apostrophe and bold, longer runs keep the extras as
 * apostrophes. When a line has an odd number of both, one bold is read as an apostrophe and
 * italic: the first one after a single-letter word (`l'''amour''`), else after a longer word, else
 * after a space. Open tags are closed at the line end. `tag` turns an HTML tag into what the
 * caller puts in the text (the renderer's tokens).
 */
export function renderQuotes(line: string, tag: (html: string) => string): string {
  const parts = line.split(/(''+)/);
  if (parts.length === 1) return line;
  let italics = 0;
  let bolds = 0;
  for (let i = 1; i < parts.length; i += 2) {
    let run = (parts[i] ?? '').length;
    if (run === 4) {
      parts[i - 1] += "'";
      parts[i] = "'''";
    } else if (run > 5) {
      parts[i - 1] += "'".repeat(run - 5);
      parts[i] = "'''''";
    }
    run = (parts[i] ?? '').length;
    if (run === 2) italics++;
    else if (run === 3) bolds++;
    else if (run === 5) {
      italics++;
      bolds++;
    }
  }
  if (bolds % 2 === 1 && italics % 2 === 1) {
    let singleLetter = -1;
    let multiLetter = -1;
    let space = -1;
    for (let i = 1; i < parts.length; i += 2) {
      if ((parts[i] ?? '').length !== 3) continue;
      const before = parts[i - 1] ?? '';
      const x1 = before.slice(-1);
      const x2 = before.length >= 2 ? before.charAt(before.length - 2) : '';
      if (x1 === ' ') {
        if (space === -1) space = i;
      } else if (x2 === ' ') {
        singleLetter = i;
        break;
      } else if (multiLetter === -1) {
        multiLetter = i;
      }
    }
    const chosen = singleLetter > -1 ? singleLetter : multiLetter > -1 ? multiLetter : space;
    if (chosen > -1) {
      parts[chosen] = "''";
      parts[chosen - 1] += "'";
    }
  }

  const B = tag('<b>');
  const EB = tag('</b>');
  const I = tag('<i>');
  const EI = tag('</i>');
  let out = '';
  let buffer = '';
  let state = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i % 2 === 0) {
      if (state === 'both') buffer += part;
      else out += part;
      continue;
    }
    const run = part.length;
    if (run === 2) {
      if (state === 'i') [out, state] = [out + EI, ''];
      else if (state === 'bi') [out, state] = [out + EI, 'b'];
      else if (state === 'ib') [out, state] = [out + EB + EI + B, 'b'];
      else if (state === 'both') [out, state] = [out + B + I + buffer + EI, 'b'];
      else [out, state] = [out + I, state + 'i'];
    } else if (run === 3) {
      if (state === 'b') [out, state] = [out + EB, ''];
      else if (state === 'bi') [out, state] = [out + EI + EB + I, 'i'];
      else if (state === 'ib') [out, state] = [out + EB, 'i'];
      else if (state === 'both') [out, state] = [out + I + B + buffer + EB, 'i'];
      else [out, state] = [out + B, state + 'b'];
    } else {
      if (state === 'b') [out, state] = [out + EB + I, 'i'];
      else if (state === 'i') [out, state] = [out + EI + B, 'b'];
      else if (state === 'bi') [out, state] = [out + EI + EB, ''];
      else if (state === 'ib') [out, state] = [out + EB + EI, ''];
      else if (state === 'both') [out, state] = [out + I + B + buffer + EB + EI, ''];
      else [buffer, state] = ['', 'both'];
    }
  }
  if (state === 'b' || state === 'ib') out += EB;
  if (state === 'i' || state === 'bi' || state === 'ib') out += EI;
  if (state === 'bi') out += EB;
  if (state === 'both' && buffer !== '') out += B + I + buffer + EI + EB;
  return out;
}
