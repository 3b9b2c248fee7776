import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { linter, lintGutter } from '@codemirror/lint';
import { autocompletion } from '@codemirror/autocomplete';
import { syntaxErrors } from './lint.js';
import { completePath } from './completion.js';

/** A CodeMirror 6 editor for an action: JavaScript highlighting, acorn syntax lint, `event`/`api` completion. */
export function createEditor(parent, { doc, triggerId, onChange, label }) {
  const eventApiCompletion = (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const result = completePath(triggerId(), before);
    if (!result) return null;
    if (!context.explicit && result.options.length === 0) return null;
    return { from: line.from + result.from, options: result.options, validFor: /^[\w$]*$/ };
  };
  const syntaxLinter = linter((view) => syntaxErrors(view.state.doc.toString()).map((d) => ({
    from: d.from, to: d.to, severity: 'error', message: `Line ${d.line}, column ${d.column}: ${d.message}`,
  })), { delay: 300 });
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        javascript(),
        syntaxLinter,
        lintGutter(),
        autocompletion({ override: [eventApiCompletion] }),
        EditorView.contentAttributes.of({ 'aria-label': label || 'Action code' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
}
