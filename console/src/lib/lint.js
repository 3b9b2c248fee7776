import { parse } from 'acorn';

/**
 * Syntax errors of the action's code as the editor shows them while typing: acorn parses the code
 * the way the executor's build check will (a CommonJS script, modern syntax), and its error
 * becomes one diagnostic with a 1-based line and column and the character offsets to underline.
 */
export function syntaxErrors(code) {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true });
    return [];
  } catch (e) {
    if (!(e instanceof SyntaxError) || !e.loc) throw e;
    const from = Math.min(e.pos, code.length);
    const to = Math.min(from + 1, code.length);
    return [{
      line: e.loc.line,
      column: e.loc.column + 1,
      from,
      to: Math.max(to, from),
      message: e.message.replace(/\s*\(\d+:\d+\)$/, ''),
    }];
  }
}

/**
 * The line and column of the action's own frame in an error stack from a test run or build
 * (frames name the action's file, e.g. `action:my-action@1.js:4:11`), or null.
 */
export function errorPosition(stack) {
  if (!stack) return null;
  const m = /action:[^\s)]*?:(\d+):(\d+)/.exec(stack) || /<anonymous>:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}
