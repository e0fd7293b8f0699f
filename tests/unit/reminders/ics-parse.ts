/**
 * A small, strict iCalendar reader for the tests: it refuses what RFC 5545 forbids (bare LF,
 * physical lines over 75 octets, a fold that splits a UTF-8 character, unbalanced BEGIN/END)
 * and returns components with unescaped TEXT values.
 */
export interface IcsComponent {
  name: string;
  props: Record<string, string[]>;
  children: IcsComponent[];
}

const TEXT_PROPS = new Set(['SUMMARY', 'LOCATION', 'DESCRIPTION', 'X-WR-CALNAME']);

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcs(text: string): IcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end with CRLF');
  if (/[^\r]\n|\r[^\n]/.test(text)) throw new Error('a line ends without CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const line of physical) {
    const bytes = Buffer.from(line, 'utf8');
    if (bytes.length > 75) throw new Error(`a line is ${bytes.length} octets: ${line.slice(0, 30)}`);
    if (bytes.toString('utf8') !== line || line.includes('\uFFFD')) throw new Error('a fold split a UTF-8 character');
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!logical.length) throw new Error('the file starts with a continuation line');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }
  const stack: IcsComponent[] = [];
  let root: IcsComponent | null = null;
  for (const line of logical) {
    // The value starts after the first colon that is not inside a quoted parameter.
    const m = /^([A-Za-z0-9-]+)((?:;[^:"]*(?:"[^"]*")?)*):(.*)$/.exec(line);
    if (!m) throw new Error(`not a content line: ${line}`);
    const name = m[1]!.toUpperCase();
    const value = m[3]!;
    if (name === 'BEGIN') {
      const c: IcsComponent = { name: value, props: {}, children: [] };
      if (stack.length) stack[stack.length - 1]!.children.push(c);
      else if (root) throw new Error('two top-level components');
      else root = c;
      stack.push(c);
    } else if (name === 'END') {
      const c = stack.pop();
      if (!c || c.name !== value) throw new Error(`END:${value} does not close ${c?.name}`);
    } else {
      const c = stack[stack.length - 1];
      if (!c) throw new Error(`${name} outside a component`);
      (c.props[name] ??= []).push(TEXT_PROPS.has(name) ? unescapeText(value) : value);
    }
  }
  if (stack.length || !root) throw new Error('unbalanced BEGIN/END');
  return root;
}

/** 20261207T154500Z → epoch ms */
export function icsUtc(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error(`not a UTC DATE-TIME: ${v}`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}
