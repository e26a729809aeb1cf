// Search snippets arrive as HTML-escaped text in which the matches are wrapped in
// <mark>…</mark>. They are never parsed as HTML: this splits them into plain text
// pieces, each marked or not, which the page turns into text nodes and <mark> elements.
// This file imports nothing, so tests can load it without a browser.

export interface SnippetPart {
  text: string;
  marked: boolean;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#x') || body.startsWith('#X')) return codePointText(Number.parseInt(body.slice(2), 16), entity);
  if (body.startsWith('#')) return codePointText(Number.parseInt(body.slice(1), 10), entity);
  return NAMED_ENTITIES[body] ?? entity;
}

function codePointText(codePoint: number, fallback: string): string {
  const valid = Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff;
  return valid ? String.fromCodePoint(codePoint) : fallback;
}

/** Turns escaped text back into the text it stands for: "&lt;b&gt; &amp; &#39;" gives "<b> & '". */
export function decodeEntities(escaped: string): string {
  return escaped.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]{2,4});/g, (entity, body: string) => decodeEntity(entity, body));
}

/** Splits "a &amp; <mark>b</mark> c" into [{text:"a & ",marked:false},{text:"b",marked:true},{text:" c",marked:false}]. */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') {
      marked = true;
    } else if (piece === '</mark>') {
      marked = false;
    } else if (piece) {
      parts.push({ text: decodeEntities(piece), marked });
    }
  }
  return parts;
}
