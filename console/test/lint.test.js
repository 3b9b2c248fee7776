import { describe, expect, it } from 'vitest';
import { errorPosition, syntaxErrors } from '../src/lib/lint.js';

describe('syntaxErrors', () => {
  it('finds nothing wrong in a valid handler', () => {
    expect(syntaxErrors('exports.onExecutePostLogin = async (event, api) => {\n  api.access.deny("x");\n};')).toEqual([]);
  });

  it('reports the line and column of a syntax error', () => {
    const code = 'exports.onExecutePostLogin = async (event, api) => {\n  const x = ;\n};';
    const [d] = syntaxErrors(code);
    expect(d.line).toBe(2);
    expect(d.column).toBe(13);
    expect(code.slice(d.from, d.to)).toBe(';');
    expect(d.message).toMatch(/Unexpected token/);
  });

  it('reports an unclosed block at the end', () => {
    const [d] = syntaxErrors('exports.a = () => {\n');
    expect(d.line).toBe(2);
  });
});

describe('errorPosition', () => {
  it('reads the action frame of a stack', () => {
    expect(errorPosition('TypeError: x\n    at <js> onExecutePostLogin(action:my-act@1.js:4:11)')).toEqual({ line: 4, column: 11 });
  });
  it('is null without a stack or frame', () => {
    expect(errorPosition(null)).toBeNull();
    expect(errorPosition('Error: boom')).toBeNull();
  });
});
