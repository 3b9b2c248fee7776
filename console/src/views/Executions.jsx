import { useEffect, useState } from 'preact/hooks';
import { TRIGGERS } from '../lib/triggers.js';
import { readEvents } from '../lib/sse.js';
import { durationMs } from '../lib/executions.js';
import { ProblemText } from './Problem.jsx';

function Runs({ execution }) {
  return (
    <ul>
      {execution.results.map((r) => (
        <li>{r.action_name} — {r.error ? <span class="problem">{r.error}</span> : 'ok'}
          {r.logs && r.logs.length > 0 && <pre>{r.logs.join('\n')}</pre>}</li>
      ))}
    </ul>
  );
}

export function Executions({ api, token, actionId }) {
  const [triggerId, setTriggerId] = useState('');
  const [recent, setRecent] = useState(null);
  const [live, setLive] = useState([]);
  const [streamState, setStreamState] = useState('connecting');
  const [problem, setProblem] = useState(null);

  useEffect(() => { api.executions({ triggerId, actionId }).then((p) => setRecent(p.executions), setProblem); }, [triggerId, actionId]);

  useEffect(() => {
    const abort = new AbortController();
    readEvents(fetch, '/console/api/executions/stream', token, (e) => {
      if (e.event === 'ready') setStreamState('live');
      if (e.event !== 'execution') return;
      const execution = JSON.parse(e.data);
      if (actionId && !execution.results.some((r) => r.action_id === actionId)) return;
      setLive((l) => [execution, ...l].slice(0, 100));
    }, abort.signal).then(() => setStreamState('closed'), (e) => { if (!abort.signal.aborted) setStreamState(`closed: ${e.message}`); });
    return () => abort.abort();
  }, [token, actionId]);

  return (
    <section aria-labelledby="exec-title">
      <h1 id="exec-title">Executions{actionId ? ' of one action' : ''}</h1>
      {actionId && <p><a href="#/executions">All executions</a></p>}
      <ProblemText problem={problem} />
      <div class="layout">
        <div>
          <label for="exec-trigger">Trigger</label>
          <select id="exec-trigger" value={triggerId} onChange={(e) => setTriggerId(e.target.value)}>
            <option value="">All triggers</option>
            {TRIGGERS.map((t) => <option value={t.id}>{t.id}</option>)}
          </select>
          <h2>Recent</h2>
          <table>
            <thead><tr><th>When</th><th>Trigger</th><th>Status</th><th>Duration</th><th>Actions</th></tr></thead>
            <tbody>
              {(recent || []).map((x) => (
                <tr data-testid="execution-row"><td>{x.created_at}</td><td>{x.trigger_id}</td><td>{x.status}</td>
                  <td>{durationMs(x)} ms</td><td><Runs execution={x} /></td></tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>Live stream <small class="muted" data-testid="stream-state">{streamState}</small></h2>
          <ul aria-live="polite" data-testid="live-stream">
            {live.map((x) => (
              <li data-testid="live-execution">{x.trigger_id} · {x.status} · {durationMs(x)} ms<Runs execution={x} /></li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
