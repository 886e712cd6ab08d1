-- Accounts: a user can be disabled (their tokens go with them); the audit trail keeps the
-- client address of every request, failed logins included.
alter table app_user add column disabled_at bigint;
alter table audit add column address text;
