import { useEffect, useRef, useState } from 'preact/hooks';
import Sortable from 'sortablejs';
import { TRIGGERS } from '../lib/triggers.js';
import { addAction, bindingsRequest, move, remove, rowsFromBindings } from '../lib/flow.js';
import { ProblemText } from './Problem.jsx';

export function Flows({ api, triggerId }) {
  const [rows, setRows] = useState(null);
  const [library, setLibrary] = useState([]);
  const [pick, setPick] = useState('');
  const [problem, setProblem] = useState(null);
  const [status, setStatus] = useState('');
  const list = useRef(null);
  const rowsRef = useRef([]);
  rowsRef.current = rows || [];

  const load = () => {
    api.bindings(triggerId).then((p) => setRows(rowsFromBindings(p.bindings)), setProblem);
    api.listActions({ triggerId }).then((p) => setLibrary(p.actions.filter((a) => a.deployed_version)), setProblem);
  };
  useEffect(load, [triggerId]);

  useEffect(() => {
    if (!list.current) return undefined;
    const sortable = Sortable.create(list.current, {
      handle: '.handle',
      animation: 0,
      // Pointer events rather than native HTML5 drag and drop: the same on every browser and for automation.
      forceFallback: true,
      onEnd: (e) => {
        // Let Preact own the DOM: undo SortableJS's move, then re-render in the new order.
        const { item, from, oldIndex, newIndex } = e;
        from.removeChild(item);
        from.insertBefore(item, from.children[oldIndex] || null);
        setRows(move(rowsRef.current, oldIndex, newIndex));
      },
    });
    return () => sortable.destroy();
  }, [rows !== null]);

  const update = (i, patch) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const apply = async () => {
    setProblem(null);
    setStatus('Applying…');
    try {
      const p = await api.replaceBindings(triggerId, bindingsRequest(rows));
      setRows(rowsFromBindings(p.bindings));
      setStatus('Flow applied.');
    } catch (e) { setProblem(e); setStatus(''); }
  };

  return (
    <section aria-labelledby="flows-title">
      <h1 id="flows-title">Flow: {triggerId}</h1>
      <nav aria-label="Triggers">
        {TRIGGERS.map((t) => <a href={`#/flows/${t.id}`} aria-current={t.id === triggerId ? 'page' : undefined} style="margin-right:.8rem">{t.id}</a>)}
      </nav>
      <ProblemText problem={problem} />
      <p class="muted">Drag by the handle (or use Move up / Move down) to reorder; Apply publishes the flow.</p>
      <ol class="flow" ref={list} data-testid="flow-list">
        {(rows || []).map((r, i) => (
          <li key={r.key} data-testid="binding" data-action-id={r.actionId}>
            <span class="handle" aria-hidden="true" title="Drag to reorder">⠿</span>
            <strong class="binding-name">{r.name}</strong>
            <label for={`on-error-${i}`} style="display:inline">On error</label>
            <select id={`on-error-${i}`} value={r.onError} onChange={(e) => update(i, { onError: e.target.value })}>
              <option value="fail">fail</option><option value="continue">continue</option>
            </select>
            <label for={`timeout-${i}`} style="display:inline">Timeout (ms)</label>
            <input id={`timeout-${i}`} size={6} inputMode="numeric" value={r.timeoutMs} onInput={(e) => update(i, { timeoutMs: e.target.value })} />
            <button onClick={() => setRows(move(rows, i, i - 1))} disabled={i === 0} aria-label={`Move ${r.name} up`}>↑</button>
            <button onClick={() => setRows(move(rows, i, i + 1))} disabled={i === rows.length - 1} aria-label={`Move ${r.name} down`}>↓</button>
            <button onClick={() => setRows(remove(rows, i))} aria-label={`Remove ${r.name}`}>Remove</button>
          </li>
        ))}
      </ol>
      {rows && rows.length === 0 && <p class="muted">No actions in this flow.</p>}
      <div style="display:flex;gap:.5rem;align-items:end">
        <div>
          <label for="add-action">Add a deployed action</label>
          <select id="add-action" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">Choose…</option>
            {library.map((a) => <option value={a.id}>{a.name}</option>)}
          </select>
        </div>
        <button onClick={() => { const a = library.find((x) => x.id === pick); if (a) { setRows(addAction(rows, a)); setPick(''); } }}>Add</button>
        <button class="primary" onClick={apply}>Apply</button>
        <span role="status">{status}</span>
      </div>
    </section>
  );
}
