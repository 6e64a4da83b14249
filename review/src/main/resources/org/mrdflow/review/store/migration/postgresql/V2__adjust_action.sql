-- The adjust action (review/README.md, "Adjust a gate and re-count"): a reviewer moves a gate
-- and the sample is re-counted. Its row keeps the gate's geometry and the counts before and
-- after as JSON, longer than V1's 256 characters (GateGeometry bounds a polygon's vertices).
-- V1's CHECK on action got PostgreSQL's default name <table>_<column>_check.
ALTER TABLE review_audit DROP CONSTRAINT review_audit_action_check;
ALTER TABLE review_audit ADD CONSTRAINT review_audit_action
  CHECK (action IN ('accept', 'override', 'sign', 'adjust'));
ALTER TABLE review_audit ALTER COLUMN old_value TYPE VARCHAR(16000);
ALTER TABLE review_audit ALTER COLUMN new_value TYPE VARCHAR(16000);
