-- The adjust action (review/README.md, "Adjust a gate and re-count"): a reviewer moves a gate
-- and the sample is re-counted. Its row keeps the gate's geometry and the counts before and
-- after as JSON, longer than V1's 256 characters (GateGeometry bounds a polygon's vertices).
-- V1's CHECK on action has no name of its own: H2 2.3 named it CONSTRAINT_90
-- (INFORMATION_SCHEMA.CHECK_CONSTRAINTS); the new one is named.
ALTER TABLE review_audit DROP CONSTRAINT CONSTRAINT_90;
ALTER TABLE review_audit ADD CONSTRAINT review_audit_action
  CHECK (action IN ('accept', 'override', 'sign', 'adjust'));
ALTER TABLE review_audit ALTER COLUMN old_value SET DATA TYPE VARCHAR(16000);
ALTER TABLE review_audit ALTER COLUMN new_value SET DATA TYPE VARCHAR(16000);
