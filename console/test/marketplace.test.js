import { describe, expect, it } from 'vitest';
import { capabilityHosts, formFields, installRequest } from '../src/lib/marketplace.js';

const manifest = {
  secrets: [{ name: 'API_KEY', label: 'API key', required: true }],
  configuration: [
    { name: 'PURPOSE', label: 'Purpose', required: true },
    { name: 'DEBUG', label: 'Debug', required: false, default_value: 'false', options: ['true', 'false'] },
  ],
  capabilities: { outbound_hosts: ['api.vendor.example'] },
};

describe('the install form from a manifest', () => {
  it('has configuration fields first, with options and defaults, then write-only secrets', () => {
    const fields = formFields(manifest);
    expect(fields.map((f) => `${f.kind}:${f.name}`)).toEqual(['configuration:PURPOSE', 'configuration:DEBUG', 'secret:API_KEY']);
    expect(fields[1].options).toEqual(['true', 'false']);
    expect(fields[1].initial).toBe('false');
    expect(fields[2].initial).toBe('');
  });

  it('builds the install request, leaving out empty optional values', () => {
    const fields = formFields(manifest);
    expect(installRequest('i-1', '1.0.0', fields, { PURPOSE: 'marketing', API_KEY: 'k' })).toEqual({
      integration_id: 'i-1', version: '1.0.0', configuration: { PURPOSE: 'marketing', DEBUG: 'false' }, secrets: { API_KEY: 'k' },
    });
    expect(installRequest('i-1', '1.0.0', fields, { DEBUG: '' }).configuration).toEqual({});
  });

  it('lists the capability hosts, or none', () => {
    expect(capabilityHosts(manifest)).toEqual(['api.vendor.example']);
    expect(capabilityHosts({})).toEqual([]);
  });
});
