-- The console lists a tenant's most recent executions (optionally of one trigger): an index that
-- serves "where tenant_id = ? order by created_at desc limit n" without scanning other tenants' rows.
CREATE INDEX executions_tenant_created_at ON executions (tenant_id, created_at DESC);
