-- Scan reports (Harbor keeps them in core's database): one row per scan of an artifact (by digest) with a scanner
-- registration for one report MIME type, recorded when the scan is asked for; the SCAN task of jobservice's execution
-- (execution_id) posts the adapter's report, stored once whatever the number of posts (a task tried again). A report
-- without its report is as far as its task got (the task's status in jobs.task_view). The newest row of a digest and
-- MIME type is the artifact's scan overview. trigger_key makes a scan asked for by an event (a push) one row, whichever
-- core replica handles the event and however often.

CREATE TABLE scan_report (
    id                bigserial   PRIMARY KEY,
    uuid              text        NOT NULL UNIQUE,     -- Harbor's report_id
    project_id        bigint      NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    repository        text        NOT NULL,
    digest            text        NOT NULL,
    registration_uuid text        NOT NULL,            -- no reference: a report outlives its registration
    scanner_name      text        NOT NULL,
    scanner_vendor    text        NOT NULL DEFAULT '',
    scanner_version   text        NOT NULL DEFAULT '',
    scan_type         text        NOT NULL,            -- vulnerability, sbom
    mime_type         text        NOT NULL,
    execution_id      bigint,                          -- jobs.execution, once jobservice recorded it
    trigger_key       text        UNIQUE,
    report            jsonb,
    severity          text,
    summary           jsonb,
    start_time        timestamptz NOT NULL DEFAULT now(),
    end_time          timestamptz
);
CREATE INDEX scan_report_artifact ON scan_report (digest, mime_type, id DESC);
CREATE INDEX scan_report_execution ON scan_report (execution_id);
