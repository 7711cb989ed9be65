const SPECIAL_CHARACTERS = /[&<>"']/g;
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
};

/**
 * Text made safe for HTML element content and quoted attribute values, exactly as MediaWiki's
 * `htmlspecialchars( $text, ENT_QUOTES )`: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`,
 * `&gt;`, `&quot;` and `&#039;`; nothing else changes (existing entities are escaped again).
 */
export function escapeHtml(text: string): string {
  return text.replace(SPECIAL_CHARACTERS, (c) => REPLACEMENTS[c] ?? c);
}

const ELEMENT_TEXT_CHARACTERS = /[&<]/g;

/**
 * Text made safe for element content only, as MediaWiki's `Html::element` escapes it: `&` and `<`
 * (there is no point escaping quotes or `>` there), so pretty-printed JSON keeps its quotes
 * readable in the page source. Attribute values need escapeHtml.
 */
export function escapeHtmlElementText(text: string): string {
  return text.replace(ELEMENT_TEXT_CHARACTERS, (c) => REPLACEMENTS[c] ?? c);
}
