import { useEffect, useState } from 'preact/hooks';
import { TRIGGERS } from '../lib/triggers.js';
import { filterActions, statusOf } from '../lib/library.js';
import { ProblemText } from './Problem.jsx';

export function Library({ api }) {
  const [actions, setActions] = useState(null);
  const [problem, setProblem] = useState(null);
  const [text, setText] = useState('');
  const [triggerId, setTriggerId] = useState('');
  useEffect(() => { api.listActions().then((p) => setActions(p.actions), setProblem); }, []);
  const shown = actions ? filterActions(actions, { text, triggerId }) : [];
  return (
    <section aria-labelledby="library-title">
      <h1 id="library-title">Library</h1>
      <ProblemText problem={problem} />
      <div style="display:flex;gap:1rem;align-items:end">
        <div><label for="search">Search</label><input id="search" value={text} onInput={(e) => setText(e.target.value)} /></div>
        <div>
          <label for="trigger-filter">Trigger</label>
          <select id="trigger-filter" value={triggerId} onChange={(e) => setTriggerId(e.target.value)}>
            <option value="">All triggers</option>
            {TRIGGERS.map((t) => <option value={t.id}>{t.id}</option>)}
          </select>
        </div>
        <a href="#/build/new">Build custom</a>
      </div>
      {actions === null ? <p>Loading…</p> : (
        <table>
          <thead><tr><th>Name</th><th>Trigger</th><th>Status</th><th>Build</th></tr></thead>
          <tbody>
            {shown.map((a) => (
              <tr data-testid="action-row">
                <td><a href={`#/build/${a.id}`}>{a.name}</a></td>
                <td>{a.supported_triggers.map((t) => t.id).join(', ')}</td>
                <td>{statusOf(a)}</td>
                <td>{a.deployed_version && a.deployed_version.errors && a.deployed_version.errors.length
                  ? a.deployed_version.errors.map((e) => e.msg).join('; ') : a.status}</td>
              </tr>
            ))}
            {shown.length === 0 && <tr><td colSpan={4} class="muted">No actions.</td></tr>}
          </tbody>
        </table>
      )}
    </section>
  );
}
