/** An API problem's title and detail, shown next to the field (or form) it concerns. */
export function ProblemText({ problem, field }) {
  if (!problem) return null;
  const messages = field === undefined ? [] : problem.forField ? problem.forField(field) : [];
  if (field !== undefined && messages.length === 0) return null;
  return (
    <p class="problem" role="alert">
      <strong>{problem.title || 'Error'}</strong>
      {field === undefined ? (problem.detail ? `: ${problem.detail}` : problem.message && !problem.title ? `: ${problem.message}` : '') : `: ${messages.join('; ')}`}
    </p>
  );
}
