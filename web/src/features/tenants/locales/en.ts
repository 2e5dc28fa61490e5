import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "tenants" namespace: `useTranslation("tenants")`. English is the reference; de.ts must match its keys. */
export const tenantsEn = {
  create: {
    title: "Create a workspace",
    firstTitle: "Create your first workspace",
    description: "A workspace holds your team's records, flows and members. You can create more later.",
    name: "Workspace name",
    nameHint: "Your company or team, e.g. “X Delivery System”.",
    slug: "Web address",
    slugHint: "Lowercase letters, digits and single hyphens. The workspace's address will be /t/{{slug}}.",
    slugSuggested: "Suggested from the name. You can change it.",
    timezone: "Time zone",
    timezoneHint: "Dates and times in this workspace are shown in this zone.",
    language: "Language",
    languageHint: "The language members see unless they chose their own.",
    submit: "Create workspace",
    created: "Workspace “{{name}}” is ready.",
    cancel: "Cancel",
  },
  validation: {
    nameRequired: "Enter a name for the workspace.",
    nameMax: "Use at most 100 characters.",
    slugFormat: "Use 3 to 48 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.",
    timezoneRequired: "Choose a time zone.",
  },
  switcher: {
    label: "Switch workspace, current: {{name}}",
    heading: "Your workspaces",
    create: "Create a workspace",
  },
  nav: {
    label: "Workspace",
    home: "Overview",
  },
  home: {
    title: "Welcome to {{name}}",
    description: "Everything your team works on in this workspace.",
    roles: "Your roles here:",
    gettingStarted: "Getting started",
  },
  notFound: {
    title: "Workspace not found",
    body: "It may have been deleted, or you're no longer a member. Choose another workspace or create one.",
    back: "Go to my workspaces",
  },
};

export type TenantsMessages = Catalogue<typeof tenantsEn>;
