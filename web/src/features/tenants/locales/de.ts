import type { TenantsMessages } from "./en.ts";

export const tenantsDe: TenantsMessages = {
  create: {
    title: "Arbeitsbereich anlegen",
    firstTitle: "Lege deinen ersten Arbeitsbereich an",
    description:
      "Ein Arbeitsbereich enthält die Datensätze, Abläufe und Mitglieder deines Teams. Weitere kannst du später anlegen.",
    name: "Name des Arbeitsbereichs",
    nameHint: "Deine Firma oder dein Team, z. B. „X Delivery System“.",
    slug: "Webadresse",
    slugHint: "Kleinbuchstaben, Ziffern und einzelne Bindestriche. Die Adresse des Arbeitsbereichs lautet dann /t/{{slug}}.",
    slugSuggested: "Aus dem Namen vorgeschlagen. Du kannst sie ändern.",
    timezone: "Zeitzone",
    timezoneHint: "Datum und Uhrzeit werden in diesem Arbeitsbereich in dieser Zone angezeigt.",
    language: "Sprache",
    languageHint: "Die Sprache, die Mitglieder sehen, sofern sie keine eigene gewählt haben.",
    submit: "Arbeitsbereich anlegen",
    created: "Arbeitsbereich „{{name}}“ ist bereit.",
    cancel: "Abbrechen",
  },
  validation: {
    nameRequired: "Gib einen Namen für den Arbeitsbereich ein.",
    nameMax: "Verwende höchstens 100 Zeichen.",
    slugFormat:
      "Verwende 3 bis 48 Kleinbuchstaben, Ziffern oder einzelne Bindestriche, am Anfang und Ende ein Buchstabe oder eine Ziffer.",
    timezoneRequired: "Wähle eine Zeitzone.",
  },
  switcher: {
    label: "Arbeitsbereich wechseln, aktuell: {{name}}",
    heading: "Deine Arbeitsbereiche",
    create: "Arbeitsbereich anlegen",
  },
  home: {
    title: "Willkommen bei {{name}}",
    description: "Alles, woran dein Team in diesem Arbeitsbereich arbeitet.",
    roles: "Deine Rollen hier:",
    gettingStarted: "Erste Schritte",
  },
  notFound: {
    title: "Arbeitsbereich nicht gefunden",
    body: "Er wurde vielleicht gelöscht, oder du bist kein Mitglied mehr. Wähle einen anderen Arbeitsbereich oder lege einen an.",
    back: "Zu meinen Arbeitsbereichen",
  },
  settings: {
    title: "Einstellungen des Arbeitsbereichs",
    description: "Wie {{name}} heißt, erreichbar ist und geschützt wird.",
    loading: "Einstellungen werden geladen…",
    noAccess: {
      title: "Du kannst diese Einstellungen nicht ändern",
      body: "Für die Einstellungen des Arbeitsbereichs brauchst du die Berechtigung „Einstellungen verwalten“. Frag einen Admin dieses Arbeitsbereichs, wenn du sie brauchst.",
    },
    general: {
      title: "Allgemein",
      description: "Name, Webadresse und Kontakt des Arbeitsbereichs.",
      name: "Name des Arbeitsbereichs",
      slug: "Webadresse",
      slugHint: "Kleinbuchstaben, Ziffern und einzelne Bindestriche. Die Adresse des Arbeitsbereichs lautet /t/{{slug}}.",
      slugWarning:
        "Wenn du die Webadresse änderst, ändern sich alle Links zu diesem Arbeitsbereich: Lesezeichen und geteilte Links auf /t/{{slug}} funktionieren dann nicht mehr.",
      supportEmail: "Support-E-Mail",
      supportEmailHint: "Wo Mitglieder Hilfe zu diesem Arbeitsbereich bekommen. Leer lassen, wenn es keine gibt.",
    },
    locale: {
      title: "Sprache und Zeit",
      description: "Was Mitglieder sehen, sofern sie nichts anderes gewählt haben.",
      timezone: "Zeitzone",
      timezoneHint: "Datum und Uhrzeit in diesem Arbeitsbereich, auch im Protokoll, werden in dieser Zone angezeigt.",
      language: "Sprache",
      languageHint: "Die Sprache, die Mitglieder sehen, sofern sie keine eigene gewählt haben.",
    },
    sessions: {
      title: "Sitzungen",
      description: "Schützt gemeinsam genutzte und unbeaufsichtigte Computer.",
      timeoutEnabled: "Mitglieder nach einer Zeit ohne Aktivität abmelden",
      timeoutMinutes: "Abmeldung nach Inaktivität in Minuten",
      timeoutHint:
        "5 bis 43.200 Minuten (30 Tage). Wer Mitglied mehrerer Arbeitsbereiche ist, bekommt die strengste Zeit unter ihnen, für alle eigenen Sitzungen.",
      timeoutOff: "Aus: Sitzungen enden, wenn Mitglieder sich abmelden, oder nach 36 Stunden ohne Nutzung.",
    },
    retention: {
      title: "Aufbewahrung",
      description: "Wie lange Vergangenes aufbewahrt wird.",
      audit: "Protokolleinträge aufbewahren (Tage)",
      auditHint: "Mindestens 365 Tage, höchstens 36.500. Ältere Einträge werden in ganzen Kalendermonaten gelöscht.",
      trash: "Gelöschtes im Papierkorb aufbewahren (Tage)",
      trashHint: "1 bis 3.650 Tage. Danach werden gelöschte Blueprints und Datensätze endgültig entfernt.",
    },
    save: "Änderungen speichern",
    discard: "Änderungen verwerfen",
    saved: "Einstellungen gespeichert.",
    nothingChanged: "Nichts zu speichern: Es wurde keine Einstellung geändert.",
    movedTo: "Die Adresse des Arbeitsbereichs lautet jetzt /t/{{slug}}.",
    modules: {
      title: "Module",
      description: "Schalte die Geschäftsbereiche ein, die dieser Arbeitsbereich nutzt. Ein Schalter wirkt sofort.",
      on: "{{name}} ist eingeschaltet.",
      off: "{{name}} ist ausgeschaltet.",
      items: {
        crm: { name: "CRM", description: "Kunden, Kontakte, Geschäfte und die Vertriebspipeline." },
        hrm: { name: "HRM", description: "Mitarbeitende, Abwesenheiten, Onboarding und Personalakten." },
        finance: { name: "Finanzen", description: "Rechnungen, Ausgaben, Zahlungen und Budgets." },
        projects: { name: "Projekte", description: "Projekte, Aufgaben, Meilensteine und Zeiterfassung." },
        support: { name: "Support", description: "Tickets, Kundenanfragen und Antwortzeiten." },
      },
    },
    danger: {
      title: "Gefahrenbereich",
      description: "Was du hier tust, lässt sich nicht rückgängig machen.",
      deleteTitle: "Diesen Arbeitsbereich löschen",
      deleteBody: "Das Löschen von „{{name}}“ entfernt für alle Mitglieder, sofort und endgültig:",
      deletes: {
        records: "alle Blueprints und Datensätze, auch den Papierkorb",
        flows: "Abläufe, gespeicherte Ansichten und Berechtigungsregeln",
        members: "den Zugang aller Mitglieder, alle Rollen und offenen Einladungen",
        keys: "API-Schlüssel, die sofort nicht mehr funktionieren",
      },
      auditKept:
        "Das Protokoll des Arbeitsbereichs bleibt für seine Aufbewahrungsdauer ({{days}} Tage) erhalten und wird dann gelöscht.",
      onlyAdmins: "Nur Admins dieses Arbeitsbereichs können ihn löschen.",
      button: "Arbeitsbereich löschen",
      dialogTitle: "„{{name}}“ endgültig löschen?",
      dialogBody:
        "Alles, was auf der Seite aufgeführt ist, wird entfernt, und niemand kann es zurückholen. Gib zur Bestätigung unten die Webadresse ein.",
      confirmLabel: "Gib {{slug}} zur Bestätigung ein",
      confirm: "Arbeitsbereich löschen",
      cancel: "Abbrechen",
      deleted: "Arbeitsbereich „{{name}}“ wurde gelöscht.",
    },
    validation: {
      nameRequired: "Gib einen Namen für den Arbeitsbereich ein.",
      nameMax: "Verwende höchstens 100 Zeichen.",
      slugFormat:
        "Verwende 3 bis 48 Kleinbuchstaben, Ziffern oder einzelne Bindestriche, am Anfang und Ende ein Buchstabe oder eine Ziffer.",
      timezoneRequired: "Wähle eine Zeitzone.",
      emailFormat: "Gib eine E-Mail-Adresse wie hilfe@example.com ein oder lass das Feld leer.",
      timeoutRange: "Gib eine ganze Zahl von Minuten zwischen 5 und 43.200 ein.",
      auditRetentionRange:
        "Bewahre Protokolleinträge mindestens 365 Tage auf (höchstens 36.500): Gib eine ganze Zahl von Tagen ein.",
      trashRetentionRange: "Gib eine ganze Zahl von Tagen zwischen 1 und 3.650 ein.",
      confirmSlug: "Gib die Webadresse genau so ein, wie sie angezeigt wird.",
    },
  },
};
