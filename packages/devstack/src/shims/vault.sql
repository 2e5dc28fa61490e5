-- ============================================================================
-- Supabase Vault stand-in (API of supabase_vault 0.3, the pgsodium-free
-- version hosted Supabase ships). Same table, view, function signatures and
-- grants; the cipher differs: pgsodium's deterministic XChaCha20 AEAD is not
-- available, so secrets are sealed with pgcrypto (AES-256-CBC with the row's
-- nonce as IV, then HMAC-SHA-256 over IV, associated data and ciphertext:
-- encrypt-then-MAC, bound to the secret's id like the real AEAD).
-- The root key is generated once per database and kept in a schema only the
-- superuser can use; the crypto functions are security definer with an empty
-- search_path. Plain text never reaches a table row.
-- Idempotent: re-applied whenever any bootstrap file changes.
-- ============================================================================

create schema if not exists vault;

-- ---------------------------------------------------------------------------
-- Root key: superuser only. Generated on first bootstrap, kept afterwards.
-- ---------------------------------------------------------------------------

create schema if not exists devstack_vault;
revoke all on schema devstack_vault from public;

create table if not exists devstack_vault.root_key (
  id int primary key default 1 check (id = 1),
  key bytea not null check (length(key) = 32),
  created_at timestamptz not null default now()
);
revoke all on table devstack_vault.root_key from public;

insert into devstack_vault.root_key (id, key)
values (1, extensions.gen_random_bytes(32))
on conflict (id) do nothing;

-- Sub-keys per purpose and context, so the root key itself never encrypts.
create or replace function devstack_vault.derive_key(purpose text, key_id bigint, context bytea)
returns bytea
language sql
stable
security definer
set search_path = ''
as $$
  select extensions.hmac(
           convert_to(purpose || ':' || coalesce(key_id, 0)::text || ':', 'UTF8') || coalesce(context, ''::bytea),
           (select k.key from devstack_vault.root_key k where k.id = 1),
           'sha256')
$$;
revoke all on function devstack_vault.derive_key(text, bigint, bytea) from public;

-- ---------------------------------------------------------------------------
-- Crypto primitives, named and shaped like supabase_vault's
-- ---------------------------------------------------------------------------

create or replace function vault._crypto_aead_det_noncegen()
returns bytea
language sql
volatile
security definer
set search_path = ''
as $$ select extensions.gen_random_bytes(16) $$;

create or replace function vault._crypto_aead_det_encrypt(
  message bytea,
  additional bytea,
  key_id bigint,
  context bytea = 'pgsodium',
  nonce bytea = null
)
returns bytea
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  enc_key bytea := devstack_vault.derive_key('enc', key_id, context);
  mac_key bytea := devstack_vault.derive_key('mac', key_id, context);
  iv bytea;
  ciphertext bytea;
  aad bytea := coalesce(additional, ''::bytea);
begin
  if message is null then
    return null;
  end if;
  -- Deterministic like the real det-AEAD: no nonce -> synthetic IV from the content.
  iv := case
          when nonce is null then substring(extensions.hmac(aad || message, mac_key, 'sha256') from 1 for 16)
          when length(nonce) = 16 then nonce
          else substring(extensions.hmac(nonce, mac_key, 'sha256') from 1 for 16)
        end;
  ciphertext := extensions.encrypt_iv(message, enc_key, iv, 'aes-cbc/pad:pkcs');
  return iv || ciphertext
         || extensions.hmac(iv || int4send(length(aad)) || aad || ciphertext, mac_key, 'sha256');
end
$$;

create or replace function vault._crypto_aead_det_decrypt(
  message bytea,
  additional bytea,
  key_id bigint,
  context bytea = 'pgsodium',
  nonce bytea = null
)
returns bytea
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  enc_key bytea := devstack_vault.derive_key('enc', key_id, context);
  mac_key bytea := devstack_vault.derive_key('mac', key_id, context);
  aad bytea := coalesce(additional, ''::bytea);
  iv bytea;
  ciphertext bytea;
  tag bytea;
begin
  if message is null then
    return null;
  end if;
  if length(message) < 16 + 16 + 32 then
    raise exception 'invalid ciphertext' using errcode = '22023';
  end if;
  iv := substring(message from 1 for 16);
  ciphertext := substring(message from 17 for length(message) - 16 - 32);
  tag := substring(message from length(message) - 31);
  if tag <> extensions.hmac(iv || int4send(length(aad)) || aad || ciphertext, mac_key, 'sha256') then
    raise exception 'invalid ciphertext' using errcode = '22023',
      detail = 'the secret was altered or does not belong to this row';
  end if;
  return extensions.decrypt_iv(ciphertext, enc_key, iv, 'aes-cbc/pad:pkcs');
end
$$;

-- ---------------------------------------------------------------------------
-- Secrets table and decrypting view
-- ---------------------------------------------------------------------------

create table if not exists vault.secrets (
  id uuid primary key default gen_random_uuid(),
  name text,
  description text not null default '',
  secret text not null,
  key_id uuid,
  nonce bytea default vault._crypto_aead_det_noncegen(),
  created_at timestamptz not null default current_timestamp,
  updated_at timestamptz not null default current_timestamp
);
comment on table vault.secrets is 'Table with encrypted `secret` column for storing sensitive information on disk.';

create unique index if not exists secrets_name_idx on vault.secrets using btree (name) where name is not null;

create or replace view vault.decrypted_secrets as
select
  s.id,
  s.name,
  s.description,
  s.secret,
  convert_from(
    vault._crypto_aead_det_decrypt(
      message := decode(s.secret, 'base64'),
      additional := convert_to(s.id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := s.nonce
    ),
    'utf8'
  ) as decrypted_secret,
  s.key_id,
  s.nonce,
  s.created_at,
  s.updated_at
from vault.secrets s;

-- ---------------------------------------------------------------------------
-- API
-- ---------------------------------------------------------------------------

-- Encrypts before the row is written, so no plain text ever lands in a tuple.
create or replace function vault.create_secret(
  new_secret text,
  new_name text = null,
  new_description text = '',
  -- unused, as in supabase_vault 0.3
  new_key_id uuid = null
)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id uuid := gen_random_uuid();
  new_nonce bytea := vault._crypto_aead_det_noncegen();
begin
  insert into vault.secrets (id, secret, name, description, nonce)
  values (
    new_id,
    encode(vault._crypto_aead_det_encrypt(
      message := convert_to(new_secret, 'utf8'),
      additional := convert_to(new_id::text, 'utf8'),
      key_id := 0,
      context := 'pgsodium'::bytea,
      nonce := new_nonce
    ), 'base64'),
    new_name,
    new_description,
    new_nonce
  );
  return new_id;
end
$$;

create or replace function vault.update_secret(
  secret_id uuid,
  new_secret text = null,
  new_name text = null,
  new_description text = null,
  -- unused, as in supabase_vault 0.3
  new_key_id uuid = null
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update vault.secrets s
     set secret = case
                    when new_secret is null then s.secret
                    else encode(vault._crypto_aead_det_encrypt(
                      message := convert_to(new_secret, 'utf8'),
                      additional := convert_to(s.id::text, 'utf8'),
                      key_id := 0,
                      context := 'pgsodium'::bytea,
                      nonce := s.nonce
                    ), 'base64')
                  end,
         name = coalesce(new_name, s.name),
         description = coalesce(new_description, s.description),
         updated_at = now()
   where s.id = secret_id;
end
$$;

-- ---------------------------------------------------------------------------
-- Grants, as Supabase's supabase_vault after-create script: postgres (with
-- grant option) and service_role may read, delete and manage secrets through
-- the functions; nobody may insert/update the table directly; anon and
-- authenticated get nothing.
-- ---------------------------------------------------------------------------

revoke all on schema vault from public;
revoke all on table vault.secrets, vault.decrypted_secrets from public;
revoke all on function
  vault._crypto_aead_det_encrypt(bytea, bytea, bigint, bytea, bytea),
  vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea),
  vault._crypto_aead_det_noncegen(),
  vault.create_secret(text, text, text, uuid),
  vault.update_secret(uuid, text, text, text, uuid)
from public;

grant usage on schema vault to postgres with grant option;
grant select, delete, truncate, references on vault.secrets, vault.decrypted_secrets to postgres with grant option;
grant execute on function
  vault.create_secret(text, text, text, uuid),
  vault.update_secret(uuid, text, text, text, uuid),
  vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea)
to postgres with grant option;

grant usage on schema vault to service_role;
grant select, delete on vault.secrets, vault.decrypted_secrets to service_role;
grant execute on function
  vault.create_secret(text, text, text, uuid),
  vault.update_secret(uuid, text, text, text, uuid),
  vault._crypto_aead_det_decrypt(bytea, bytea, bigint, bytea, bytea)
to service_role;
