import { diffLines } from 'diff';

/** Lines of a version compared with the draft, for the history view: each with '+', '-' or ' '. */
export function lineDiff(versionCode, draftCode) {
  const out = [];
  for (const part of diffLines(versionCode || '', draftCode || '')) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const line of lines) out.push({ sign, text: line });
  }
  return out;
}
