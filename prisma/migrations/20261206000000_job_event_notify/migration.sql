-- Live job events (issue 17): every row written to sap_key_job_events is announced on the channel
-- `cckm_job_events` from the statement that writes it, so a listener learns of it exactly when it
-- commits (NOTIFY is delivered at commit, never for a rolled-back write). The payload carries what a
-- watcher filters on (the job's key and operation) so the API fans out without reading the table;
-- the reason is cut to 500 characters to stay far below NOTIFY's 8000-byte limit. Prisma's schema
-- does not describe triggers; this one is the project's own.
CREATE FUNCTION cckm_notify_job_event() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  job RECORD;
BEGIN
  SELECT cckm_key_id, key_id, operation INTO job FROM sap_key_jobs WHERE id = NEW.job_id;
  PERFORM pg_notify('cckm_job_events', json_build_object(
    'id', NEW.id::text,
    'job_id', NEW.job_id,
    'cckm_key_id', job.cckm_key_id,
    'key_id', job.key_id,
    'operation', job.operation,
    'from_state', NEW.from_state,
    'to_state', NEW.to_state,
    'actor', NEW.actor,
    'reason', left(NEW.reason, 500),
    'error_code', NEW.error_code,
    'created_at', NEW.created_at
  )::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER sap_key_job_events_notify AFTER INSERT ON sap_key_job_events
  FOR EACH ROW EXECUTE FUNCTION cckm_notify_job_event();
