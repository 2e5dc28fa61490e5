-- ============================================================================
-- PostgREST runs the pre-request check (private.check_request) for every request,
-- anonymous ones too, and calling it needs usage on its schema. The check returns
-- at once for anything but a signed-in session. anon can execute nothing else in
-- `private` (functions are granted one by one) and read none of its tables.
-- ============================================================================

grant usage on schema private to anon;
