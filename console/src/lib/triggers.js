// The triggers, their handler names, templates, sample events and the `event`/`api` shapes the
// editor completes. Shapes follow the platform's trigger spec (docs/triggers.md); a field listed
// here is one the executor accepts or provides.

const common = {
  secrets: {},
  configuration: {},
  tenant: { id: '' },
  client: { client_id: '', name: '', metadata: {} },
  connection: { id: '', name: '', strategy: '', metadata: {} },
  request: { ip: '', method: '', hostname: '', language: '', user_agent: '', geoip: { countryCode: '' }, query: {}, body: {} },
  transaction: { id: '', protocol: '', requested_scopes: [], redirect_uri: '', state: '', locale: '', ui_locales: [], correlation_id: '', metadata: {} },
  organization: { id: '', name: '', display_name: '', metadata: {} },
};

const fullUser = {
  user_id: '', email: '', email_verified: false, username: '', name: '', nickname: '', given_name: '', family_name: '',
  picture: '', phone_number: '', created_at: '', updated_at: '', last_password_reset: '', app_metadata: {}, user_metadata: {},
  identities: [], multifactor: [],
};

const cache = { get: 'get(key)', set: 'set(key, value, {ttl})', delete: 'delete(key)' };

export const TRIGGERS = [
  {
    id: 'post-login', version: 'v3', handler: 'onExecutePostLogin', kind: 'sync',
    event: { ...common, user: fullUser, stats: { logins_count: 0 }, authorization: { roles: [] },
      authentication: { methods: [] }, resource_server: { identifier: '' } },
    api: {
      access: { deny: 'deny(reason)' },
      accessToken: { setCustomClaim: 'setCustomClaim(name, value)', addScope: 'addScope(scope)', removeScope: 'removeScope(scope)' },
      idToken: { setCustomClaim: 'setCustomClaim(name, value)' },
      user: { setUserMetadata: 'setUserMetadata(key, value)', setAppMetadata: 'setAppMetadata(key, value)' },
      multifactor: { enable: 'enable(provider, options)' },
      authentication: { challengeWith: 'challengeWith(factor, options)', challengeWithAny: 'challengeWithAny(factors)',
        enrollWith: 'enrollWith(factor)', enrollWithAny: 'enrollWithAny(factors)', setPrimaryUser: 'setPrimaryUser(id)' },
      redirect: { sendUserTo: 'sendUserTo(url, {query})', encodeToken: 'encodeToken({secret, payload, expiresInSeconds})',
        validateToken: 'validateToken({secret, tokenParameterName})' },
      transaction: { setMetadata: 'setMetadata(key, value)' },
      session: { revoke: 'revoke(reason)' },
      samlResponse: { setAttribute: 'setAttribute(name, value)' },
      validation: { error: 'error(code, message)' },
      cache,
    },
    sample: {
      user: { user_id: 'auth0|5f7c8ec7c33c6c004bbafe82', email: 'j+smith@example.com', email_verified: true, name: 'Jane Smith',
        app_metadata: { plan: 'pro' }, user_metadata: {} },
      request: { ip: '198.51.100.7', method: 'POST', hostname: 'login.example.com', language: 'en', user_agent: 'Mozilla/5.0' },
      client: { client_id: 'my-app', name: 'My App', metadata: {} },
      connection: { id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
      stats: { logins_count: 3 },
      authorization: { roles: [] },
      transaction: { id: 'tx_1', protocol: 'oidc-basic-profile', requested_scopes: ['openid', 'profile'], locale: 'en', metadata: {} },
      tenant: { id: 'default' },
    },
  },
  {
    id: 'credentials-exchange', version: 'v2', handler: 'onExecuteCredentialsExchange', kind: 'sync',
    event: { ...common, accessToken: { scope: [], customClaims: {} }, resource_server: { identifier: '' } },
    api: { access: { deny: 'deny(code, reason)' }, accessToken: { setCustomClaim: 'setCustomClaim(name, value)' }, cache },
    sample: {
      accessToken: { scope: ['read:reports'], customClaims: {} },
      client: { client_id: 'm2m-app', name: 'Reporting job', metadata: {} },
      resource_server: { identifier: 'https://api.example.com/' },
      request: { ip: '198.51.100.7' },
      transaction: { requested_scopes: ['read:reports'] },
      tenant: { id: 'default' },
    },
  },
  {
    id: 'pre-user-registration', version: 'v2', handler: 'onExecutePreUserRegistration', kind: 'sync',
    event: { ...common, user: { email: '', username: '', name: '', nickname: '', given_name: '', family_name: '', picture: '',
      phone_number: '', app_metadata: {}, user_metadata: {} } },
    api: { access: { deny: 'deny(reason, userMessage)' }, validation: { error: 'error(code, message)' },
      user: { setUserMetadata: 'setUserMetadata(key, value)', setAppMetadata: 'setAppMetadata(key, value)' }, cache },
    sample: {
      user: { email: 'new.user@example.com', name: 'New User', app_metadata: {}, user_metadata: {} },
      connection: { id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
      request: { ip: '198.51.100.7', body: {} },
      tenant: { id: 'default' },
    },
  },
  {
    id: 'post-user-registration', version: 'v2', handler: 'onExecutePostUserRegistration', kind: 'async',
    event: { ...common, user: fullUser }, api: { cache },
    sample: {
      user: { user_id: 'auth0|new1', email: 'ada@example.com', name: 'Ada', created_at: '2026-01-01T00:00:00Z' },
      connection: { id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
      request: { ip: '198.51.100.7' },
      tenant: { id: 'default' },
    },
  },
  {
    id: 'post-change-password', version: 'v2', handler: 'onExecutePostChangePassword', kind: 'async',
    event: { ...common, user: { user_id: '', email: '', email_verified: false, username: '', phone_number: '', last_password_reset: '' } },
    api: { cache },
    sample: {
      user: { user_id: 'auth0|1', email: 'ada@example.com', last_password_reset: '2026-01-01T00:00:00Z' },
      connection: { id: 'con_1', name: 'Username-Password-Authentication', strategy: 'auth0', metadata: {} },
      transaction: { correlation_id: 'c-1' },
      tenant: { id: 'default' },
    },
  },
  {
    id: 'send-phone-message', version: 'v2', handler: 'onExecuteSendPhoneMessage', kind: 'sync',
    event: { ...common, user: fullUser, message_options: { action: '', code: '', message_type: '', recipient: '', text: '' } },
    api: { cache },
    sample: {
      message_options: { action: 'second-factor-authentication', code: '123456', message_type: 'sms', recipient: '+15555550100',
        text: 'Your code is 123456' },
      user: { user_id: 'auth0|1', email: 'ada@example.com' },
      request: { ip: '198.51.100.7' },
      tenant: { id: 'default' },
    },
  },
];

export function trigger(id) {
  return TRIGGERS.find((t) => t.id === id);
}

/** The code a new action of this trigger starts with. */
export function template(triggerId) {
  const t = trigger(triggerId);
  if (!t) throw new Error(`unknown trigger ${triggerId}`);
  return `/**
 * Handler that will be called during the execution of a ${t.id} flow.
 *
 * @param {Event} event - Details about the ${t.id} event.
 * @param {API} api - Interface whose methods can be used to change the behavior of the flow.
 */
exports.${t.handler} = async (event, api) => {
  console.log('${t.id}', event.tenant && event.tenant.id);
};
`;
}

/** A sensible sample event for the Test tab, as pretty JSON the user may edit. */
export function sampleEvent(triggerId) {
  const t = trigger(triggerId);
  return JSON.stringify(t ? t.sample : {}, null, 2);
}
