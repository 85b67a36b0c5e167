// UI texts of the evidence domain, merged into the i18n files; German must have the same keys (the type checks it).

export const evidenceEn = {
  evidence: {
    title: "Evidence",
    intro:
      "Captured posts with their snapshot, renderings and SHA-256 hashes. Items on legal hold are never removed by retention.",
    filterIncident: "Incident",
    allIncidents: "All incidents",
    empty: "No evidence captured yet. Capture a post from the inbox, a mention or an incident.",
    listCaption: "Evidence items, newest first",
    itemHeading: "{{platform}} post by @{{handle}}",
    postExcerpt: "Post (excerpt)",
    postUrl: "Post URL",
    profileUrl: "Profile URL",
    firstSeen: "First seen",
    captured: "Captured",
    capturedBy: "by {{who}}",
    note: "Note",
    incident: "Incident",
    postDeleted: "The post was deleted since; the snapshot keeps it.",
    hold: {
      label: "Legal hold",
      on: "On legal hold",
      off: "Not on hold",
      since: "since {{at}} by {{who}}: {{reason}}",
      reason: "Reason for the change",
      reasonHint: "Required, e.g. the case number",
      put: "Put on legal hold",
      release: "Release hold",
    },
    timestamp: {
      label: "Trusted timestamp (RFC 3161)",
      none: "None",
      at: "{{at}} from {{tsa}} (serial {{serial}})",
      failed: "Timestamp failed: {{error}}",
    },
    render: {
      failed: "Rendering failed: {{error}}",
      again: "Render again",
    },
    files: {
      caption: "Files of this item",
      name: "File",
      size: "Size",
      sha256: "SHA-256",
      download: "Download {{name}}",
      bytes: "{{formatted}} bytes",
    },
    capture: {
      button: "Capture evidence",
      done: "Evidence captured.",
      open: "Open the item",
      deleted: "Deleted by its author: it can no longer be captured.",
    },
    incidentList: {
      heading: "Evidence",
      export: "Download evidence bundle (.zip)",
      empty: "No evidence captured for this incident yet.",
    },
    settings: {
      heading: "Evidence",
      retentionDays: "Keep items for (days)",
      retentionHint: "Empty: keep forever. Items on legal hold and items of open incidents are always kept.",
      tsaUrl: "Time-stamping authority (RFC 3161) URL",
      tsaHint:
        "Empty: the server's setting ({{server}}). A qualified authority gives the eIDAS Art. 41(2) presumption.",
      serverNone: "none",
      timestampEveryCapture: "Timestamp every capture",
      saved: "Saved.",
      readOnly: "Only admins can change these settings.",
    },
  },
};

export const evidenceDe: typeof evidenceEn = {
  evidence: {
    title: "Beweissicherung",
    intro:
      "Gesicherte Beiträge mit Snapshot, Darstellungen und SHA-256-Prüfsummen. Beweise unter rechtlicher Sperre werden nie durch Aufbewahrungsfristen gelöscht.",
    filterIncident: "Vorfall",
    allIncidents: "Alle Vorfälle",
    empty:
      "Noch keine Beweise gesichert. Sichern Sie einen Beitrag aus dem Posteingang, den Erwähnungen oder einem Vorfall.",
    listCaption: "Beweisstücke, neueste zuerst",
    itemHeading: "Beitrag auf {{platform}} von @{{handle}}",
    postExcerpt: "Beitrag (Auszug)",
    postUrl: "Beitrags-URL",
    profileUrl: "Profil-URL",
    firstSeen: "Zuerst gesehen",
    captured: "Gesichert",
    capturedBy: "von {{who}}",
    note: "Notiz",
    incident: "Vorfall",
    postDeleted: "Der Beitrag wurde inzwischen gelöscht; der Snapshot bewahrt ihn.",
    hold: {
      label: "Rechtliche Sperre",
      on: "Rechtlich gesperrt",
      off: "Nicht gesperrt",
      since: "seit {{at}} durch {{who}}: {{reason}}",
      reason: "Grund der Änderung",
      reasonHint: "Pflichtfeld, z. B. das Aktenzeichen",
      put: "Rechtlich sperren",
      release: "Sperre aufheben",
    },
    timestamp: {
      label: "Qualifizierter Zeitstempel (RFC 3161)",
      none: "Keiner",
      at: "{{at}} von {{tsa}} (Seriennummer {{serial}})",
      failed: "Zeitstempel fehlgeschlagen: {{error}}",
    },
    render: {
      failed: "Darstellung fehlgeschlagen: {{error}}",
      again: "Erneut darstellen",
    },
    files: {
      caption: "Dateien dieses Beweisstücks",
      name: "Datei",
      size: "Größe",
      sha256: "SHA-256",
      download: "{{name}} herunterladen",
      bytes: "{{formatted}} Bytes",
    },
    capture: {
      button: "Beweis sichern",
      done: "Beweis gesichert.",
      open: "Beweisstück öffnen",
      deleted: "Vom Autor gelöscht: Der Beitrag kann nicht mehr gesichert werden.",
    },
    incidentList: {
      heading: "Beweise",
      export: "Beweispaket herunterladen (.zip)",
      empty: "Für diesen Vorfall sind noch keine Beweise gesichert.",
    },
    settings: {
      heading: "Beweissicherung",
      retentionDays: "Aufbewahren für (Tage)",
      retentionHint:
        "Leer: unbegrenzt. Beweise unter rechtlicher Sperre und Beweise offener Vorfälle werden immer aufbewahrt.",
      tsaUrl: "URL des Zeitstempeldienstes (RFC 3161)",
      tsaHint:
        "Leer: Einstellung des Servers ({{server}}). Ein qualifizierter Dienst begründet die Vermutung nach eIDAS Art. 41 Abs. 2.",
      serverNone: "keiner",
      timestampEveryCapture: "Jede Sicherung mit Zeitstempel versehen",
      saved: "Gespeichert.",
      readOnly: "Nur Admins können diese Einstellungen ändern.",
    },
  },
};
