import { useEffect, useState } from 'preact/hooks';
import { capabilityHosts, formFields, installRequest } from '../lib/marketplace.js';
import { ProblemText } from './Problem.jsx';

/** The catalog of published integrations (never their code) and an install form generated from a version's manifest. */
export function Marketplace({ api, integrationId }) {
  const [items, setItems] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => { api.catalog().then((list) => setItems(list || []), setProblem); }, []);
  if (integrationId) return <Integration api={api} id={integrationId} />;
  return (
    <section aria-labelledby="marketplace-title">
      <h1 id="marketplace-title">Marketplace</h1>
      <ProblemText problem={problem} />
      {items === null ? <p>Loading…</p> : items.length === 0 ? <p>No integrations are published yet.</p> : (
        <table>
          <thead><tr><th>Integration</th><th>Trigger</th><th>Categories</th><th>Latest version</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr data-testid="catalog-row">
                <td><a href={`#/marketplace/${i.id}`}>{i.listing.name}</a><br /><small>{i.listing.short_description}</small></td>
                <td>{i.trigger_id}</td>
                <td>{(i.listing.categories || []).join(', ')}</td>
                <td>{i.latest_version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Integration({ api, id }) {
  const [item, setItem] = useState(null);
  const [values, setValues] = useState({});
  const [problem, setProblem] = useState(null);
  const [installed, setInstalled] = useState(null);
  useEffect(() => { api.catalogItem(id).then(setItem, setProblem); }, [id]);
  if (!item) return problem ? <ProblemText problem={problem} /> : <p>Loading…</p>;
  const version = item.versions.find((v) => v.version === item.latest_version) || item.versions[0];
  const fields = formFields(version.manifest);
  const hosts = capabilityHosts(version.manifest);
  const install = async (e) => {
    e.preventDefault();
    setProblem(null);
    try {
      const result = await api.install(installRequest(item.id, version.version, fields, values));
      setInstalled(result);
    } catch (err) {
      setProblem(err);
    } finally {
      // secret values are never kept once submitted
      setValues((v) => Object.fromEntries(Object.entries(v).filter(([name]) => !fields.some((f) => f.kind === 'secret' && f.name === name))));
    }
  };
  return (
    <section aria-labelledby="integration-title">
      <h1 id="integration-title">{item.listing.name} <small class="muted">({item.trigger_id}, v{version.version})</small></h1>
      <p>{item.listing.long_description || item.listing.short_description}</p>
      <p>
        {item.listing.documentation_url && <a href={item.listing.documentation_url} rel="noopener noreferrer">Documentation</a>}
        {' '}{item.listing.support_url && <a href={item.listing.support_url} rel="noopener noreferrer">Support</a>}
      </p>
      <h2>Capabilities</h2>
      <p data-testid="capabilities">{hosts.length ? `May call: ${hosts.join(', ')}` : 'Makes no outbound requests.'}</p>
      <h2>Install</h2>
      <ProblemText problem={problem} />
      {installed ? (
        <p role="status" data-testid="installed">Installed as action {installed.action_name}. It is in your <a href="#/library">library</a>; add it to a flow under <a href={`#/flows/${item.trigger_id}`}>Flows</a>.</p>
      ) : (
        <form onSubmit={install}>
          {fields.map((f) => (
            <div>
              <label for={`field-${f.name}`}>{f.label}{f.required ? ' (required)' : ''}{f.kind === 'secret' ? ' — secret' : ''}</label>
              {f.options ? (
                <select id={`field-${f.name}`} value={values[f.name] ?? f.initial} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                  {f.options.map((o) => <option value={o}>{o}</option>)}
                </select>
              ) : (
                <input id={`field-${f.name}`} type={f.kind === 'secret' ? 'password' : 'text'} autocomplete="off"
                  value={values[f.name] ?? f.initial} onInput={(e) => setValues({ ...values, [f.name]: e.target.value })} />
              )}
              {f.description && <small>{f.description}</small>}
              <ProblemText problem={problem} field={f.name} />
            </div>
          ))}
          <button class="primary" type="submit">Install {item.listing.name}</button>
        </form>
      )}
    </section>
  );
}
