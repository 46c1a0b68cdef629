-- Failed logins per account and client address within core.login_failure_window (LoginThrottle). In
-- PostgreSQL rather than Redis, so that flushing or losing Redis does not forgive an attacker's guesses.
-- A row's window starts with its first failure; rows whose window has passed are deleted every minute.
CREATE TABLE login_failure (
    account      text        NOT NULL,
    address      text        NOT NULL,
    failures     int         NOT NULL,
    window_start timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, address)
);
CREATE INDEX login_failure_address ON login_failure (address);
CREATE INDEX login_failure_window ON login_failure (window_start);
