// UI texts of the situation report page, merged into the i18n files.

export const reportsEn = {
  reports: {
    title: "Situation report",
    intro:
      "What happened in a period, beside the period of equal length just before it: mentions, risks and chances, topics, alerts, incidents and response times, and the posts to look at first.",
    periodLabel: "Period of the report",
    periods: {
      last7: "Last 7 days",
      last30: "Last 30 days",
      lastWeek: "Last calendar week",
      lastMonth: "Last calendar month",
    },
    covers: "{{from}} to {{to}}, compared with {{previousFrom}} to {{previousTo}}",
    print: "Print or save as PDF",
    previous: "before: {{value}}",
    change: {
      new: "new",
      same: "no change",
    },
    highlights: {
      title: "What changed",
      none: "Nothing changed notably compared with the period before.",
      concern: "Look at this",
      news: "For information",
    },
    figures: {
      label: "The period at a glance",
      mentions: "Mentions",
      authors: "Distinct authors",
      alerts: "Alerts raised",
      alertsDetail: "{{critical}} critical, {{open}} still open",
      incidents: "Incidents opened",
      incidentsDetail: "{{closed}} closed, {{open}} open now",
      conversations: "New conversations",
      firstResponse: "First response: median {{median}} business minutes",
      firstResponseNone: "No first response yet",
      breaches: "{{count}} missed service levels",
    },
    table: {
      current: "This period",
      previous: "Before",
      change: "Change",
    },
    risks: {
      title: "Risks and chances",
      category: "Category",
      none: "The risk engine flagged no post in either period.",
    },
    topics: {
      title: "Tracked topics",
      topic: "Topic",
      critical: "Critical posts",
      criticalNote:
        "Critical: flagged negative, toxic, complaint, hate or threat. A post can match several topics.",
      none: "No tracked topics yet.",
    },
    platforms: { title: "Platforms", key: "Platform" },
    languages: { title: "Languages", key: "Language" },
    noMentions: "No mentions in either period.",
    topPosts: {
      title: "Most important posts of the period",
      none: "No posts in this period.",
    },
  },
};

export const reportsDe: typeof reportsEn = {
  reports: {
    title: "Lagebericht",
    intro:
      "Was in einem Zeitraum geschah, neben dem gleich langen Zeitraum davor: Erwähnungen, Risiken und Chancen, Themen, Alarme, Vorfälle und Antwortzeiten, und die Beiträge, die zuerst Aufmerksamkeit brauchen.",
    periodLabel: "Zeitraum des Berichts",
    periods: {
      last7: "Letzte 7 Tage",
      last30: "Letzte 30 Tage",
      lastWeek: "Letzte Kalenderwoche",
      lastMonth: "Letzter Kalendermonat",
    },
    covers: "{{from}} bis {{to}}, verglichen mit {{previousFrom}} bis {{previousTo}}",
    print: "Drucken oder als PDF sichern",
    previous: "vorher: {{value}}",
    change: {
      new: "neu",
      same: "unverändert",
    },
    highlights: {
      title: "Was sich verändert hat",
      none: "Gegenüber dem Zeitraum davor hat sich nichts Wesentliches verändert.",
      concern: "Beachten",
      news: "Zur Kenntnis",
    },
    figures: {
      label: "Der Zeitraum auf einen Blick",
      mentions: "Erwähnungen",
      authors: "Verschiedene Autoren",
      alerts: "Ausgelöste Alarme",
      alertsDetail: "{{critical}} kritisch, {{open}} noch offen",
      incidents: "Eröffnete Vorfälle",
      incidentsDetail: "{{closed}} geschlossen, {{open}} jetzt offen",
      conversations: "Neue Konversationen",
      firstResponse: "Erstantwort: Median {{median}} Geschäftsminuten",
      firstResponseNone: "Noch keine Erstantwort",
      breaches: "{{count}} verfehlte Service-Levels",
    },
    table: {
      current: "Dieser Zeitraum",
      previous: "Davor",
      change: "Veränderung",
    },
    risks: {
      title: "Risiken und Chancen",
      category: "Kategorie",
      none: "Die Risiko-Engine hat in keinem der beiden Zeiträume einen Beitrag markiert.",
    },
    topics: {
      title: "Beobachtete Themen",
      topic: "Thema",
      critical: "Kritische Beiträge",
      criticalNote:
        "Kritisch: als negativ, toxisch, Beschwerde, Hass oder Drohung markiert. Ein Beitrag kann zu mehreren Themen passen.",
      none: "Noch keine beobachteten Themen.",
    },
    platforms: { title: "Plattformen", key: "Plattform" },
    languages: { title: "Sprachen", key: "Sprache" },
    noMentions: "Keine Erwähnungen in beiden Zeiträumen.",
    topPosts: {
      title: "Die wichtigsten Beiträge des Zeitraums",
      none: "Keine Beiträge in diesem Zeitraum.",
    },
  },
};
