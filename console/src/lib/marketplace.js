/**
 * The install form of a catalog version, generated from its manifest: one entry per configuration
 * field (a select when the field has options; its default value prefilled) and per secret field
 * (write-only). Pure functions, unit-tested.
 */
export function formFields(manifest) {
  const m = manifest || {};
  const config = (m.configuration || []).map((f) => ({
    kind: 'configuration', name: f.name, label: f.label || f.name, description: f.description || '',
    required: f.required === true, options: f.options || null, initial: f.default_value ?? '',
  }));
  const secrets = (m.secrets || []).map((f) => ({
    kind: 'secret', name: f.name, label: f.label || f.name, description: f.description || '',
    required: f.required === true, options: null, initial: '',
  }));
  return [...config, ...secrets];
}

/** The install request from the form's values: empty optional values are left out (the manifest's defaults apply). */
export function installRequest(integrationId, version, fields, values) {
  const configuration = {};
  const secrets = {};
  for (const f of fields) {
    const value = values[f.name] ?? f.initial;
    if (value === '' || value === undefined || value === null) continue;
    (f.kind === 'secret' ? secrets : configuration)[f.name] = String(value);
  }
  return { integration_id: integrationId, version, configuration, secrets };
}

/** The hosts a version may call, as the catalog shows them before install. */
export function capabilityHosts(manifest) {
  return (manifest && manifest.capabilities && manifest.capabilities.outbound_hosts) || [];
}
