-- Reviewers and directors; passwords as PBKDF2-HMAC-SHA256 (PasswordHash).
CREATE TABLE users (
  name VARCHAR(64) PRIMARY KEY,
  role VARCHAR(16) NOT NULL CHECK (role IN ('reviewer', 'director')),
  password_hash VARCHAR(256) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every review action, appended, never rewritten: the one record of what was reviewed. The
-- current review state of an analysis is derived from it (ReviewState).
CREATE TABLE review_audit (
  sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id VARCHAR(128) NOT NULL,
  sample_id VARCHAR(64) NOT NULL,
  reviewer VARCHAR(64) NOT NULL,
  role VARCHAR(16) NOT NULL,
  action VARCHAR(16) NOT NULL CHECK (action IN ('accept', 'override', 'sign')),
  field VARCHAR(64),
  old_value VARCHAR(256),
  new_value VARCHAR(256),
  reason VARCHAR(2000),
  acted_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX review_audit_analysis ON review_audit (sample_id, run_id);

CREATE FUNCTION review_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'review_audit is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER review_audit_no_update_or_delete BEFORE UPDATE OR DELETE ON review_audit
  FOR EACH ROW EXECUTE FUNCTION review_audit_append_only();

-- TRUNCATE does not fire row triggers.
CREATE TRIGGER review_audit_no_truncate BEFORE TRUNCATE ON review_audit
  FOR EACH STATEMENT EXECUTE FUNCTION review_audit_append_only();
