-- The organization's dictionary for the anonymizer: its names, codenames, customers, internal
-- domains, extra patterns and allowed terms. One row, versioned for If-Match.
CREATE TABLE org_dictionary (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    integer NOT NULL,
  content    jsonb NOT NULL,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO org_dictionary (version, content) VALUES (1, '{}');
