// UI texts of the Accounts page (official accounts, their security, takeovers, lookalikes), merged into the i18n files.

export const accountsEn = {
  accounts: {
    title: "Accounts",
    intro:
      "Your organisation's official accounts: how well each one is protected, whether one looks as if someone else is posting from it, and which accounts imitate you.",
    registryNote: "Official accounts are added and removed in the risk profile.",
    registryLink: "Settings → Risk profile",
    readOnly: "Managers and admins record how an account is secured; you can read it.",
    empty:
      "No official accounts yet. Add your organisation's accounts in Settings → Risk profile; their security and any sign of a takeover then show here.",
    allPlatforms: "all platforms",
    listTitle: "Official accounts",
    listLabel: "Official accounts, the most urgent first",
    figures: {
      label: "Accounts at a glance",
      accounts: "Official accounts",
      atRisk: "At risk",
      unrecorded_one: "{{count}} of them with nothing recorded",
      unrecorded_other: "{{count}} of them with nothing recorded",
      attention: "Needing attention",
      takeover: "Takeover suspected",
    },
    grade: {
      label: "Security: {{grade}}",
      good: "Good",
      attention: "Needs attention",
      at_risk: "At risk",
      unknown: "Not recorded",
    },
    severity: { high: "High", medium: "Medium", low: "Low" },
    findingsTitle: "What to do",
    noFindings: "Nothing to do: the recorded security is complete and up to date.",
    findings: {
      no_record:
        "Nothing is recorded about this account's security yet: record who owns it, how sign-in is protected and how it is recovered.",
      two_factor_none:
        "Sign-in is protected by a password alone: turn on two-factor sign-in with an authenticator app or a security key.",
      two_factor_unknown:
        "Nobody has recorded whether sign-in needs a second factor: check the account's settings and record the method.",
      two_factor_sms:
        "Two-factor sign-in uses SMS codes, which a SIM swap can take over: switch to an authenticator app or a security key.",
      no_owner:
        "Nobody is responsible for the account: name an owner who keeps its access and recovery up to date.",
      no_recovery_contact:
        "No recovery contact is recorded, so a hijacked account may be lost for good: record the recovery e-mail or phone number the team controls.",
      recovery_unverified:
        "The recovery contact has never been checked: make sure it still reaches the team and record the date.",
      recovery_stale:
        "The recovery contact was last checked {{days}} days ago: check it again (every {{limit}} days) and record the date.",
      access_never_reviewed:
        "Access has never been reviewed: sign out old sessions, revoke apps no longer used, remove people who left, and record the date.",
      access_review_due:
        "Access was last reviewed {{days}} days ago: review sessions, connected apps and who has access (every {{limit}} days).",
      many_posters:
        "More than {{limit}} people may post from this account: with fewer it is easier to tell who posted and to revoke one person's access.",
    },
    security: {
      title: "Recorded security",
      none: "Nothing recorded yet.",
      owner: "Owner",
      posters: "May post",
      twoFactor: "Two-factor sign-in",
      recoveryContact: "Recovery contact",
      recoveryVerifiedOn: "Recovery contact checked on",
      accessReviewedOn: "Access last reviewed on",
      connectedApps: "Connected apps",
      note: "Note",
      recorded: "Recorded",
      notSet: "not recorded",
      nobody: "nobody named",
      noApps: "none recorded",
      checked: "checked {{date}}",
      neverChecked: "never checked",
      never: "never",
    },
    twoFactor: {
      security_key: "Security key",
      app: "Authenticator app",
      sms: "SMS codes",
      none: "None",
      unknown: "Unknown",
    },
    activity: {
      title: "Activity",
      posts7d: "Posts in 7 days",
      lastPostAt: "Last post",
      followers: "Followers",
      noPost: "no post seen",
      notSeen: "not seen",
      showPosts: "Posts of @{{handle}} in Mentions",
    },
    form: {
      open: "Edit security",
      openNamed: "Edit security of @{{handle}}",
      close: "Close form",
      label: "Security of @{{handle}}",
      ownerHint: "The person responsible for the account",
      postersHint: "Names of the people who may post; press Enter after each",
      recoveryContactHint: "The recovery e-mail or phone, e.g. it-security@…, team phone",
      recoveryVerifiedOnHint: "When someone last checked that it reaches the team",
      accessReviewedOnHint: "When sessions, apps and people with access were last reviewed",
      connectedAppsHint: "Tools that post or read for the account; press Enter after each",
    },
    takeover: {
      title: "Possible takeover of @{{handle}} ({{platform}})",
      intro:
        "This account posts what your organisation would never post. Ask its owner now; if nobody on the team wrote this, lock the account down.",
      burst_one: "{{count}} post in the last hour, at most {{usual}} an hour in the week before.",
      burst_other: "{{count}} posts in the last hour, at most {{usual}} an hour in the week before.",
      burstQuiet_one: "{{count}} post in the last hour, none in the week before.",
      burstQuiet_other: "{{count}} posts in the last hour, none in the week before.",
      signalsTitle: "Flagged posts on @{{handle}}",
      categoriesLabel: "Flagged for",
      showPost: "Show in Mentions",
      showAll_one: "Show the flagged post in Mentions",
      showAll_other: "Show all {{count}} flagged posts in Mentions",
    },
    lockdown: {
      start: "Start lockdown",
      startNamed: "Start lockdown of @{{handle}}",
      title: "Lock down @{{handle}}?",
      text: "This opens an incident for @{{handle}} with the tasks of the playbook “Own account hacked”: secure the account (new password and two-factor sign-in, sign out every session, revoke connected apps, check the recovery contacts), preserve the evidence, remove the unauthorised posts and warn your followers, and check the duty to notify (GDPR, NIS2).",
      withPosts_one: "The flagged post is attached to the incident as evidence.",
      withPosts_other: "The {{count}} flagged posts are attached to the incident as evidence.",
      confirm: "Open the incident",
    },
    lookalikes: {
      title: "Lookalike accounts",
      intro:
        "Accounts of the last {{days}} days that the risk engine flagged for imitating your accounts or executives. Report them to the platform and warn your followers.",
      caption: "Lookalike accounts, the most flagged posts first",
      empty: "No account imitated you in the last {{days}} days.",
      account: "Account",
      platform: "Platform",
      imitates: "Imitates",
      posts: "Flagged posts",
      lastPostAt: "Last post",
      created: "Account created",
      known: "On the stakeholder map",
      yes: "Yes",
      no: "No",
      unknownAge: "unknown",
      followers_one: "{{formatted}} follower",
      followers_other: "{{formatted}} followers",
      showPosts: "Posts of @{{handle}} in Mentions",
    },
  },
};

export const accountsDe: typeof accountsEn = {
  accounts: {
    title: "Konten",
    intro:
      "Die offiziellen Konten Ihrer Organisation: wie gut jedes geschützt ist, ob auf einem offenbar jemand anderes postet und welche Konten Sie nachahmen.",
    registryNote: "Offizielle Konten werden im Risikoprofil hinzugefügt und entfernt.",
    registryLink: "Einstellungen → Risikoprofil",
    readOnly: "Manager und Admins erfassen, wie ein Konto gesichert ist; Sie können es lesen.",
    empty:
      "Noch keine offiziellen Konten. Tragen Sie die Konten Ihrer Organisation unter Einstellungen → Risikoprofil ein; dann erscheinen hier ihr Sicherheitsstand und jedes Anzeichen einer Übernahme.",
    allPlatforms: "alle Plattformen",
    listTitle: "Offizielle Konten",
    listLabel: "Offizielle Konten, die dringendsten zuerst",
    figures: {
      label: "Konten auf einen Blick",
      accounts: "Offizielle Konten",
      atRisk: "Gefährdet",
      unrecorded_one: "davon {{count}} ohne Angaben",
      unrecorded_other: "davon {{count}} ohne Angaben",
      attention: "Zu prüfen",
      takeover: "Übernahme vermutet",
    },
    grade: {
      label: "Sicherheit: {{grade}}",
      good: "Gut",
      attention: "Zu prüfen",
      at_risk: "Gefährdet",
      unknown: "Nicht erfasst",
    },
    severity: { high: "Hoch", medium: "Mittel", low: "Niedrig" },
    findingsTitle: "Was zu tun ist",
    noFindings: "Nichts zu tun: Die erfassten Angaben zur Sicherheit sind vollständig und aktuell.",
    findings: {
      no_record:
        "Zur Sicherheit dieses Kontos ist noch nichts erfasst: Tragen Sie ein, wer es verantwortet, wie die Anmeldung geschützt ist und wie es sich wiederherstellen lässt.",
      two_factor_none:
        "Die Anmeldung ist nur durch ein Passwort geschützt: Schalten Sie die Zwei-Faktor-Anmeldung mit einer Authenticator-App oder einem Sicherheitsschlüssel ein.",
      two_factor_unknown:
        "Niemand hat erfasst, ob die Anmeldung einen zweiten Faktor verlangt: Prüfen Sie die Kontoeinstellungen und tragen Sie das Verfahren ein.",
      two_factor_sms:
        "Die Zwei-Faktor-Anmeldung nutzt SMS-Codes, die sich per SIM-Swap abfangen lassen: Wechseln Sie zu einer Authenticator-App oder einem Sicherheitsschlüssel.",
      no_owner:
        "Niemand ist für das Konto verantwortlich: Benennen Sie eine Person, die Zugänge und Wiederherstellung aktuell hält.",
      no_recovery_contact:
        "Es ist kein Wiederherstellungskontakt erfasst, ein gekapertes Konto kann so endgültig verloren gehen: Tragen Sie die E-Mail-Adresse oder Telefonnummer ein, über die das Team verfügt.",
      recovery_unverified:
        "Der Wiederherstellungskontakt wurde nie geprüft: Stellen Sie sicher, dass er das Team noch erreicht, und tragen Sie das Datum ein.",
      recovery_stale:
        "Der Wiederherstellungskontakt wurde zuletzt vor {{days}} Tagen geprüft: Prüfen Sie ihn erneut (alle {{limit}} Tage) und tragen Sie das Datum ein.",
      access_never_reviewed:
        "Die Zugänge wurden nie überprüft: Melden Sie alte Sitzungen ab, widerrufen Sie nicht mehr genutzte Apps, entfernen Sie Ausgeschiedene und tragen Sie das Datum ein.",
      access_review_due:
        "Die Zugänge wurden zuletzt vor {{days}} Tagen überprüft: Prüfen Sie Sitzungen, verbundene Apps und wer Zugang hat (alle {{limit}} Tage).",
      many_posters:
        "Mehr als {{limit}} Personen dürfen von diesem Konto posten: Mit weniger lässt sich leichter sagen, wer gepostet hat, und einer Person der Zugang entziehen.",
    },
    security: {
      title: "Erfasste Sicherheit",
      none: "Noch nichts erfasst.",
      owner: "Verantwortlich",
      posters: "Darf posten",
      twoFactor: "Zwei-Faktor-Anmeldung",
      recoveryContact: "Wiederherstellungskontakt",
      recoveryVerifiedOn: "Wiederherstellungskontakt geprüft am",
      accessReviewedOn: "Zugänge zuletzt überprüft am",
      connectedApps: "Verbundene Apps",
      note: "Notiz",
      recorded: "Erfasst",
      notSet: "nicht erfasst",
      nobody: "niemand benannt",
      noApps: "keine erfasst",
      checked: "geprüft am {{date}}",
      neverChecked: "nie geprüft",
      never: "nie",
    },
    twoFactor: {
      security_key: "Sicherheitsschlüssel",
      app: "Authenticator-App",
      sms: "SMS-Codes",
      none: "Keine",
      unknown: "Unbekannt",
    },
    activity: {
      title: "Aktivität",
      posts7d: "Beiträge in 7 Tagen",
      lastPostAt: "Letzter Beitrag",
      followers: "Follower",
      noPost: "kein Beitrag gesehen",
      notSeen: "nicht gesehen",
      showPosts: "Beiträge von @{{handle}} in Erwähnungen",
    },
    form: {
      open: "Sicherheit bearbeiten",
      openNamed: "Sicherheit bearbeiten für @{{handle}}",
      close: "Formular schließen",
      label: "Sicherheit von @{{handle}}",
      ownerHint: "Die Person, die das Konto verantwortet",
      postersHint: "Namen der Personen, die posten dürfen; Eingabetaste nach jedem Namen",
      recoveryContactHint:
        "Die Wiederherstellungs-E-Mail oder -Telefonnummer, z. B. it-sicherheit@…, Teamhandy",
      recoveryVerifiedOnHint: "Wann zuletzt geprüft wurde, dass er das Team erreicht",
      accessReviewedOnHint: "Wann Sitzungen, Apps und Zugangsberechtigte zuletzt überprüft wurden",
      connectedAppsHint: "Werkzeuge, die für das Konto posten oder lesen; Eingabetaste nach jedem",
    },
    takeover: {
      title: "Mögliche Übernahme von @{{handle}} ({{platform}})",
      intro:
        "Dieses Konto postet, was Ihre Organisation nie posten würde. Fragen Sie sofort die verantwortliche Person; hat niemand im Team das geschrieben, sperren Sie das Konto.",
      burst_one:
        "{{count}} Beitrag in der letzten Stunde, in der Woche davor höchstens {{usual}} pro Stunde.",
      burst_other:
        "{{count}} Beiträge in der letzten Stunde, in der Woche davor höchstens {{usual}} pro Stunde.",
      burstQuiet_one: "{{count}} Beitrag in der letzten Stunde, in der Woche davor keiner.",
      burstQuiet_other: "{{count}} Beiträge in der letzten Stunde, in der Woche davor keiner.",
      signalsTitle: "Markierte Beiträge von @{{handle}}",
      categoriesLabel: "Markiert als",
      showPost: "In Erwähnungen zeigen",
      showAll_one: "Den markierten Beitrag in Erwähnungen zeigen",
      showAll_other: "Alle {{count}} markierten Beiträge in Erwähnungen zeigen",
    },
    lockdown: {
      start: "Sperrung starten",
      startNamed: "Sperrung starten für @{{handle}}",
      title: "@{{handle}} sperren?",
      text: "Damit öffnen Sie einen Vorfall zu @{{handle}} mit den Aufgaben des Playbooks „Eigenes Konto gehackt“: Konto sichern (neues Passwort und Zwei-Faktor-Anmeldung, alle Sitzungen abmelden, verbundene Apps widerrufen, Wiederherstellungskontakte prüfen), Beweise sichern, die unbefugten Beiträge entfernen und Ihre Follower warnen sowie Meldepflichten prüfen (DSGVO, NIS2).",
      withPosts_one: "Der markierte Beitrag wird dem Vorfall als Beweis angehängt.",
      withPosts_other: "Die {{count}} markierten Beiträge werden dem Vorfall als Beweis angehängt.",
      confirm: "Vorfall öffnen",
    },
    lookalikes: {
      title: "Doppelgänger-Konten",
      intro:
        "Konten der letzten {{days}} Tage, die die Risikoerkennung markiert hat, weil sie Ihre Konten oder Führungskräfte nachahmen. Melden Sie sie der Plattform und warnen Sie Ihre Follower.",
      caption: "Doppelgänger-Konten, die mit den meisten markierten Beiträgen zuerst",
      empty: "In den letzten {{days}} Tagen hat kein Konto Sie nachgeahmt.",
      account: "Konto",
      platform: "Plattform",
      imitates: "Ahmt nach",
      posts: "Markierte Beiträge",
      lastPostAt: "Letzter Beitrag",
      created: "Konto angelegt",
      known: "Auf der Stakeholder-Landkarte",
      yes: "Ja",
      no: "Nein",
      unknownAge: "unbekannt",
      followers_one: "{{formatted}} Follower",
      followers_other: "{{formatted}} Follower",
      showPosts: "Beiträge von @{{handle}} in Erwähnungen",
    },
  },
};
