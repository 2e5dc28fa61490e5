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
  nav: {
    label: "Arbeitsbereich",
    home: "Übersicht",
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
};
