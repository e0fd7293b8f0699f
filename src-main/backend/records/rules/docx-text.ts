/**
 * The words of a Word document from its word/document.xml: paragraphs become lines, tabs and
 * line breaks are kept, explicit page breaks become form feeds (so "page 2" means what Word
 * shows). Pure: XML text in, plain text out. Tracked deletions (w:delText) are left out.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? whole;
  });
}

export function docxXmlToText(xml: string): string {
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  let out = '';
  // Tokens: text runs, tabs, breaks, paragraph ends. Everything else is markup.
  const token = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:tab\s[^>]*\/>|<w:br\s*\/>|<w:br\s([^>]*)\/>|<w:cr\s*\/>|<\/w:p>|<w:lastRenderedPageBreak\/>/g;
  for (const m of body.matchAll(token)) {
    const t = m[0];
    if (m[1] !== undefined) out += decodeEntities(m[1]);
    else if (t.startsWith('<w:tab')) out += '\t';
    else if (t.startsWith('<w:br')) out += /w:type="page"/.test(m[2] ?? '') ? '\f' : '\n';
    else if (t === '<w:cr/>' || t.startsWith('<w:cr')) out += '\n';
    else if (t === '</w:p>') out += '\n';
  }
  return out.replace(/\n{3,}/g, '\n\n').trim();
}
