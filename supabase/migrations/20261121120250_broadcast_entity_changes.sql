-- ============================================================================
-- Live entity changes over Realtime, under the same permissions as every read.
--
-- Each reader has one private channel, topic 'entities:<user id>', which only that
-- user (with a session the access rules trust) may join. When an entity is
-- created, changed, trashed or restored, a trigger sends a message to every member
-- of the tenant who may hold a live token and whose read grants reach the entity before or
-- after the change; it is decided per message with the grants as they are at that
-- moment, so a permission change applies to an open channel from its next message.
-- Payloads carry ids and versions only ({entity_id, blueprint_id, version, change}):
-- the client refetches through the API, which applies field and row rules again.
-- ============================================================================

-- SELECT(realtime.messages): a user joins their own entity channel only.
create policy realtime_messages_own_entity_channel on realtime.messages
  for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and realtime.topic() = 'entities:' || (select auth.uid())::text
    and (select private.session_allows_access())
  );

create or replace function private.broadcast_entity_change() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  reader uuid;
  rows_sql text;
  before_ok boolean;
  after_ok boolean;
begin
  if tg_op = 'UPDATE' and new.version = old.version and new.deleted_at is not distinct from old.deleted_at then
    return null; -- nothing a reader sees changed (e.g. search text rebuilt)
  end if;
  for reader in
    select m.user_id from public.tenant_members m
    -- members who may hold a live access token: signed in or refreshed within the longest
    -- token lifetime (1 hour, config.toml jwt_expiry), plus a margin for clock skew
    where m.tenant_id = new.tenant_id
      and exists (select 1 from auth.sessions s where s.user_id = m.user_id
                  and greatest(s.created_at, s.updated_at) > now() - interval '65 minutes')
  loop
    rows_sql := private.access_rows_sql(private.entity_access_for(reader, new.blueprint_id, new.tenant_id), 'read');
    continue when rows_sql = 'false';
    after_ok := new.deleted_at is null and private.matches_as(reader, new, rows_sql);
    before_ok := tg_op = 'UPDATE' and old.deleted_at is null and private.matches_as(reader, old, rows_sql);
    if after_ok or before_ok then
      perform realtime.send(
        jsonb_build_object('entity_id', new.id, 'blueprint_id', new.blueprint_id, 'version', new.version,
          'change', case when tg_op = 'INSERT' then 'created'
                         when not after_ok then 'removed'
                         when old.deleted_at is not null or not before_ok then 'added'
                         else 'changed' end),
        'entity_changed', 'entities:' || reader, true);
    end if;
  end loop;
  return null;
end
$$;
comment on function private.broadcast_entity_change is
  'Tells each reader (topic entities:<user id>) that an entity they may read was created, changed, added to or removed from their view.';

create trigger entities_broadcast_changes
  after insert or update on public.entities
  for each row execute function private.broadcast_entity_change();
