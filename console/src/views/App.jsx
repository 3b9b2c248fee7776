import { useEffect, useState } from 'preact/hooks';
import { createApi } from '../lib/api.js';
import { beginOidc, completeOidc, localSignIn, signOut, storedToken, tenantOf } from '../lib/auth.js';
import { Library } from './Library.jsx';
import { Build } from './Build.jsx';
import { Flows } from './Flows.jsx';
import { Executions } from './Executions.jsx';
import { Marketplace } from './Marketplace.jsx';

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/library');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/library');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

export function App() {
  const [config, setConfig] = useState(null);
  const [token, setToken] = useState(() => storedToken(sessionStorage));
  const [error, setError] = useState('');
  const hash = useHash();

  useEffect(() => {
    fetch('/console/config.json').then((r) => r.json()).then(async (c) => {
      setConfig(c);
      const params = new URLSearchParams(location.search);
      if (c.sign_in === 'oidc' && params.has('code')) {
        const t = await completeOidc(c, sessionStorage, location);
        history.replaceState(null, '', location.pathname + location.hash);
        setToken(t);
      }
    }).catch((e) => setError(e.message));
  }, []);

  if (!token) {
    return (
      <main>
        <h1>OpenActions console</h1>
        {error && <p class="problem" role="alert">{error}</p>}
        {config && config.sign_in === 'local' && (
          <button class="primary" onClick={() => localSignIn(fetch, sessionStorage).then(setToken, (e) => setError(e.message))}>
            Sign in to the demo tenant ({config.local_tenant})
          </button>
        )}
        {config && config.sign_in === 'oidc' && (
          <button class="primary" onClick={() => beginOidc(config, sessionStorage, location).then((u) => location.assign(u), (e) => setError(e.message))}>
            Sign in
          </button>
        )}
        {config && config.sign_in === 'none' && <p>Sign-in is not configured on this platform (console.oidc.issuer).</p>}
      </main>
    );
  }

  const api = createApi(token);
  const tenant = tenantOf(token);
  const [route, ...rest] = hash.replace(/^#\//, '').split('/');
  const link = (href, text, name) => <a href={href} aria-current={route === name ? 'page' : undefined}>{text}</a>;
  let view;
  if (route === 'build') view = <Build api={api} tenant={tenant} actionId={rest[0] === 'new' ? null : rest[0]} newTrigger={rest[1]} />;
  else if (route === 'flows') view = <Flows api={api} triggerId={rest[0] || 'post-login'} />;
  else if (route === 'executions') view = <Executions api={api} token={token} actionId={rest[0]} />;
  else if (route === 'marketplace') view = <Marketplace api={api} integrationId={rest[0]} />;
  else view = <Library api={api} />;

  return (
    <>
      <header>
        <strong>OpenActions</strong>
        <nav aria-label="Main">
          {link('#/library', 'Library', 'library')}
          {link('#/build/new', 'Build custom', 'build')}
          {link('#/flows/post-login', 'Flows', 'flows')}
          {link('#/executions', 'Executions', 'executions')}
          {link('#/marketplace', 'Marketplace', 'marketplace')}
        </nav>
        <span class="who" data-testid="tenant">Tenant: {tenant}</span>
        <button onClick={() => { signOut(sessionStorage); setToken(null); }}>Sign out</button>
      </header>
      <main>{view}</main>
    </>
  );
}
