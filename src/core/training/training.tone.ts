// The tone check of the training simulator: is a reply empathetic (apologises, understands, owns the
// problem, names a next step), defensive (justifies, denies, blames the customer or others) or hostile?
// Explainable on purpose: trainees see which of their words tipped the judgement, so the check is a
// reviewed lexicon of German and English phrases, not a model.
//
// Phrases match on folded text (lowercase, ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped), so "Ärger" and
// "Aerger" meet, and only as whole words: "Schuldner" is not "Schuld". Both lexicons run on every reply,
// because teams answer a post in the language it was written in; where matches overlap the longer one
// wins, then the defensive one, then the exercise language's one.
import { foldVisibleText, prepareVisibleText } from "../risk/detectors/visible-text.ts";

/** How a reply sounds, from best to worst for a crisis reply. */
export type Tone = "empathetic" | "neutral" | "defensive" | "hostile";

/** A stretch of the reply that made it sound a certain way, in UTF-16 offsets of the original text. */
export interface ToneSpan {
  start: number;
  /** Exclusive. */
  end: number;
  tone: Exclude<Tone, "neutral">;
  /** The words of the reply, as written. */
  phrase: string;
}

/** The tone of a reply, the phrases that decided it, and why, in both product languages. */
export interface ToneJudgement {
  tone: Tone;
  spans: ToneSpan[];
  reasons: { de: string; en: string }[];
}

/** What a phrase does; the reasons group matches by it. */
type PhraseKind =
  | "denial"
  | "blame"
  | "justification"
  | "contradiction"
  | "apology"
  | "understanding"
  | "ownership"
  | "next_step"
  | "thanks";

/** What a phrase does, and a regular-expression source over folded text (whole words are enforced around it). */
type PhraseRule = [kind: PhraseKind, pattern: string];

interface ToneRule {
  tone: "empathetic" | "defensive";
  kind: PhraseKind;
  pattern: string;
}

const kindWords: Record<PhraseKind, { de: string; en: string }> = {
  denial: { de: "weist Verantwortung zurück", en: "denies responsibility" },
  blame: { de: "gibt anderen die Schuld", en: "blames others" },
  justification: { de: "rechtfertigt sich", en: "justifies itself" },
  contradiction: { de: "widerspricht", en: "contradicts" },
  apology: { de: "entschuldigt sich", en: "apologises" },
  understanding: { de: "zeigt Verständnis", en: "shows understanding" },
  ownership: { de: "übernimmt Verantwortung", en: "takes ownership" },
  next_step: { de: "nennt den nächsten Schritt", en: "names a next step" },
  thanks: { de: "bedankt sich", en: "says thank you" },
};

const apostrophe = "['\u2019]";
// A few words between two parts of a phrase ("weisen die Vorwürfe entschieden zurück").
const someWords = (max: number) => `(?:[\\p{L}\\p{N}]+ ){0,${max}}?`;

const germanDefensive: readonly PhraseRule[] = [
  ["denial", "kein(?:en)? fehler (?:unsererseits|auf unserer seite|von unserer seite|bei uns)"],
  ["denial", "nicht unsere? (?:schuld|fehler|verschulden)"],
  ["denial", "(?:trifft uns keine|uns trifft keine|keine) schuld(?: (?:trifft|tragen) (?:uns|wir))?"],
  ["denial", `(?:weisen|weise) ${someWords(4)}zurueck|zurueckweisen|zurueckgewiesen`],
  ["denial", "(?:haben uns|uns ist) nichts vorzuwerfen"],
  ["denial", "(?:wir bestreiten|bestreiten wir|wir dementieren|dementieren wir)"],
  [
    "denial",
    "(?:liegt nicht (?:an|bei) uns|nicht in unserer verantwortung|ausserhalb unserer verantwortung|(?:sind|ist) (?:dafuer )?nicht (?:zustaendig|verantwortlich))",
  ],
  [
    "denial",
    "(?:wir entschuldigen uns nicht|kein(?:en)? grund (?:zur|fuer eine|fuer) entschuldigung|sehen keinen grund)",
  ],
  ["blame", "sie haetten|haetten sie (?:besser|genauer|doch|eben|halt|einfach)"],
  [
    "blame",
    "(?:selbst|selber) schuld|(?:ihre|ihr) (?:eigene[ns]?|eigenes) (?:schuld|verschulden|fehler)|eigenverschulden",
  ],
  ["blame", "(?<!nicht )(?<!keine )(?<!kein )(?:ihre schuld|ihr fehler|ihr versaeumnis)"],
  ["blame", "(?:der )?fehler liegt (?:bei ihnen|bei ihrer bank|beim kunden|bei der bank)"],
  [
    "blame",
    "liegt (?:an|bei) (?:der|dem|unserem|unserer|ihrer|ihrem) (?:bank|[\\p{L}]*dienstleister|partner|software|post)",
  ],
  ["blame", "schuld (?:ist|sind|hat|haben|traegt|tragen) (?:die|der|das|unsere?[nr]?) [\\p{L}]+"],
  ["blame", "(?:bedienfehler|anwenderfehler|bei richtiger (?:nutzung|bedienung|anwendung))"],
  ["blame", "haben sie (?:denn )?(?:ueberhaupt|eigentlich)"],
  ["blame", "da (?:muessen|sollten) sie sich (?:schon )?(?:an|bei)"],
  [
    "justification",
    "(?:laut|gemaess|nach|siehe) (?:unseren? |den )?(?:agb|(?:allgemeinen )?geschaeftsbedingungen)|in den agb|laut vertrag",
  ],
  ["justification", "wie (?:wir )?(?:bereits|schon) (?:gesagt|erwaehnt|mitgeteilt|erklaert|geschrieben)"],
  [
    "justification",
    "(?:haben|hat) (?:uns )?(?:korrekt|richtig|ordnungsgemaess|vertragsgemaess) (?:verhalten|gehandelt|abgerechnet)|alles richtig gemacht",
  ],
  ["justification", "kann (?:schon )?(?:mal |nun mal |halt |eben )?(?:vorkommen|passieren)"],
  ["justification", "(?:bedauerlicher |absoluter )?einzelfall"],
  [
    "justification",
    "(?:rechtliche|juristische) schritte|behalten uns (?:rechtliche|juristische) schritte vor",
  ],
  [
    "justification",
    "(?:wir )?stehen zu (?:unserer|unserem|der|dem) (?:entscheidung|abrechnung|aussage|vorgehen)",
  ],
  [
    "contradiction",
    "das ist (?:schlicht |einfach |voellig |so )?(?:falsch|unwahr|nicht wahr|gelogen|nicht richtig|nicht korrekt)",
  ],
  ["contradiction", "entspricht nicht (?:der wahrheit|den tatsachen)|trifft nicht zu|unzutreffend"],
  [
    "contradiction",
    "(?:haltlose?n?|unbegruendete?n?|falsche?n?) (?:vorwuerfe|behauptungen|anschuldigungen)|falschbehauptung(?:en)?|unwahre behauptung(?:en)?|fake news",
  ],
  ["contradiction", "(?:voellig|masslos|stark|total|etwas) uebertrieben|sie uebertreiben"],
  [
    "contradiction",
    "(?:wir |ich )?(?:verstehen|verstehe) (?:ehrlich gesagt )?nicht,? (?:warum|wieso|weshalb)",
  ],
];

const englishDefensive: readonly PhraseRule[] = [
  [
    "denial",
    `not (?:our|the company${apostrophe}?s) (?:fault|responsibility|problem|mistake)|no fault of ours`,
  ],
  ["denial", "(?:there (?:is|was) )?no (?:error|mistake|fault) on our (?:side|part|end)"],
  [
    "denial",
    "we (?:firmly |strongly |categorically )?reject(?: (?:these|the|this|all|any) (?:claims?|allegations?|accusations?))?|reject (?:these|the|this|all|any) (?:claims?|allegations?|accusations?)",
  ],
  [
    "denial",
    "we (?:firmly |strongly |categorically )?deny(?: (?:these|the|this|all|any) (?:claims?|allegations?|accusations?|wrongdoing))?|deny (?:these|the|this|all|any) (?:claims?|allegations?|accusations?|wrongdoing)",
  ],
  [
    "denial",
    `(?:we have |we${apostrophe}ve )?nothing to apologi[sz]e for|we (?:will not|won${apostrophe}t|do not|don${apostrophe}t) apologi[sz]e`,
  ],
  ["denial", "(?:did|done) nothing wrong|we are not (?:liable|responsible)|not responsible for"],
  ["denial", "not our responsibility|outside (?:of )?our (?:control|responsibility)|beyond our control"],
  [
    "blame",
    `you should (?:have|${apostrophe}ve)|you should${apostrophe}ve|you ought to have|you could have (?:checked|read)`,
  ],
  [
    "blame",
    `(?:your|the customer${apostrophe}?s) own fault|(?:you have|you${apostrophe}ve) only yourself to blame`,
  ],
  [
    "blame",
    "the (?:error|problem|issue|fault|mistake) (?:is|lies|was) (?:with|on) (?:you|your|the bank|our partner|our provider)",
  ],
  [
    "blame",
    `blame (?:lies|rests) with|it${apostrophe}?s (?:the bank${apostrophe}?s|your bank${apostrophe}?s|their) fault`,
  ],
  ["blame", "(?:if you had|had you) (?:read|checked|followed)|did you (?:even|actually) (?:read|check)"],
  ["blame", "user error|operator error"],
  ["blame", `you(?: are|${apostrophe}re) (?:overreacting|exaggerating)`],
  [
    "justification",
    "(?:per|as per|according to|under) (?:our|the) (?:terms|t&cs|terms and conditions|terms of service|policy)",
  ],
  ["justification", "(?:please )?(?:read|check) (?:our|the) (?:terms|t&cs|faq)"],
  [
    "justification",
    "as (?:we|i) (?:have )?(?:already |previously )?(?:said|stated|explained|mentioned|told you)|as (?:already|previously) (?:stated|said|explained|mentioned)",
  ],
  ["justification", "acted (?:correctly|properly|lawfully|in accordance)"],
  ["justification", "these things (?:can )?happen|mistakes happen|it happens sometimes"],
  ["justification", "(?:an )?isolated (?:case|incident)|one-off"],
  ["justification", "legal (?:action|steps)"],
  ["justification", "(?:we )?stand by (?:our|the|this) (?:decision|statement|billing|policy)"],
  [
    "contradiction",
    `that(?:${apostrophe}s| is) (?:simply |just |completely |totally )?(?:false|untrue|not true|incorrect|wrong|a lie)`,
  ],
  [
    "contradiction",
    "(?:baseless|unfounded|false|groundless) (?:claims?|allegations?|accusations?)|contrary to (?:your|these|the) claims?",
  ],
  ["contradiction", "misinformation|fake news|misleading (?:claims?|statements?|posts?)"],
  ["contradiction", `(?:we|i) (?:do not|don${apostrophe}t) (?:understand|see) (?:why|how)`],
];

const germanEmpathetic: readonly PhraseRule[] = [
  ["apology", "(?:es )?tut (?:uns|mir) (?:sehr |wirklich |aufrichtig |ausserordentlich |so )?leid"],
  ["apology", "entschuldig(?:en|e|t|ung|ungen)(?: sie)?"],
  ["apology", "(?:wir |ich )?(?:bedauern|bedaure|bedauert)(?: (?:sehr|zutiefst|das|den|die))?"],
  ["apology", "sorry"],
  [
    "understanding",
    "(?:wir |ich )?(?:koennen |kann )?(?:gut |sehr gut |voll und ganz |absolut )?(?:verstehen|verstehe|nachvollziehen)(?: (?:ihren|ihre|ihr|den|die|das) (?:aerger|frust|frustration|unmut|enttaeuschung|sorgen?|verunsicherung))?",
  ],
  ["understanding", "(?<!kein )(?<!keinerlei )verstaendnis|verstaendlich|nachvollziehbar"],
  [
    "understanding",
    "(?:ist|waere|sehr|wirklich|natuerlich|absolut) (?:sehr |wirklich |natuerlich |absolut )?aergerlich",
  ],
  ["understanding", "nicht ihre schuld|nicht ihr fehler"],
  [
    "ownership",
    "(?<!nicht )(?<!kein )unser fehler|(?:uns|mir) ist ein fehler (?:unterlaufen|passiert)|(?:haben|hatten) (?:einen |den )?fehler gemacht",
  ],
  ["ownership", "(?:wir )?kuemmern uns|kuemmere mich"],
  ["ownership", "(?:wir )?(?:sind|bin) (?:schon |bereits )?dran|mit hochdruck|hoechste prioritaet"],
  [
    "ownership",
    "(?:wir )?klaeren (?:das|den fall|es)|(?:eine )?loesung (?:finden|suchen)|arbeiten an einer loesung",
  ],
  [
    "next_step",
    "(?:wir )?melden uns|melde mich|(?:wir )?(?:halten|informieren) sie (?:auf dem laufenden|informiert)?",
  ],
  [
    "next_step",
    "(?:wir )?pruefen (?:das|den fall|ihren fall|es)|(?:schauen|sehen) uns (?:das|den fall) (?:sofort |umgehend |gleich )?an",
  ],
  ["next_step", "(?:zurueck)?erstatten|(?:rueck)?erstattung|zurueckueberweisen|gutschrift|gutschreiben"],
  [
    "next_step",
    "per (?:direkt|privat)nachricht|per dm|(?:schreiben|schicken|senden) sie uns|melden sie sich (?:gern|gerne)",
  ],
  ["next_step", "(?:wir )?helfen ihnen|(?:gern|gerne) (?:helfen|weiter)"],
  [
    "thanks",
    "dank(?:e|en)? (?:ihnen )?(?:fuer|fur) (?:ihren|ihre|den|die|das|diesen) (?:hinweis|geduld|nachricht|rueckmeldung|meldung|feedback)",
  ],
  ["thanks", "(?:vielen|herzlichen|besten) dank|bedanken uns"],
  ["understanding", "(?:wir )?nehmen (?:das|es|ihre beschwerde|ihr anliegen|ihre kritik) (?:sehr )?ernst"],
  ["understanding", "(?:wir )?sind (?:jederzeit )?fuer sie da"],
  ["ownership", "(?:das )?haette nicht passieren (?:duerfen|sollen)"],
  ["ownership", "(?:wir )?(?:bringen|machen) das (?:wieder )?(?:in ordnung|gut)"],
  ["ownership", "(?:wir )?haben (?:das|den fehler|es) (?:bereits )?(?:behoben|korrigiert|beseitigt)"],
  ["next_step", "so schnell wie moeglich|schnellstmoeglich|umgehend|noch heute"],
  [
    "thanks",
    "danke fuer ihre offenen worte|danke,? dass sie (?:uns )?(?:informiert|geschrieben|bescheid gegeben)",
  ],
];

const englishEmpathetic: readonly PhraseRule[] = [
  ["apology", `(?:(?:we are|we${apostrophe}re|i${apostrophe}m|i am) )?(?:so |very |truly |really )?sorry`],
  ["apology", "(?:we |i )?(?:sincerely )?apologi[sz]e|apolog(?:y|ies)"],
  ["apology", "we regret|regret (?:the|any|this)"],
  [
    "understanding",
    "(?:we|i) (?:fully |completely |totally )?understand|understandable|(?:we|i) can (?:see|imagine)|(?:we|i) hear you",
  ],
  [
    "understanding",
    "(?:is|must be|sounds) (?:really |very |so |incredibly )?(?:frustrating|annoying|upsetting|stressful)|your frustration",
  ],
  ["understanding", `(?:not|isn${apostrophe}t) your fault`],
  ["understanding", "(?:we|i) take (?:this|your concerns?|it) seriously|we appreciate (?:your|you)"],
  ["ownership", "(?<!not )(?<!no )our (?:mistake|fault|error)|my (?:mistake|bad)"],
  [
    "ownership",
    `we (?:have )?made a mistake|we got (?:this|it|that) wrong|we messed up|that(?:${apostrophe}s| is) on us`,
  ],
  ["ownership", `(?:this|that) (?:should not|shouldn${apostrophe}t) have happened`],
  [
    "ownership",
    `we(?: are|${apostrophe}re) on it|(?:we|i)(?: are|${apostrophe}re| am|${apostrophe}m) (?:looking into|checking|investigating|working on)`,
  ],
  ["ownership", "(?:top|highest) priority"],
  [
    "next_step",
    `(?:we|i)(?: will|${apostrophe}ll) (?:get back to you|refund|fix|sort|correct|reimburse|resolve|make (?:this|it) right|look into|investigate|check|contact)|get back to you`,
  ],
  ["next_step", "refund(?:s|ed|ing)?|reimburs(?:e|ed|ement|ing)"],
  [
    "next_step",
    "(?:please )?(?:send|dm|message) us|via (?:dm|direct message|private message)|direct message",
  ],
  ["next_step", "keep you (?:posted|updated|informed)|look(?:ing)? into (?:this|it|your)"],
  ["next_step", `(?:(?:we|i)(?:${apostrophe}d| would) (?:be happy|love) to help)|happy to help|here to help`],
  [
    "thanks",
    "thank(?:s| you) for (?:letting us know|flagging|your patience|reaching out|your message|raising|telling us|bringing|the heads up)",
  ],
  ["understanding", `(?:we${apostrophe}re|we are) here for you|we hear your (?:frustration|concerns?)`],
  ["ownership", "we take (?:full )?responsibility|we own (?:this|that|it)"],
  ["ownership", `we(?:${apostrophe}ve| have) (?:now |already )?(?:fixed|corrected|resolved)`],
  ["next_step", "as soon as (?:possible|we can)|right away|today"],
  ["next_step", `(?:we|i)(?: will|${apostrophe}ll) (?:personally )?(?:follow up|call you|reach out)`],
  [
    "thanks",
    `(?:we|i) (?:really )?appreciate (?:it|this|the feedback)|(?:we${apostrophe}re|we are) grateful`,
  ],
  ["thanks", "thanks for your (?:patience|feedback|understanding)"],
];

interface CompiledRule extends ToneRule {
  regex: RegExp;
}

// Whole words: no letter or digit right before or after the phrase.
const compile = (tone: ToneRule["tone"], rules: readonly PhraseRule[]): CompiledRule[] =>
  rules.map(([kind, pattern]) => ({
    tone,
    kind,
    pattern,
    regex: new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, "gu"),
  }));

const lexicons = {
  de: [...compile("defensive", germanDefensive), ...compile("empathetic", germanEmpathetic)],
  en: [...compile("defensive", englishDefensive), ...compile("empathetic", englishEmpathetic)],
};

/** How many phrase rules each lexicon holds, by tone (for the docs and the tests). */
export const toneLexiconSize = {
  de: { defensive: germanDefensive.length, empathetic: germanEmpathetic.length },
  en: { defensive: englishDefensive.length, empathetic: englishEmpathetic.length },
};

/** The risk engine's categories that make a reply hostile, with how the reasons name them. */
const hostileFlags: Record<string, { de: string; en: string }> = {
  toxic: { de: "beleidigend", en: "insulting" },
  threat: { de: "drohend", en: "threatening" },
  hate: { de: "Hassrede", en: "hate speech" },
};

interface Match {
  rule: CompiledRule;
  start: number;
  end: number;
  /** 0 for the exercise language's lexicon, 1 for the other. */
  order: number;
}

function findMatches(text: string, lang: "de" | "en"): Match[] {
  const folded = foldVisibleText(prepareVisibleText(text));
  const found: Match[] = [];
  const languages: ("de" | "en")[] = lang === "de" ? ["de", "en"] : ["en", "de"];
  languages.forEach((language, order) => {
    for (const rule of lexicons[language]) {
      rule.regex.lastIndex = 0;
      for (let m = rule.regex.exec(folded.text); m !== null; m = rule.regex.exec(folded.text)) {
        if (m[0].length === 0) {
          rule.regex.lastIndex += 1;
          continue;
        }
        const span = folded.toOriginalSpan(m.index, m.index + m[0].length);
        found.push({ rule, start: span.start, end: span.end, order });
      }
    }
  });
  return found;
}

/** Keeps matches that do not overlap: longer first, then defensive, then the exercise language's. */
function withoutOverlaps(matches: Match[]): Match[] {
  const ranked = [...matches].sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(b.rule.tone === "defensive") - Number(a.rule.tone === "defensive") ||
      a.order - b.order ||
      a.start - b.start,
  );
  const kept: Match[] = [];
  for (const match of ranked) {
    if (kept.some((k) => match.start < k.end && k.start < match.end)) continue;
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

const quote = {
  de: (phrase: string) => `„${phrase}“`,
  en: (phrase: string) => `"${phrase}"`,
};

/** One reason per kind of phrase found: "entschuldigt sich: „Es tut uns leid“". */
function reasonsFor(spans: ToneSpan[], kinds: PhraseKind[]): { de: string; en: string }[] {
  const byKind = new Map<PhraseKind, string[]>();
  spans.forEach((span, i) => {
    const kind = kinds[i] as PhraseKind;
    const phrases = byKind.get(kind) ?? [];
    if (!phrases.includes(span.phrase)) phrases.push(span.phrase);
    byKind.set(kind, phrases);
  });
  return [...byKind].map(([kind, phrases]) => ({
    de: `${kindWords[kind].de}: ${phrases.map(quote.de).join(", ")}`,
    en: `${kindWords[kind].en}: ${phrases.map(quote.en).join(", ")}`,
  }));
}

/**
 * Judges the tone of a reply. Hostile when the risk engine flagged it as toxic, threatening or hate
 * (`riskFlags`); else defensive when any defensive phrase occurs (defensiveness outweighs polite words:
 * "Sorry, but that is not our fault" is defensive); else empathetic when any empathetic phrase occurs;
 * else neutral. The reasons name the matched phrases in German and English.
 */
export function judgeTone(text: string, lang: "de" | "en", riskFlags: readonly string[]): ToneJudgement {
  const matches = withoutOverlaps(findMatches(text, lang));
  const spans: ToneSpan[] = matches.map((m) => ({
    start: m.start,
    end: m.end,
    tone: m.rule.tone,
    phrase: text.slice(m.start, m.end),
  }));
  const kinds = matches.map((m) => m.rule.kind);
  const pick = (tone: ToneSpan["tone"]) => ({
    spans: spans.filter((s) => s.tone === tone),
    kinds: kinds.filter((_, i) => spans[i]?.tone === tone),
  });
  const defensive = pick("defensive");
  const empathetic = pick("empathetic");

  const hostile = riskFlags.filter((flag) => Object.hasOwn(hostileFlags, flag));
  if (hostile.length > 0) {
    const names = hostile.map((flag) => hostileFlags[flag] as { de: string; en: string });
    return {
      tone: "hostile",
      spans,
      reasons: [
        {
          de: `Die Risikoprüfung stuft die Antwort als ${names.map((n) => n.de).join(", ")} ein`,
          en: `The risk check rates the reply as ${names.map((n) => n.en).join(", ")}`,
        },
        ...reasonsFor(defensive.spans, defensive.kinds),
      ],
    };
  }
  if (defensive.spans.length > 0) {
    const reasons = reasonsFor(defensive.spans, defensive.kinds);
    if (empathetic.spans.length > 0) {
      const polite = empathetic.spans.map((s) => s.phrase);
      reasons.push({
        de: `Höfliche Worte (${polite.map(quote.de).join(", ")}) gleichen die Abwehr nicht aus`,
        en: `Polite words (${polite.map(quote.en).join(", ")}) do not make up for the defensiveness`,
      });
    }
    return { tone: "defensive", spans, reasons };
  }
  if (empathetic.spans.length > 0) {
    return { tone: "empathetic", spans, reasons: reasonsFor(empathetic.spans, empathetic.kinds) };
  }
  return {
    tone: "neutral",
    spans,
    reasons: [
      text.trim() === ""
        ? { de: "Kein Text", en: "No text" }
        : {
            de: "Weder Entschuldigung, Verständnis oder nächster Schritt noch Abwehr erkannt",
            en: "No apology, understanding or next step, and no defensiveness found",
          },
    ],
  };
}
