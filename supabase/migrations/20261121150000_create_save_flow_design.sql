-- ============================================================================
-- The flow designer's save in one transaction
-- ============================================================================
-- A designer's draft may change the status field's states (a blueprint change:
-- rename_option, update_field) and the flow itself. Saved as two calls, a refused flow
-- left the states changed and the flow not; save_flow_design runs both in one
-- transaction, so either both land or neither does (and nothing is audited as done).

create or replace function private.save_flow_design(
  p_blueprint_id uuid,
  p_expected_blueprint_version integer,
  p_changes jsonb,
  p_expected_flow_version integer,
  p_flow jsonb
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints := private.visible_blueprint(p_blueprint_id, false);
  has_changes boolean := p_changes is not null and p_changes <> '[]'::jsonb;
  refusal jsonb;
  blueprint jsonb;
begin
  -- Both permissions first: the parts below answer a refusal as their result (it commits
  -- with its audit entry), which must never follow a part that was already saved.
  refusal := private.check_capability(b.tenant_id, 'manage_flows', 'save_flow', 'flows', b.id::text);
  if refusal is null and has_changes then
    refusal := private.check_capability(b.tenant_id, 'manage_blueprints', 'update_blueprint', 'blueprints', b.id::text);
  end if;
  if refusal is not null then
    return refusal;
  end if;
  -- No changes (null or []) leave the blueprint alone; anything else goes to update_blueprint's checks.
  if has_changes then
    blueprint := private.update_blueprint(p_blueprint_id, p_expected_blueprint_version, p_changes);
  end if;
  return jsonb_build_object('blueprint', blueprint, 'flow', private.save_flow(p_blueprint_id, p_expected_flow_version, p_flow));
end
$$;
revoke all on function private.save_flow_design(uuid, integer, jsonb, integer, jsonb) from public;
grant execute on function private.save_flow_design(uuid, integer, jsonb, integer, jsonb) to authenticated;

create or replace function public.save_flow_design(
  p_blueprint_id uuid,
  p_expected_blueprint_version integer,
  p_changes jsonb,
  p_expected_flow_version integer,
  p_flow jsonb
) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.save_flow_design(p_blueprint_id, p_expected_blueprint_version, p_changes, p_expected_flow_version, p_flow) $$;
comment on function public.save_flow_design is
  'Saves a flow design whole: the status field''s changes (as update_blueprint: p_changes against '
  'p_expected_blueprint_version; null or [] for none) and the flow (as save_flow: p_flow against p_expected_flow_version), '
  'in one transaction. Answers {blueprint (null when unchanged), flow}. Needs manage_flows, and manage_blueprints for changes. '
  'Refusals name the part: changes.* for the states, flow.* for the flow; a stale version is FOCON expected_version.';
grant execute on function public.save_flow_design(uuid, integer, jsonb, integer, jsonb) to authenticated;
