/**
 * Consent check: asks Consent Vendor whether the user accepted the configured purpose and denies the
 * login when not. Secrets: CONSENT_API_KEY. Configuration: PURPOSE, ON_API_ERROR, DEBUG.
 */
const CONSENTS = 'https://api.consent-vendor.example/v1/consents';

exports.onExecutePostLogin = async (event, api) => {
  const config = event.configuration;
  const debug = config.DEBUG === 'true';
  const purpose = config.PURPOSE || 'terms-of-service';
  const url = CONSENTS + '?user_id=' + encodeURIComponent(event.user.user_id) + '&purpose=' + encodeURIComponent(purpose);

  let consent;
  try {
    const response = await fetch(url, {
      headers: { authorization: 'Bearer ' + event.secrets.CONSENT_API_KEY, accept: 'application/json' },
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) {
      throw new Error('the consent API answered ' + response.status);
    }
    consent = await response.json();
  } catch (err) {
    if (debug) {
      console.log('consent check: ' + err.message);
    }
    if (config.ON_API_ERROR === 'allow') {
      return;
    }
    api.access.deny('We could not check your consent just now. Please try again in a minute.');
    return;
  }

  if (consent.granted !== true) {
    if (debug) {
      console.log('consent check: no ' + purpose + ' consent for ' + event.user.user_id);
    }
    api.access.deny('Please accept our ' + purpose.replace(/-/g, ' ') + ' to sign in.');
    return;
  }
  api.idToken.setCustomClaim('https://consent-vendor.example/consent', purpose);
};
