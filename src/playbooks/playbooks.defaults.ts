// The built-in playbooks, materialised per organisation as version 1 the first time its playbooks are listed.
// Legal hooks (German law and EU law as they stand in 2026): the police advice on securing evidence of online
// insults (absolute date and time, post URL and profile URL, context, PDF/screenshot, before asking for removal);
// § 77b StGB (three months for the criminal complaint from knowing act and offender); §§ 185–187, 241 StGB;
// § 12 BGB (right to one's name); GDPR Art. 33; NIS2 Art. 23; DSA Art. 16, 20–22.
import type { PlaybookRisk, PlaybookStep } from "./playbooks.schema.ts";

const t = (de: string, en: string) => ({ de, en });
const h = 60;

/** A built-in playbook. */
export interface DefaultPlaybook {
  key: string;
  risk: PlaybookRisk;
  title: { de: string; en: string };
  steps: PlaybookStep[];
}

// The evidence step the German police advise before anything is removed (e.g. polizei-beratung.de,
// "Hass im Netz": screenshot with date, time and URL; keep the context; report before the post disappears).
const preserveEvidence = (offsetMinutes: number): PlaybookStep => ({
  title: t(
    "Beweise sichern, bevor irgendetwas gelöscht wird",
    "Preserve evidence before anything is removed",
  ),
  role: "legal",
  offsetMinutes,
  checklist: [
    t(
      "Absolutes Datum und Uhrzeit (mit Zeitzone) des Beitrags und der Sicherung notieren",
      "Note the absolute date and time (with time zone) of the post and of the capture",
    ),
    t(
      "URL des Beitrags und URL des Profils festhalten",
      "Record the URL of the post and the URL of the profile",
    ),
    t(
      "Zusammenhang sichern: vorherige Beiträge, Antworten, auf die er sich bezieht",
      "Capture the context: earlier posts and the replies it refers to",
    ),
    t(
      "Beweissicherung als PDF mit Prüfsumme erstellen (Button „Beweis sichern“)",
      "Capture as a PDF with checksum (the “Capture evidence” button)",
    ),
    t(
      "Erst danach Meldung an die Plattform oder Löschung verlangen",
      "Only then report to the platform or ask for removal",
    ),
  ],
  replyTemplates: [],
  evidence: t(
    "Beitrag, Profil und Kontext sichern – mit Datum, Uhrzeit und URL, als PDF",
    "Capture the post, the profile and the context – with date, time and URL, as a PDF",
  ),
});

const dsaNotice = (
  offsetMinutes: number,
  law: string,
  reasons: { de: string; en: string },
): PlaybookStep => ({
  title: t(
    "Meldung an die Plattform nach Art. 16 DSA vorbereiten und absenden",
    "Prepare and send the notice to the platform under DSA Art. 16",
  ),
  role: "legal",
  offsetMinutes,
  checklist: [
    t(
      "Begründung, warum der Inhalt rechtswidrig ist (lit. a)",
      "Explanation why the content is illegal (point a)",
    ),
    t("Genaue URL jedes Inhalts (lit. b)", "Exact URL of each item (point b)"),
    t("Name und E-Mail der meldenden Person (lit. c)", "Name and e-mail of the notifier (point c)"),
    t("Erklärung des guten Glaubens (lit. d)", "Good-faith statement (point d)"),
    t(
      "Eingangsbestätigung, Entscheidung und Begründung der Plattform eintragen; bei Ablehnung Beschwerde (Art. 20) oder Schlichtung (Art. 21) prüfen",
      "Record the platform's receipt, decision and statement of reasons; if refused, consider a complaint (Art. 20) or out-of-court settlement (Art. 21)",
    ),
    t(
      "Bei Untätigkeit: Fall an einen vertrauenswürdigen Hinweisgeber (Art. 22) übergeben, z. B. HateAid oder eine Meldestelle",
      "If nothing happens: hand the case to a trusted flagger (Art. 22), e.g. a recognised reporting centre",
    ),
  ],
  replyTemplates: [],
  notice: { law, reasons },
});

const holdingReply = t(
  "Danke für Ihren Hinweis. Wir nehmen das ernst und schauen uns das gerade genau an. Wir melden uns bis {Uhrzeit} mit mehr Informationen.",
  "Thank you for letting us know. We take this seriously and are looking into it now. We will get back to you by {time} with more information.",
);

/** The nine built-in playbooks. */
export const defaultPlaybooks: DefaultPlaybook[] = [
  {
    key: "escalating_complaint",
    risk: "escalating_complaint",
    title: t("Eskalierende Beschwerde", "Escalating complaint"),
    steps: [
      {
        title: t(
          "Beschwerde erfassen und Verantwortliche benennen",
          "Log the complaint and name who owns it",
        ),
        role: "communications",
        offsetMinutes: 15,
        checklist: [
          t("Kernvorwurf in einem Satz festhalten", "State the core grievance in one sentence"),
          t(
            "Kundennummer/Vorgang intern klären (nicht öffentlich erfragen)",
            "Find the customer record internally (never ask publicly)",
          ),
        ],
        replyTemplates: [holdingReply],
      },
      {
        title: t(
          "Öffentlich antworten und ins Direktgespräch holen",
          "Reply publicly and move to a private channel",
        ),
        role: "communications",
        offsetMinutes: 60,
        checklist: [
          t(
            "Empathisch, ohne Schuldzuweisung, ohne Zusagen ohne Freigabe",
            "Empathetic, no blame, no promises without approval",
          ),
          t("Angebot für Direktnachricht oder Rückruf", "Offer a direct message or a call back"),
        ],
        replyTemplates: [
          t(
            "Das tut uns leid – so sollte es nicht laufen. Schreiben Sie uns bitte eine Direktnachricht, dann klären wir das persönlich.",
            "We are sorry – this is not how it should go. Please send us a direct message and we will sort it out personally.",
          ),
        ],
      },
      {
        title: t("Lösung mit der Fachabteilung abstimmen", "Agree a solution with the responsible team"),
        role: "management",
        offsetMinutes: 4 * h,
        checklist: [
          t(
            "Kulanz/Erstattung nur mit Freigabe (Vier-Augen-Prinzip)",
            "Goodwill or refunds only with approval (four eyes)",
          ),
          t("Ergebnis öffentlich kurz bestätigen", "Briefly confirm the outcome in public"),
        ],
        replyTemplates: [],
      },
    ],
  },
  {
    key: "insult_defamation",
    risk: "insult_defamation",
    title: t("Beleidigung, üble Nachrede, Verleumdung", "Insult and defamation"),
    steps: [
      preserveEvidence(30),
      {
        title: t("Rechtlich einordnen (§§ 185–187 StGB)", "Assess legally (§§ 185–187 StGB)"),
        role: "legal",
        offsetMinutes: 4 * h,
        checklist: [
          t(
            "Beleidigung (§ 185): Werturteil, Kundgabe von Missachtung",
            "Insult (§ 185): value judgement expressing contempt",
          ),
          t(
            "Üble Nachrede (§ 186): nicht erweislich wahre Tatsachenbehauptung",
            "Defamation (§ 186): factual claim not proven true",
          ),
          t(
            "Verleumdung (§ 187): wissentlich unwahre Tatsachenbehauptung",
            "Slander (§ 187): knowingly false factual claim",
          ),
          t(
            "Nur Tatsachenbehauptungen können üble Nachrede sein – Meinung bleibt geschützt (Art. 5 GG)",
            "Only factual claims can be defamation – opinions stay protected (Art. 5 Basic Law)",
          ),
        ],
        replyTemplates: [],
      },
      {
        title: t(
          "Strafantrag prüfen – Frist drei Monate ab Kenntnis von Tat und Täter (§ 77b StGB)",
          "Consider a criminal complaint – three months from knowing act and offender (§ 77b StGB)",
        ),
        role: "legal",
        offsetMinutes: 24 * h,
        checklist: [
          t(
            "Kenntniszeitpunkt auf der Frist eintragen (wann wussten wir Tat und Täter?)",
            "Set the clock's start to when act and offender became known",
          ),
          t(
            "Strafantrag schriftlich bei Polizei oder Staatsanwaltschaft, auch online-Wache möglich",
            "File in writing with the police or public prosecutor; online police stations accept it",
          ),
          t("Beweis-PDFs beifügen", "Attach the evidence PDFs"),
        ],
        replyTemplates: [],
        clock: "stgb_77b",
      },
      dsaNotice(
        6 * h,
        "§§ 185–187 StGB",
        t(
          "Der Beitrag enthält ehrverletzende Aussagen über [Person/Unternehmen]. [Zitat]. Die Tatsachenbehauptung ist unwahr, weil …",
          "The post contains defamatory statements about [person/company]. [Quote]. The factual claim is false because …",
        ),
      ),
      {
        title: t("Öffentlich nicht auf Provokation eingehen", "Do not take the bait in public"),
        role: "communications",
        offsetMinutes: 60,
        checklist: [
          t(
            "Keine Gegenbeleidigung, keine Details zum Verfahren",
            "No counter-insults, no details of legal steps",
          ),
        ],
        replyTemplates: [
          t(
            "Wir diskutieren gern sachlich. Beleidigungen und falsche Behauptungen lassen wir prüfen.",
            "We are happy to discuss the facts. Insults and false claims are being reviewed.",
          ),
        ],
      },
    ],
  },
  {
    key: "shitstorm",
    risk: "shitstorm",
    title: t("Shitstorm", "Shitstorm"),
    steps: [
      {
        title: t("Krisenstab bilden und Rollen besetzen", "Form the crisis team and fill the roles"),
        role: "lead",
        offsetMinutes: 15,
        checklist: [
          t(
            "Leitung, Kommunikation, Recht, Geschäftsführung benennen",
            "Name lead, communications, legal, management",
          ),
          t(
            "Takt für Lagemeldungen festlegen (z. B. stündlich)",
            "Set the status-update rhythm (e.g. hourly)",
          ),
        ],
        replyTemplates: [],
      },
      {
        title: t("Lage bewerten: Auslöser, Reichweite, Stufe", "Assess: trigger, reach, level"),
        role: "communications",
        offsetMinutes: 30,
        checklist: [
          t(
            "Auslösenden Beitrag und Kernvorwurf identifizieren",
            "Identify the triggering post and the core grievance",
          ),
          t("Ist der Vorwurf berechtigt? Ehrlich beantworten", "Is the criticism justified? Answer honestly"),
          t("Koordinierte Konten oder Medienanfragen?", "Coordinated accounts or press enquiries?"),
        ],
        replyTemplates: [],
      },
      preserveEvidence(60),
      {
        title: t("Erste Stellungnahme veröffentlichen", "Publish a first statement"),
        role: "communications",
        offsetMinutes: 90,
        checklist: [
          t("Anerkennen, was passiert ist; nicht rechtfertigen", "Acknowledge what happened; do not justify"),
          t("Nächsten Schritt und Zeitpunkt nennen", "Say what happens next and when"),
          t("Freigabe durch Leitung (Vier-Augen-Prinzip)", "Approval by the lead (four eyes)"),
          t("Geplante Werbe-Posts pausieren", "Pause scheduled promotional posts"),
        ],
        replyTemplates: [
          holdingReply,
          t(
            "Wir haben Ihre Kritik gelesen und nehmen sie ernst. Wir prüfen das gerade und melden uns heute bis {Uhrzeit} mit einer ausführlichen Antwort.",
            "We have read your criticism and take it seriously. We are reviewing it and will follow up today by {time} with a full answer.",
          ),
        ],
      },
      {
        title: t("Interne Information an Mitarbeitende", "Brief staff internally"),
        role: "management",
        offsetMinutes: 2 * h,
        checklist: [
          t("Sprachregelung verteilen", "Share the agreed wording"),
          t("Bitte: nicht privat mitdiskutieren", "Ask staff not to join the debate privately"),
        ],
        replyTemplates: [],
      },
      {
        title: t("Rechtswidrige Inhalte melden", "Report illegal content"),
        role: "legal",
        offsetMinutes: 6 * h,
        checklist: [
          t(
            "Nur klar rechtswidrige Beiträge (Beleidigung, Drohung) – Kritik bleibt stehen",
            "Only clearly illegal posts (insults, threats) – criticism stays",
          ),
          t("Beweise vorher gesichert?", "Evidence captured first?"),
        ],
        replyTemplates: [],
      },
    ],
  },
  {
    key: "coordinated_campaign",
    risk: "coordinated_campaign",
    title: t("Flashmob / koordinierte Kampagne", "Flashmob / coordinated campaign"),
    steps: [
      {
        title: t("Koordination belegen", "Document the coordination"),
        role: "communications",
        offsetMinutes: 30,
        checklist: [
          t(
            "Gruppen in der Eskalationsansicht prüfen (gleiche Texte, junge Konten, Gleichtakt)",
            "Check the groups in the escalation view (same texts, young accounts, synchrony)",
          ),
          t(
            "Ursprung des Aufrufs suchen (Forum, Kanal, Influencer)",
            "Find where the call started (forum, channel, influencer)",
          ),
        ],
        replyTemplates: [],
      },
      preserveEvidence(60),
      {
        title: t(
          "Plattform auf inauthentisches Verhalten hinweisen",
          "Report inauthentic behaviour to the platform",
        ),
        role: "legal",
        offsetMinutes: 4 * h,
        checklist: [
          t("Liste der Konten und Beiträge mit URLs", "List accounts and posts with URLs"),
          t(
            "Rechtswidrige Einzelbeiträge zusätzlich nach Art. 16 DSA melden",
            "Also report illegal posts individually under DSA Art. 16",
          ),
        ],
        replyTemplates: [],
      },
      {
        title: t("Echte Kundschaft von der Kampagne trennen", "Separate real customers from the campaign"),
        role: "communications",
        offsetMinutes: 2 * h,
        checklist: [t("Echte Anliegen weiter beantworten", "Keep answering genuine concerns")],
        replyTemplates: [
          t(
            "Wir sehen gerade viele gleichlautende Beiträge. Wenn Sie ein konkretes Anliegen haben, schreiben Sie uns gern direkt.",
            "We are seeing many identical posts right now. If you have a specific concern, please write to us directly.",
          ),
        ],
      },
    ],
  },
  {
    key: "hacked_account",
    risk: "hacked_account",
    title: t("Eigenes Konto gehackt", "Own account hacked"),
    steps: [
      {
        title: t("Konto sichern", "Secure the account"),
        role: "it_security",
        offsetMinutes: 15,
        checklist: [
          t(
            "Passwort ändern, Zwei-Faktor-Anmeldung neu einrichten",
            "Change the password, re-enrol two-factor sign-in",
          ),
          t(
            "Alle Sitzungen abmelden, App-Tokens und verbundene Apps widerrufen",
            "Sign out all sessions, revoke app tokens and connected apps",
          ),
          t("Wiederherstellungs-E-Mail und Telefonnummer prüfen", "Check recovery e-mail and phone number"),
          t(
            "Bei Verlust: Wiederherstellung über den Plattform-Support",
            "If locked out: recover through platform support",
          ),
        ],
        replyTemplates: [],
      },
      preserveEvidence(30),
      {
        title: t(
          "Unbefugte Beiträge entfernen und Follower informieren",
          "Remove unauthorised posts and inform followers",
        ),
        role: "communications",
        offsetMinutes: 60,
        checklist: [
          t("Erst sichern, dann löschen", "Capture first, then delete"),
          t(
            "Follower warnen: keine Links aus den Beiträgen öffnen",
            "Warn followers not to open links from those posts",
          ),
        ],
        replyTemplates: [
          t(
            "Unser Konto wurde vorübergehend von Unbefugten genutzt. Bitte öffnen Sie keine Links aus Beiträgen oder Nachrichten zwischen {von} und {bis}. Das Konto ist wieder gesichert.",
            "Our account was briefly used by someone else. Please do not open links from posts or messages between {from} and {to}. The account is secure again.",
          ),
        ],
      },
      {
        title: t("Meldepflichten prüfen (DSGVO, NIS2)", "Check notification duties (GDPR, NIS2)"),
        role: "legal",
        offsetMinutes: 4 * h,
        checklist: [
          t(
            "Wurden Direktnachrichten mit personenbezogenen Daten eingesehen? Dann Art. 33 DSGVO",
            "Were direct messages with personal data accessed? Then GDPR Art. 33",
          ),
          t(
            "Bei NIS2-Einrichtungen: erhebliches Sicherheitsvorkommnis?",
            "For NIS2 entities: is it a significant incident?",
          ),
          t(
            "Anzeige wegen Ausspähens von Daten (§ 202a StGB) erwägen",
            "Consider reporting data espionage (§ 202a StGB)",
          ),
        ],
        replyTemplates: [],
      },
    ],
  },
  {
    key: "malware_phishing",
    risk: "malware_phishing",
    title: t("Schadsoftware- oder Phishing-Link", "Malware or phishing link"),
    steps: [
      preserveEvidence(15),
      {
        title: t("Link prüfen, ohne ihn zu öffnen", "Check the link without opening it"),
        role: "it_security",
        offsetMinutes: 30,
        checklist: [
          t(
            "Domain mit der eigenen vergleichen (Tippfehler, ähnliche Zeichen)",
            "Compare the domain to ours (typos, look-alike characters)",
          ),
          t(
            "In isolierter Umgebung oder über einen Prüfdienst analysieren",
            "Analyse in an isolated environment or a scanning service",
          ),
        ],
        replyTemplates: [],
      },
      {
        title: t("Warnen und melden", "Warn and report"),
        role: "communications",
        offsetMinutes: 60,
        checklist: [
          t("Warnhinweis an Kundschaft veröffentlichen", "Publish a warning to customers"),
          t(
            "Plattform, Hoster und Registrar informieren; Phishing an das BSI melden",
            "Report to the platform, host and registrar; report phishing to the BSI",
          ),
        ],
        replyTemplates: [
          t(
            "Achtung: Der Link in diesem Beitrag stammt nicht von uns. Bitte nicht öffnen und keine Daten eingeben. Unsere echte Adresse ist {Domain}.",
            "Warning: the link in this post is not ours. Please do not open it or enter any data. Our real address is {domain}.",
          ),
        ],
      },
      dsaNotice(
        2 * h,
        "§ 263a StGB (Computerbetrug), § 202a StGB",
        t(
          "Der Beitrag verbreitet einen Link zu einer Phishing-/Schadsoftware-Seite, die sich als [Unternehmen] ausgibt: [URL].",
          "The post spreads a link to a phishing/malware site posing as [company]: [URL].",
        ),
      ),
    ],
  },
  {
    key: "data_leak",
    risk: "data_leak",
    title: t("Leak interner oder personenbezogener Daten", "Leak of internal or personal data"),
    steps: [
      preserveEvidence(15),
      {
        title: t(
          "Umfang feststellen und Datenschutz einbinden",
          "Establish the scope and involve data protection",
        ),
        role: "legal",
        offsetMinutes: 60,
        checklist: [
          t("Welche Daten, wie viele Personen, seit wann?", "Which data, how many people, since when?"),
          t("Datenschutzbeauftragte informieren", "Inform the data protection officer"),
          t(
            "Zeitpunkt der Kenntnis auf der Frist eintragen",
            "Set the clock's start to when we became aware",
          ),
        ],
        replyTemplates: [],
        clock: "gdpr_33",
      },
      {
        title: t(
          "Meldung an die Aufsichtsbehörde binnen 72 Stunden (Art. 33 DSGVO)",
          "Notify the supervisory authority within 72 hours (GDPR Art. 33)",
        ),
        role: "legal",
        offsetMinutes: 48 * h,
        checklist: [
          t(
            "a) Art der Verletzung, Kategorien und ungefähre Zahl der Betroffenen und Datensätze",
            "(a) Nature of the breach, categories and approximate numbers of people and records",
          ),
          t(
            "b) Name und Kontakt der/des Datenschutzbeauftragten",
            "(b) Name and contact details of the data protection officer",
          ),
          t("c) Wahrscheinliche Folgen", "(c) Likely consequences"),
          t("d) Ergriffene oder vorgeschlagene Maßnahmen", "(d) Measures taken or proposed"),
          t(
            "Was noch nicht bekannt ist, schrittweise nachmelden (Art. 33 Abs. 4); Verspätung begründen",
            "Report what is not yet known in phases (Art. 33(4)); give reasons for any delay",
          ),
          t(
            "Benachrichtigung Betroffener prüfen (Art. 34)",
            "Consider informing the people affected (Art. 34)",
          ),
        ],
        replyTemplates: [],
      },
      {
        title: t("NIS2: Frühwarnung binnen 24 Stunden", "NIS2: early warning within 24 hours"),
        role: "it_security",
        offsetMinutes: 12 * h,
        checklist: [
          t(
            "Nur bei NIS2-Einrichtungen und erheblichem Vorfall",
            "Only for NIS2 entities and significant incidents",
          ),
          t(
            "Verdacht auf rechtswidrige oder böswillige Handlung angeben",
            "State whether unlawful or malicious acts are suspected",
          ),
        ],
        replyTemplates: [],
        clock: "nis2_early_warning",
      },
      {
        title: t(
          "NIS2: Meldung binnen 72 Stunden, Abschlussbericht binnen eines Monats",
          "NIS2: notification within 72 hours, final report within one month",
        ),
        role: "it_security",
        offsetMinutes: 48 * h,
        checklist: [
          t(
            "Erste Bewertung: Schwere, Auswirkungen, Kompromittierungsindikatoren",
            "Initial assessment: severity, impact, indicators of compromise",
          ),
          t(
            "Abschlussbericht: Ursache, Maßnahmen, grenzüberschreitende Auswirkungen",
            "Final report: root cause, measures, cross-border impact",
          ),
        ],
        replyTemplates: [],
        clock: "nis2_notification",
      },
      dsaNotice(
        2 * h,
        "Art. 6 DSGVO, § 42 BDSG, § 202d StGB",
        t(
          "Der Beitrag veröffentlicht personenbezogene/interne Daten ohne Rechtsgrundlage: [Beschreibung].",
          "The post publishes personal/internal data without legal basis: [description].",
        ),
      ),
    ],
  },
  {
    key: "impersonation",
    risk: "impersonation",
    title: t("Identitätsanmaßung (Fake-Profil)", "Impersonation"),
    steps: [
      preserveEvidence(30),
      {
        title: t("Identitätsmeldung bei der Plattform", "File the platform's impersonation report"),
        role: "communications",
        offsetMinutes: 60,
        checklist: [
          t(
            "Eigenes offizielles Konto und Nachweis der Berechtigung angeben",
            "Name our official account and prove authority",
          ),
          t("Profil-URL des Fake-Kontos", "Profile URL of the fake account"),
        ],
        replyTemplates: [
          t(
            "Vorsicht: Das Konto {Handle} gehört nicht zu uns. Unser offizielles Konto ist {offizielles Konto}. Bitte melden Sie das Fake-Profil.",
            "Careful: the account {handle} is not ours. Our official account is {official account}. Please report the fake profile.",
          ),
        ],
      },
      {
        title: t(
          "Zivilrechtlichen Weg prüfen (§ 12 BGB Namensrecht)",
          "Consider the civil route (§ 12 BGB right to a name)",
        ),
        role: "legal",
        offsetMinutes: 24 * h,
        checklist: [
          t(
            "Unbefugter Namensgebrauch: Unterlassung und Beseitigung (§ 12 BGB)",
            "Unauthorised use of the name: injunction and removal (§ 12 BGB)",
          ),
          t("Bei Marken zusätzlich MarkenG prüfen", "For trade marks also consider the Trade Mark Act"),
          t(
            "Abmahnung oder einstweilige Verfügung vorbereiten",
            "Prepare a cease-and-desist letter or injunction",
          ),
        ],
        replyTemplates: [],
      },
      dsaNotice(
        2 * h,
        "§ 12 BGB, §§ 14, 15 MarkenG",
        t(
          "Das Konto gibt sich als [Unternehmen] aus und verwendet unbefugt unseren Namen und unser Logo.",
          "The account poses as [company] and uses our name and logo without authorisation.",
        ),
      ),
    ],
  },
  {
    key: "threat_of_violence",
    risk: "threat_of_violence",
    title: t("Gewaltandrohung", "Threat of violence"),
    steps: [
      {
        title: t("Akute Gefahr? Sofort Polizei 110", "Immediate danger? Call the police on 110 at once"),
        role: "lead",
        offsetMinutes: 0,
        checklist: [
          t(
            "Konkreter Ort, Zeit, Person genannt? Dann sofort 110",
            "Specific place, time or person named? Call 110 now",
          ),
          t("Betroffene Mitarbeitende und Standort informieren", "Inform the staff and site concerned"),
        ],
        replyTemplates: [],
      },
      preserveEvidence(15),
      {
        title: t("Anzeige wegen Bedrohung (§ 241 StGB)", "Report the threat to the police (§ 241 StGB)"),
        role: "legal",
        offsetMinutes: 2 * h,
        checklist: [
          t(
            "Bedrohung ist ein Offizialdelikt – kein Strafantrag nötig",
            "A threat is prosecuted ex officio – no complaint deadline",
          ),
          t("Beweis-PDFs und Profil-URL übergeben", "Hand over the evidence PDFs and profile URL"),
          t(
            "Schutzmaßnahmen für Betroffene mit der Polizei abstimmen",
            "Agree protection for those affected with the police",
          ),
        ],
        replyTemplates: [],
      },
      dsaNotice(
        3 * h,
        "§ 241 StGB (Bedrohung), § 126 StGB",
        t(
          "Der Beitrag droht [Person/Unternehmen] mit Gewalt: [Zitat].",
          "The post threatens [person/company] with violence: [quote].",
        ),
      ),
      {
        title: t("Nicht öffentlich antworten", "Do not reply in public"),
        role: "communications",
        offsetMinutes: 30,
        checklist: [
          t(
            "Keine Reaktion auf den Beitrag; intern dokumentieren",
            "No reaction to the post; document internally",
          ),
        ],
        replyTemplates: [],
      },
    ],
  },
];
