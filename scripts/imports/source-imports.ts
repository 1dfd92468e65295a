/**
 * The module specifiers one TypeScript source imports: static `import … from`, side-effect
 * `import '…'`, `import type`, `export … from`, dynamic `import('…')` and `require('…')`. Comments
 * are removed first and the text of strings blanked, so an import written in a comment or in
 * generated text does not count.
 */

const PATTERNS = [
  // import x from '…', import type { X } from '…', export * from '…', export { x } from '…'
  /\b(?:import|export)\s+(?:type\s+)?[^;'"`]*?\bfrom\s*['"]([^'"\n]+)['"]/g,
  // import '…' (side effects only)
  /\bimport\s*['"]([^'"\n]+)['"]/g,
  // import('…'), including type positions: typeof import('…')
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  // require('…'), import x = require('…')
  /\brequire\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

export function importSpecifiers(source: string): string[] {
  const code = withoutCommentsAndTemplates(source);
  const found: string[] = [];
  for (const pattern of PATTERNS) {
    for (const match of code.matchAll(pattern)) found.push(match[1]);
  }
  return [...new Set(found)];
}

/** Code after which a quoted string is a module specifier. */
const SPECIFIER_POSITION = /(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*$/;

/**
 * The source with comments replaced by spaces, and the text of template literals (their `${…}`
 * parts stay code) and of quoted strings blanked, except the strings that stand where a module
 * specifier does (after `from`, `import`, `import(` or `require(`).
 */
export function withoutCommentsAndTemplates(source: string): string {
  let out = '';
  let i = 0;
  // One entry per open template literal whose `${` we are inside: the brace depth at its start.
  const templates: number[] = [];
  let depth = 0;
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '"' || c === "'") {
      const stop = endOfQuoted(source, i, c);
      const text = source.slice(i, stop);
      out += SPECIFIER_POSITION.test(out.slice(-40)) ? text : c + blank(text.slice(1, -1)) + text.slice(-1);
      i = stop;
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth)) {
      // The start of a template literal, or the end of one of its `${…}` parts: template text follows.
      if (c === '}') templates.pop();
      const { stop, opensExpression } = endOfTemplateText(source, i + 1);
      out += c + blank(source.slice(i + 1, stop - (opensExpression ? 2 : 1))) + (opensExpression ? '${' : '`');
      if (opensExpression) templates.push(depth);
      i = stop;
    } else {
      if (c === '{') depth++;
      if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}

function endOfQuoted(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length && source[i] !== quote && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, source.length);
}

/** From inside a template's text: where the text ends (after the closing ` or after `${`). */
function endOfTemplateText(source: string, start: number): { stop: number; opensExpression: boolean } {
  let i = start;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === '`') return { stop: i + 1, opensExpression: false };
    else if (source[i] === '$' && source[i + 1] === '{') return { stop: i + 2, opensExpression: true };
    else i++;
  }
  return { stop: source.length, opensExpression: false };
}
