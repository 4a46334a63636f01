-- The tenant's settings (default_tax_rate, prices_include_tax, V8) become editable over HTTP
-- (catalog's PUT /api/settings/tax): a version for optimistic locking, as every catalog row has.
ALTER TABLE tenants ADD COLUMN settings_version INT NOT NULL DEFAULT 0;
