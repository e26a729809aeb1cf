-- Auditors read the trail of one record (GET /api/v1/audit?object_type=case&object_id=...).
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
