export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      blueprint_versions: {
        Row: {
          blueprint_id: string
          changes: Json
          created_at: string
          created_by: string | null
          fields: Json
          tenant_id: string
          version: number
        }
        Insert: {
          blueprint_id: string
          changes?: Json
          created_at?: string
          created_by?: string | null
          fields: Json
          tenant_id: string
          version: number
        }
        Update: {
          blueprint_id?: string
          changes?: Json
          created_at?: string
          created_by?: string | null
          fields?: Json
          tenant_id?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "blueprint_versions_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "blueprint_versions_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      blueprints: {
        Row: {
          created_at: string
          created_by: string | null
          deleted_at: string | null
          deleted_by: string | null
          description: string | null
          icon: string | null
          id: string
          key: string
          name: string
          tenant_id: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          deleted_at?: string | null
          deleted_by?: string | null
          description?: string | null
          icon?: string | null
          id?: string
          key: string
          name: string
          tenant_id: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Update: {
          created_at?: string
          created_by?: string | null
          deleted_at?: string | null
          deleted_by?: string | null
          description?: string | null
          icon?: string | null
          id?: string
          key?: string
          name?: string
          tenant_id?: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "blueprints_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      entities: {
        Row: {
          blueprint_id: string
          blueprint_version: number
          created_at: string
          created_by: string | null
          data: Json
          deleted_at: string | null
          deleted_by: string | null
          deleted_with_blueprint: boolean
          id: string
          retained: Json | null
          search_text: string
          tenant_id: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        Insert: {
          blueprint_id: string
          blueprint_version: number
          created_at?: string
          created_by?: string | null
          data?: Json
          deleted_at?: string | null
          deleted_by?: string | null
          deleted_with_blueprint?: boolean
          id?: string
          retained?: Json | null
          search_text?: string
          tenant_id: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Update: {
          blueprint_id?: string
          blueprint_version?: number
          created_at?: string
          created_by?: string | null
          data?: Json
          deleted_at?: string | null
          deleted_by?: string | null
          deleted_with_blueprint?: boolean
          id?: string
          retained?: Json | null
          search_text?: string
          tenant_id?: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "entities_blueprint_id_blueprint_version_fkey"
            columns: ["blueprint_id", "blueprint_version"]
            isOneToOne: false
            referencedRelation: "blueprint_versions"
            referencedColumns: ["blueprint_id", "version"]
          },
          {
            foreignKeyName: "entities_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entities_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_history: {
        Row: {
          action: string
          actor_id: string | null
          blueprint_id: string
          changes: Json
          entity_id: string
          entity_version: number
          from_state: string | null
          id: number
          input: Json | null
          occurred_at: string
          tenant_id: string
          to_state: string | null
          transition_key: string | null
        }
        Insert: {
          action: string
          actor_id?: string | null
          blueprint_id: string
          changes?: Json
          entity_id: string
          entity_version: number
          from_state?: string | null
          id?: never
          input?: Json | null
          occurred_at?: string
          tenant_id: string
          to_state?: string | null
          transition_key?: string | null
        }
        Update: {
          action?: string
          actor_id?: string | null
          blueprint_id?: string
          changes?: Json
          entity_id?: string
          entity_version?: number
          from_state?: string | null
          id?: never
          input?: Json | null
          occurred_at?: string
          tenant_id?: string
          to_state?: string | null
          transition_key?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "entity_history_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entity_history_entity_id_fkey"
            columns: ["entity_id"]
            isOneToOne: false
            referencedRelation: "entities"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entity_history_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      entity_migration_jobs: {
        Row: {
          blueprint_id: string
          created_at: string
          created_by: string | null
          cursor_id: string | null
          dry_run: boolean
          entity_ids: string[] | null
          error: string | null
          failed: number
          failures: Json
          filter: Json | null
          finished_at: string | null
          id: string
          migrated: number
          processed: number
          started_at: string | null
          status: string
          tenant_id: string
          to_version: number
          total: number
          updated_at: string
        }
        Insert: {
          blueprint_id: string
          created_at?: string
          created_by?: string | null
          cursor_id?: string | null
          dry_run?: boolean
          entity_ids?: string[] | null
          error?: string | null
          failed?: number
          failures?: Json
          filter?: Json | null
          finished_at?: string | null
          id?: string
          migrated?: number
          processed?: number
          started_at?: string | null
          status?: string
          tenant_id: string
          to_version: number
          total?: number
          updated_at?: string
        }
        Update: {
          blueprint_id?: string
          created_at?: string
          created_by?: string | null
          cursor_id?: string | null
          dry_run?: boolean
          entity_ids?: string[] | null
          error?: string | null
          failed?: number
          failures?: Json
          filter?: Json | null
          finished_at?: string | null
          id?: string
          migrated?: number
          processed?: number
          started_at?: string | null
          status?: string
          tenant_id?: string
          to_version?: number
          total?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "entity_migration_jobs_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "entity_migration_jobs_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      flows: {
        Row: {
          blueprint_id: string
          created_at: string
          created_by: string | null
          id: string
          state_field: string
          states: Json
          tenant_id: string
          transitions: Json
          updated_at: string
          updated_by: string | null
          version: number
        }
        Insert: {
          blueprint_id: string
          created_at?: string
          created_by?: string | null
          id?: string
          state_field: string
          states?: Json
          tenant_id: string
          transitions?: Json
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Update: {
          blueprint_id?: string
          created_at?: string
          created_by?: string | null
          id?: string
          state_field?: string
          states?: Json
          tenant_id?: string
          transitions?: Json
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "flows_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flows_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      invitations: {
        Row: {
          accepted_by: string | null
          created_at: string
          created_by: string | null
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          last_sent_at: string | null
          redirect_to: string | null
          responded_at: string | null
          role_ids: string[]
          send_count: number
          status: string
          tenant_id: string
          updated_at: string
        }
        Insert: {
          accepted_by?: string | null
          created_at?: string
          created_by?: string | null
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          last_sent_at?: string | null
          redirect_to?: string | null
          responded_at?: string | null
          role_ids: string[]
          send_count?: number
          status?: string
          tenant_id: string
          updated_at?: string
        }
        Update: {
          accepted_by?: string | null
          created_at?: string
          created_by?: string | null
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          last_sent_at?: string | null
          redirect_to?: string | null
          responded_at?: string | null
          role_ids?: string[]
          send_count?: number
          status?: string
          tenant_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "invitations_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      member_roles: {
        Row: {
          created_at: string
          created_by: string | null
          role_id: string
          tenant_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          role_id: string
          tenant_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          role_id?: string
          tenant_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "member_roles_tenant_id_role_id_fkey"
            columns: ["tenant_id", "role_id"]
            isOneToOne: false
            referencedRelation: "roles"
            referencedColumns: ["tenant_id", "id"]
          },
          {
            foreignKeyName: "member_roles_tenant_id_user_id_fkey"
            columns: ["tenant_id", "user_id"]
            isOneToOne: false
            referencedRelation: "tenant_members"
            referencedColumns: ["tenant_id", "user_id"]
          },
        ]
      }
      permission_sets: {
        Row: {
          blueprint_id: string
          grants: Json
          role_id: string
          tenant_id: string
          updated_at: string
          updated_by: string | null
        }
        Insert: {
          blueprint_id: string
          grants?: Json
          role_id: string
          tenant_id: string
          updated_at?: string
          updated_by?: string | null
        }
        Update: {
          blueprint_id?: string
          grants?: Json
          role_id?: string
          tenant_id?: string
          updated_at?: string
          updated_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "permission_sets_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "permission_sets_role_id_fkey"
            columns: ["role_id"]
            isOneToOne: false
            referencedRelation: "roles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "permission_sets_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          avatar_url: string | null
          created_at: string
          email: string | null
          email_verified: boolean
          full_name: string
          id: string
          registered_at: string
          updated_at: string
        }
        Insert: {
          avatar_url?: string | null
          created_at?: string
          email?: string | null
          email_verified?: boolean
          full_name?: string
          id: string
          registered_at?: string
          updated_at?: string
        }
        Update: {
          avatar_url?: string | null
          created_at?: string
          email?: string | null
          email_verified?: boolean
          full_name?: string
          id?: string
          registered_at?: string
          updated_at?: string
        }
        Relationships: []
      }
      roles: {
        Row: {
          builtin: boolean
          capabilities: string[]
          created_at: string
          created_by: string | null
          description: string
          id: string
          key: string
          name: string
          tenant_id: string
          updated_at: string
        }
        Insert: {
          builtin?: boolean
          capabilities?: string[]
          created_at?: string
          created_by?: string | null
          description?: string
          id?: string
          key: string
          name: string
          tenant_id: string
          updated_at?: string
        }
        Update: {
          builtin?: boolean
          capabilities?: string[]
          created_at?: string
          created_by?: string | null
          description?: string
          id?: string
          key?: string
          name?: string
          tenant_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "roles_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      saved_views: {
        Row: {
          blueprint_id: string
          config: Json
          created_at: string
          created_by: string | null
          id: string
          name: string
          owner_id: string
          shared: boolean
          tenant_id: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        Insert: {
          blueprint_id: string
          config?: Json
          created_at?: string
          created_by?: string | null
          id?: string
          name: string
          owner_id: string
          shared?: boolean
          tenant_id: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Update: {
          blueprint_id?: string
          config?: Json
          created_at?: string
          created_by?: string | null
          id?: string
          name?: string
          owner_id?: string
          shared?: boolean
          tenant_id?: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "saved_views_blueprint_id_fkey"
            columns: ["blueprint_id"]
            isOneToOne: false
            referencedRelation: "blueprints"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "saved_views_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      tenant_members: {
        Row: {
          attributes: Json
          created_at: string
          created_by: string | null
          tenant_id: string
          updated_at: string
          user_id: string
        }
        Insert: {
          attributes?: Json
          created_at?: string
          created_by?: string | null
          tenant_id: string
          updated_at?: string
          user_id: string
        }
        Update: {
          attributes?: Json
          created_at?: string
          created_by?: string | null
          tenant_id?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "tenant_members_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: false
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]
      }
      tenants: {
        Row: {
          audit_retention_days: number
          created_at: string
          created_by: string | null
          id: string
          language: string
          modules: string[]
          name: string
          session_timeout_minutes: number | null
          slug: string
          support_email: string | null
          timezone: string
          trash_retention_days: number
          updated_at: string
        }
        Insert: {
          audit_retention_days?: number
          created_at?: string
          created_by?: string | null
          id?: string
          language?: string
          modules?: string[]
          name: string
          session_timeout_minutes?: number | null
          slug: string
          support_email?: string | null
          timezone?: string
          trash_retention_days?: number
          updated_at?: string
        }
        Update: {
          audit_retention_days?: number
          created_at?: string
          created_by?: string | null
          id?: string
          language?: string
          modules?: string[]
          name?: string
          session_timeout_minutes?: number | null
          slug?: string
          support_email?: string | null
          timezone?: string
          trash_retention_days?: number
          updated_at?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      accept_invitation: { Args: { p_token: string }; Returns: Json }
      admin_delete_tenant: {
        Args: { p_confirm_slug: string; p_tenant_id: string }
        Returns: Json
      }
      admin_delete_tenant_object: {
        Args: { p_key: Json; p_table: string; p_tenant_id: string }
        Returns: Json
      }
      admin_delete_user: { Args: { p_user_id: string }; Returns: Json }
      admin_get_tenant: { Args: { p_tenant_id: string }; Returns: Json }
      admin_get_user: { Args: { p_user_id: string }; Returns: Json }
      admin_list_tenant_objects: {
        Args: {
          p_limit?: number
          p_offset?: number
          p_table: string
          p_tenant_id: string
        }
        Returns: Json
      }
      admin_list_tenants: {
        Args: { p_limit?: number; p_offset?: number; p_search?: string }
        Returns: Json
      }
      admin_list_users: {
        Args: { p_limit?: number; p_offset?: number; p_search?: string }
        Returns: Json
      }
      admin_update_tenant: {
        Args: { p_changes: Json; p_tenant_id: string }
        Returns: Json
      }
      admin_update_user: {
        Args: { p_changes: Json; p_user_id: string }
        Returns: Json
      }
      create_api_key: {
        Args: {
          p_expires_at?: string
          p_name: string
          p_role_id: string
          p_tenant_id: string
        }
        Returns: Json
      }
      create_blueprint: {
        Args: {
          p_description?: string
          p_fields: Json
          p_icon?: string
          p_key?: string
          p_name: string
          p_tenant_id: string
        }
        Returns: Json
      }
      create_entities: {
        Args: { p_blueprint_id: string; p_rows: Json }
        Returns: Json
      }
      create_entity: {
        Args: { p_blueprint_id: string; p_data: Json }
        Returns: Json
      }
      create_role: {
        Args: {
          p_capabilities?: string[]
          p_description?: string
          p_name: string
          p_tenant_id: string
        }
        Returns: Json
      }
      create_tenant: {
        Args: {
          p_language?: string
          p_name: string
          p_slug?: string
          p_timezone?: string
        }
        Returns: Json
      }
      custom_access_token_hook: { Args: { event: Json }; Returns: Json }
      decline_invitation: { Args: { p_token: string }; Returns: Json }
      delete_blueprint: { Args: { p_blueprint_id: string }; Returns: Json }
      delete_entities: { Args: { p_ids: string[] }; Returns: Json }
      delete_entity: { Args: { p_entity_id: string }; Returns: Json }
      delete_role: { Args: { p_role_id: string }; Returns: Json }
      delete_tenant: {
        Args: { p_confirm_slug: string; p_tenant_id: string }
        Returns: Json
      }
      delete_view: { Args: { p_view_id: string }; Returns: Json }
      entity_history: {
        Args: { p_before_id?: number; p_entity_id: string; p_limit?: number }
        Returns: Json
      }
      entity_transitions: { Args: { p_entity_id: string }; Returns: Json }
      explain_permissions: {
        Args: {
          p_blueprint_id: string
          p_entity_id?: string
          p_tenant_id: string
          p_user_id: string
        }
        Returns: Json
      }
      get_account_deletion_preview: { Args: never; Returns: Json }
      get_audit_entry: {
        Args: { p_id: number; p_tenant_id: string }
        Returns: Json
      }
      get_entity: { Args: { p_entity_id: string }; Returns: Json }
      get_invitation: { Args: { p_token: string }; Returns: Json }
      get_mfa_requirement: { Args: never; Returns: Json }
      get_super_admin_status: { Args: never; Returns: Json }
      install_template: {
        Args: { p_template: Json; p_tenant_id: string }
        Returns: Json
      }
      invite_member: {
        Args: {
          p_email: string
          p_redirect_to?: string
          p_role_ids: string[]
          p_tenant_id: string
        }
        Returns: Json
      }
      leave_tenant: { Args: { p_tenant_id: string }; Returns: Json }
      list_api_keys: { Args: { p_tenant_id: string }; Returns: Json }
      list_trash: {
        Args: {
          p_before?: string
          p_before_id?: string
          p_blueprint_id?: string
          p_limit?: number
          p_tenant_id: string
        }
        Returns: Json
      }
      migrate_entities: {
        Args: {
          p_blueprint_id: string
          p_dry_run?: boolean
          p_entity_ids?: string[]
          p_filter?: Json
          p_to_version?: number
        }
        Returns: Json
      }
      password_verification_attempt_hook: {
        Args: { event: Json }
        Returns: Json
      }
      purge_trash: {
        Args: {
          p_blueprint_ids?: string[]
          p_entity_ids?: string[]
          p_tenant_id: string
        }
        Returns: Json
      }
      query_entities: {
        Args: {
          p_blueprint_id: string
          p_count?: boolean
          p_count_cap?: number
          p_cursor?: string
          p_filter?: Json
          p_limit?: number
          p_offset?: number
          p_search?: string
          p_sort?: Json
        }
        Returns: Json
      }
      register_super_admin: { Args: { p_email: string }; Returns: Json }
      remove_member: {
        Args: { p_tenant_id: string; p_user_id: string }
        Returns: Json
      }
      reset_role_permissions: {
        Args: { p_blueprint_id: string; p_role_id: string }
        Returns: Json
      }
      restore_blueprint: { Args: { p_blueprint_id: string }; Returns: Json }
      restore_entity: { Args: { p_entity_id: string }; Returns: Json }
      revoke_api_key: { Args: { p_key_id: string }; Returns: Json }
      revoke_invitation: { Args: { p_invitation_id: string }; Returns: Json }
      save_flow: {
        Args: {
          p_blueprint_id: string
          p_expected_version: number
          p_flow: Json
        }
        Returns: Json
      }
      save_flow_design: {
        Args: {
          p_blueprint_id: string
          p_changes: Json
          p_expected_blueprint_version: number
          p_expected_flow_version: number
          p_flow: Json
        }
        Returns: Json
      }
      save_view: {
        Args: {
          p_blueprint_id: string
          p_config: Json
          p_expected_version?: number
          p_name: string
          p_shared?: boolean
          p_view_id?: string
        }
        Returns: Json
      }
      search_audit_log: {
        Args: {
          p_action?: string
          p_actor?: string
          p_before_id?: number
          p_from?: string
          p_limit?: number
          p_object_id?: string
          p_object_type?: string
          p_outcome?: string
          p_tenant_id: string
          p_text?: string
          p_to?: string
        }
        Returns: Json
      }
      set_member_attributes: {
        Args: { p_attributes: Json; p_tenant_id: string; p_user_id: string }
        Returns: Json
      }
      set_member_roles: {
        Args: { p_role_ids: string[]; p_tenant_id: string; p_user_id: string }
        Returns: Json
      }
      set_role_permissions: {
        Args: { p_blueprint_id: string; p_grants: Json; p_role_id: string }
        Returns: Json
      }
      suggest_tenant_slug: { Args: { p_name: string }; Returns: string }
      touch_session: { Args: never; Returns: Json }
      transition_entity: {
        Args: {
          p_entity_id: string
          p_expected_version?: number
          p_input?: Json
          p_transition: string
        }
        Returns: Json
      }
      update_blueprint: {
        Args: {
          p_blueprint_id: string
          p_changes: Json
          p_expected_version: number
        }
        Returns: Json
      }
      update_entities: { Args: { p_updates: Json }; Returns: Json }
      update_entity: {
        Args: {
          p_changes: Json
          p_entity_id: string
          p_expected_version: number
        }
        Returns: Json
      }
      update_role: {
        Args: { p_changes: Json; p_role_id: string }
        Returns: Json
      }
      update_tenant: {
        Args: { p_changes: Json; p_tenant_id: string }
        Returns: Json
      }
      verify_audit_chain: { Args: { p_tenant_id: string }; Returns: Json }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
