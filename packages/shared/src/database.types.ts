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
      delete_role: { Args: { p_role_id: string }; Returns: Json }
      delete_tenant: {
        Args: { p_confirm_slug: string; p_tenant_id: string }
        Returns: Json
      }
      get_account_deletion_preview: { Args: never; Returns: Json }
      get_invitation: { Args: { p_token: string }; Returns: Json }
      get_mfa_requirement: { Args: never; Returns: Json }
      get_super_admin_status: { Args: never; Returns: Json }
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
      password_verification_attempt_hook: {
        Args: { event: Json }
        Returns: Json
      }
      register_super_admin: { Args: { p_email: string }; Returns: Json }
      remove_member: {
        Args: { p_tenant_id: string; p_user_id: string }
        Returns: Json
      }
      revoke_invitation: { Args: { p_invitation_id: string }; Returns: Json }
      search_audit_log: {
        Args: {
          p_action?: string
          p_actor?: string
          p_before_id?: number
          p_from?: string
          p_limit?: number
          p_object_id?: string
          p_object_type?: string
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
      suggest_tenant_slug: { Args: { p_name: string }; Returns: string }
      touch_session: { Args: never; Returns: Json }
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
