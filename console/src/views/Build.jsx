import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { TRIGGERS, sampleEvent, template } from '../lib/triggers.js';
import { createEditor } from '../lib/editor.js';
import { clearDraft, debounce, loadDraft, saveDraft } from '../lib/drafts.js';
import { secretsRequest, statusOf } from '../lib/library.js';
import { lineDiff } from '../lib/diff.js';
import { errorPosition, syntaxErrors } from '../lib/lint.js';
import { ProblemText } from './Problem.jsx';

export function Build({ api, tenant, actionId, newTrigger }) {
  return actionId ? <Editor key={actionId} api={api} tenant={tenant} actionId={actionId} /> : <NewAction api={api} initialTrigger={newTrigger} />;
}

function NewAction({ api, initialTrigger }) {
  const [triggerId, setTriggerId] = useState(initialTrigger || 'post-login');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState(null);
  const create = async (e) => {
    e.preventDefault();
    setProblem(null);
    const t = TRIGGERS.find((x) => x.id === triggerId);
    try {
      const created = await api.createAction({ name, supported_triggers: [{ id: t.id, version: t.version }], code: template(t.id), runtime: 'node22' });
      location.hash = `#/build/${created.id}`;
    } catch (err) { setProblem(err); }
  };
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">Build custom</h1>
      <form onSubmit={create} class="panel">
        <label for="new-trigger">Trigger</label>
        <select id="new-trigger" value={triggerId} onChange={(e) => setTriggerId(e.target.value)}>
          {TRIGGERS.map((t) => <option value={t.id}>{t.id}</option>)}
        </select>
        <label for="new-name">Name</label>
        <input id="new-name" value={name} onInput={(e) => setName(e.target.value)} required />
        <ProblemText problem={problem} field="name" />
        <ProblemText problem={problem} />
        <p><button class="primary" type="submit">Create</button></p>
      </form>
    </section>
  );
}

const TABS = ['Code', 'Dependencies', 'Secrets', 'Configuration', 'Test', 'Versions'];

function Editor({ api, tenant, actionId }) {
  const [action, setAction] = useState(null);
  const [code, setCode] = useState('');
  const [tab, setTab] = useState('Code');
  const [problem, setProblem] = useState(null);
  const [saved, setSaved] = useState('');
  const [versions, setVersions] = useState([]);
  const codeRef = useRef('');
  const editorHost = useRef(null);
  const editorView = useRef(null);
  const triggerId = action ? action.supported_triggers[0].id : 'post-login';
  const triggerRef = useRef(triggerId);
  triggerRef.current = triggerId;

  const reload = async () => {
    const a = await api.getAction(actionId);
    setAction(a);
    api.versions(actionId).then((p) => setVersions(p.versions || []), () => {});
    return a;
  };

  const autosave = useMemo(() => debounce((text) => saveDraft(localStorage, tenant, actionId, text), 500), [actionId]);

  useEffect(() => {
    reload().then((a) => {
      const local = loadDraft(localStorage, tenant, actionId);
      const initial = local && local.code !== a.code ? local.code : a.code;
      if (local && local.code !== a.code) setSaved('Restored an unsaved draft from this browser.');
      codeRef.current = initial;
      setCode(initial);
    }, setProblem);
  }, [actionId]);

  useEffect(() => {
    if (!action || !editorHost.current || editorView.current) return;
    editorView.current = createEditor(editorHost.current, {
      doc: codeRef.current, triggerId: () => triggerRef.current, label: 'Action code',
      onChange: (text) => { codeRef.current = text; setCode(text); autosave(text); },
    });
  }, [action, tab]);

  useEffect(() => () => { if (editorView.current) editorView.current.destroy(); }, []);

  const saveCode = async () => {
    setProblem(null);
    try {
      const a = await api.updateAction(actionId, { code: codeRef.current });
      clearDraft(localStorage, tenant, actionId);
      setAction(a);
      setSaved('Draft saved.');
      return a;
    } catch (e) { setProblem(e); throw e; }
  };

  const deploy = async () => {
    try {
      await saveCode();
      await api.deploy(actionId);
      setSaved('Deploying…');
      for (let i = 0; i < 60; i++) {
        const a = await reload();
        if (a.status !== 'pending' && a.status !== 'building') {
          setSaved(a.status === 'built' ? `Deployed version ${a.deployed_version ? a.deployed_version.number : ''}.` : 'Build failed.');
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    } catch (e) { setProblem(e); }
  };

  if (!action) return problem ? <ProblemText problem={problem} /> : <p>Loading…</p>;

  return (
    <section aria-labelledby="editor-title">
      <h1 id="editor-title">{action.name} <small class="muted">({triggerId})</small></h1>
      <p>Status: <span data-testid="action-status">{statusOf(action)}</span></p>
      <div style="display:flex;gap:.5rem;margin-bottom:.5rem">
        <button onClick={() => saveCode().catch(() => {})}>Save draft</button>
        <button class="primary" onClick={deploy}>Deploy</button>
        <a href={`#/executions/${actionId}`}>Executions of this action</a>
        <span role="status" class="muted">{saved}</span>
      </div>
      <ProblemText problem={problem} />
      <div role="tablist" class="tabs" aria-label="Action">
        {TABS.map((t) => (
          <button role="tab" id={`tab-${t}`} aria-selected={tab === t} aria-controls={`panel-${t}`} tabIndex={tab === t ? 0 : -1}
            onClick={() => setTab(t)}
            onKeyDown={(e) => {
              const i = TABS.indexOf(tab);
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
                setTab(next);
                setTimeout(() => document.getElementById(`tab-${next}`).focus());
              }
            }}>{t}</button>
        ))}
      </div>
      <div role="tabpanel" id="panel-Code" aria-labelledby="tab-Code" hidden={tab !== 'Code'} class="panel">
        <div ref={editorHost} class="editor" data-testid="editor" />
        <ul aria-live="polite" data-testid="syntax-errors">
          {syntaxErrors(code).map((d) => <li class="problem">Syntax error at line {d.line}, column {d.column}: {d.message}</li>)}
        </ul>
      </div>
      {tab === 'Dependencies' && <Dependencies api={api} action={action} versions={versions} onSaved={setAction} />}
      {tab === 'Secrets' && <Secrets api={api} action={action} onSaved={setAction} />}
      {tab === 'Configuration' && (
        <div role="tabpanel" id="panel-Configuration" aria-labelledby="tab-Configuration" class="panel">
          <p>Configuration fields belong to installed integrations; a custom action keeps its settings in code and secrets.</p>
        </div>
      )}
      {tab === 'Test' && <TestTab api={api} action={action} triggerId={triggerId} save={saveCode} />}
      {tab === 'Versions' && <Versions api={api} action={action} versions={versions} draft={code} reload={reload} />}
    </section>
  );
}

function Dependencies({ api, action, versions, onSaved }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState('');
  const [problem, setProblem] = useState(null);
  const latest = versions[0];
  const save = async (deps) => {
    setProblem(null);
    try { onSaved(await api.updateAction(action.id, { dependencies: deps })); } catch (e) { setProblem(e); }
  };
  // a version's dependencies are pinned to exact versions by the registry at deploy
  const pinned = (n) => {
    const d = latest && (latest.dependencies || []).find((x) => x.name === n);
    return d ? d.version : '—';
  };
  return (
    <div role="tabpanel" id="panel-Dependencies" aria-labelledby="tab-Dependencies" class="panel">
      <table>
        <thead><tr><th>Name</th><th>Requested</th><th>Pinned (last version)</th><th /></tr></thead>
        <tbody>
          {action.dependencies.map((d) => (
            <tr><td>{d.name}</td><td>{d.version}</td><td>{pinned(d.name)}</td>
              <td><button onClick={() => save(action.dependencies.filter((x) => x.name !== d.name))}>Remove {d.name}</button></td></tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={(e) => { e.preventDefault(); save([...action.dependencies, { name, version }]); }}>
        <label for="dep-name">Package name</label><input id="dep-name" value={name} onInput={(e) => setName(e.target.value)} />
        <label for="dep-version">Version</label><input id="dep-version" value={version} onInput={(e) => setVersion(e.target.value)} />
        <ProblemText problem={problem} field="dependencies" />
        <ProblemText problem={problem} />
        <p><button type="submit">Add dependency</button></p>
      </form>
      {latest && latest.errors && latest.errors.length > 0 && (
        <div><h3>Build errors (version {latest.number})</h3><ul>{latest.errors.map((e) => <li class="problem">{e.msg}</li>)}</ul></div>
      )}
    </div>
  );
}

function Secrets({ api, action, onSaved }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState(null);
  const stored = action.secrets.map((s) => s.name);
  const submit = async (edits) => {
    setProblem(null);
    try {
      onSaved(await api.updateAction(action.id, { secrets: secretsRequest(stored, edits) }));
      // The value leaves the page with the request: nothing keeps it.
      setName('');
      setValue('');
    } catch (e) { setProblem(e); setValue(''); }
  };
  return (
    <div role="tabpanel" id="panel-Secrets" aria-labelledby="tab-Secrets" class="panel">
      <p class="muted">Secret values are write-only: once saved they are never shown again.</p>
      <table>
        <thead><tr><th>Name</th><th>Value</th><th /></tr></thead>
        <tbody>
          {stored.map((n) => (
            <tr data-testid="secret-row"><td>{n}</td><td>set</td>
              <td><button onClick={() => submit({ values: {}, removed: [n] })}>Unset {n}</button></td></tr>
          ))}
          {stored.length === 0 && <tr><td colSpan={3} class="muted">No secrets.</td></tr>}
        </tbody>
      </table>
      <form onSubmit={(e) => { e.preventDefault(); submit({ values: { [name]: value }, removed: [] }); }} autocomplete="off">
        <label for="secret-name">Secret name</label><input id="secret-name" value={name} onInput={(e) => setName(e.target.value)} />
        <label for="secret-value">Secret value</label>
        <input id="secret-value" type="password" autocomplete="new-password" value={value} onInput={(e) => setValue(e.target.value)} />
        <ProblemText problem={problem} field="secrets" />
        <ProblemText problem={problem} />
        <p><button type="submit">Set secret</button></p>
      </form>
    </div>
  );
}

function TestTab({ api, action, triggerId, save }) {
  const [event, setEvent] = useState(() => sampleEvent(triggerId));
  const [result, setResult] = useState(null);
  const [problem, setProblem] = useState(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setProblem(null);
    setResult(null);
    let payload;
    try { payload = JSON.parse(event); } catch (e) { setProblem({ title: 'The sample event is not JSON', detail: e.message }); return; }
    setRunning(true);
    try {
      await save();
      const r = await api.testAction(action.id, payload);
      setResult(r.payload);
    } catch (e) { setProblem(e); } finally { setRunning(false); }
  };
  const position = result && result.error ? errorPosition(result.error.stack) : null;
  return (
    <div role="tabpanel" id="panel-Test" aria-labelledby="tab-Test" class="panel">
      <label for="sample-event">Sample event ({triggerId})</label>
      <textarea id="sample-event" rows={12} value={event} onInput={(e) => setEvent(e.target.value)} />
      <p><button class="primary" onClick={run} disabled={running}>▶ Run test</button>
        <button onClick={() => setEvent(sampleEvent(triggerId))}>Reset sample</button></p>
      <ProblemText problem={problem} />
      {result && (
        <div data-testid="test-result">
          <p>Result: <strong>{result.status}</strong></p>
          {result.error && (
            <p class="problem" role="alert" data-testid="test-error">
              {result.error.message}{position ? ` (line ${position.line}, column ${position.column})` : ''}
            </p>
          )}
          <h3>Commands</h3><pre>{JSON.stringify(result.commands || [], null, 2)}</pre>
          <h3>Effects</h3><pre>{JSON.stringify(result.effects || {}, null, 2)}</pre>
          <h3>Logs</h3><pre data-testid="test-logs">{(result.logs || []).join('\n')}</pre>
        </div>
      )}
    </div>
  );
}

function Versions({ api, action, versions, draft, reload }) {
  const [selected, setSelected] = useState(null);
  const [problem, setProblem] = useState(null);
  const rollback = async (v) => {
    setProblem(null);
    try { await api.rollback(action.id, v.id); await reload(); } catch (e) { setProblem(e); }
  };
  const shown = selected ? versions.find((v) => v.id === selected) : null;
  return (
    <div role="tabpanel" id="panel-Versions" aria-labelledby="tab-Versions" class="panel">
      <ProblemText problem={problem} />
      <table>
        <thead><tr><th>Version</th><th>Status</th><th>Deployed</th><th>Created</th><th /></tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr data-testid="version-row">
              <td>v{v.number}</td><td>{v.status}</td><td>{v.deployed ? 'deployed' : ''}</td><td>{v.created_at}</td>
              <td>
                <button onClick={() => setSelected(v.id)}>Diff v{v.number} to draft</button>{' '}
                {!v.deployed && <button onClick={() => rollback(v)}>Roll back to v{v.number}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && (
        <pre class="diff" aria-label={`Diff of version ${shown.number} to the draft`}>
          {lineDiff(shown.code, draft).map((l) => <div class={l.sign === '+' ? 'add' : l.sign === '-' ? 'del' : ''}>{l.sign} {l.text}</div>)}
        </pre>
      )}
    </div>
  );
}
