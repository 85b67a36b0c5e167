import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, type PreparedPost, preparedFor } from "./detect-context.ts";
import { findPhrases, indexOrg } from "./org-index.ts";
import {
  compilePhraseRules,
  matchesToSpans,
  type PhraseRule,
  spanOf,
  toResult,
  type WeightedSpan,
} from "./scoring.ts";

/** The four chances a post can hold, each scored like a risk. */
export interface OpportunityResults {
  opportunity_question: RiskResult;
  opportunity_praise: RiskResult;
  opportunity_lead: RiskResult;
  opportunity_recruiting: RiskResult;
}

/** Reason codes of `detectOpportunities`. */
export type OpportunityReason =
  | "question.mark"
  | "question.phrase"
  | "question.addressed"
  | "praise.phrase"
  | "praise.emoji"
  | "lead.switch_intent"
  | "lead.price_question"
  | "lead.search"
  | "recruiting.application"
  | "recruiting.job_interest";

// Folded text (lowercase, ä→ae, ß→ss). A question word counts at the start of a sentence or clause, which
// the first rule checks behind the match, so its span is the word and not the separator before it.
const questionRules: readonly PhraseRule[] = [
  {
    reason: "question.phrase",
    pattern:
      "(?<=^|[.!?,;:\\n] ?)(?:wie|was|wann|wo|warum|wieso|weshalb|wer|welche[rsmn]?|kann|koennt|koennen|koennte|gibt es|habt ihr|haben sie|ist|sind|muss|darf|how|what|when|where|why|who|which|can|could|do|does|did|is|are|will|would|should)\\b",
    weight: 0.35,
  },
  {
    reason: "question.phrase",
    pattern:
      "\\b(?:wie kann ich|wie komme ich|wo finde ich|weiss jemand|kann mir (?:jemand|einer)|koennt ihr mir|koennen sie mir|hat jemand|does anyone know|anyone know|any recommendations|any tips|irgendwelche tipps|habt ihr tipps|empfehlungen\\?|can (?:you|someone|anyone) help|how do i|how can i|where can i|is there a way)\\b",
    weight: 0.5,
  },
];
const praiseRules: readonly PhraseRule[] = [
  // Words that praise on their own: a recommendation, an explicit "Lob", admiration.
  {
    reason: "praise.phrase",
    pattern:
      "\\b(?:grosses lob|dickes lob|ein lob|lob an|kann (?:ich|man) (?:nur )?empfehlen|sehr zu empfehlen|empfehlenswert|weiterempfehlen|begeistert|hervorragend|ausgezeichnet|grossartig|genial|daumen hoch|vorbildlich|positiv ueberrascht|sehr zufrieden|rundum zufrieden|kudos|shout[- ]?out|well done|impressed|excellent|fantastic|amazing|awesome|brilliant|highly recommend|(?:would|can|could) (?:highly |definitely |totally )?recommend|hats off|top notch|great job)\\b",
    weight: 0.6,
  },
  // Words that praise together: one alone is often a polite "danke" or an ironic "toll".
  {
    reason: "praise.phrase",
    pattern:
      "\\b(?:danke|dankeschoen|vielen dank|herzlichen dank|super|toll|top|klasse|spitze|wunderbar|perfekt|zufrieden|empfehlen|lob|bester|beste|liebe es|lieben es|thanks|thank you|thx|great|love|loving|recommend|best)\\b",
    weight: 0.45,
  },
  { reason: "praise.emoji", pattern: "👍|❤|😍|🥰|🙏|👏|💯|⭐|🤩", weight: 0.25 },
];
// Negated or sarcastic praise: "danke für nichts", "nicht gut", "na toll", "super gemacht 🙄".
const sarcasm =
  /\b(?:danke fuer nichts|thanks for nothing|na toll|na super|ganz toll|echt toll|wie toll|super gemacht|toll gemacht|great job guys|yeah right|not great|nicht (?:so )?(?:gut|toll|super|zufrieden)|kein (?:lob|dank)|alles andere als)\b|🙄|😒|😡|🤬|\/s\b|#ironie|#sarkasmus/;
const praiseNegation = /\b(?:nicht|kein|keine|nie|never|not|no|isn't|wasn't|don't)\s+(?:\w+\s+)?$/;
const leadRules: readonly PhraseRule[] = [
  {
    reason: "lead.switch_intent",
    pattern:
      "\\b(?:will|moechte|moechten|wuerde gern|wuerde gerne|ueberlege|plane|denke darueber nach)(?: \\w+){0,4}? (?:wechseln|abschliessen|bestellen|kaufen|buchen|kunde werden|umsteigen)\\b|\\b(?:wechsel|wechsle) (?:zu|von)\\b|\\b(?:want|wanna|planning|thinking (?:about|of)|looking) (?:to )?(?:buy|switch|sign up|subscribe|order|upgrade|switching|buying|signing up)\\b|\\binteresse an (?:einem|einer|eurem|eurer|ihrem|ihrer|dem|der)\\b",
    weight: 0.6,
  },
  {
    reason: "lead.price_question",
    pattern:
      "\\b(?:wie ?viel kostet|was kostet|was kosten|preis fuer|preise fuer|kosten fuer|angebot fuer|how much (?:is|does|for|are)|what does (?:it|the \\w+) cost|pricing for|price (?:of|for))\\b",
    weight: 0.55,
  },
  {
    reason: "lead.search",
    pattern:
      "\\b(?:suche|suchen|brauche|brauchen) (?:einen |eine |ein |nach einem |nach einer |dringend )?(?:\\w+ )?(?:tarif|vertrag|anbieter|handyvertrag|mobilfunkvertrag|internetanschluss|angebot|provider|handy|smartphone|tarifwechsel)\\b|\\blooking for (?:a |an )?(?:new |good |cheap |better )?(?:provider|plan|contract|tariff|carrier|deal|offer|phone)\\b|\\b(?:any|good) (?:recommendations|deals) for\\b|\\bwo kann ich (?:\\w+ ){0,3}?(?:kaufen|bestellen|abschliessen)\\b|\\bwhere can i (?:buy|get|order)\\b",
    weight: 0.55,
  },
];
const recruitingRules: readonly PhraseRule[] = [
  {
    reason: "recruiting.application",
    pattern:
      "\\b(?:bewerbung|bewerben|beworben|bewerbe|initiativbewerbung|ausbildungsplatz|ausbildungsstelle|praktikumsplatz|praktikum|werkstudent\\w*|trainee\\w*|duales studium|stellenangebot\\w*|stellenanzeige\\w*|offene stellen?|freie stellen?|internship|apprenticeship|job application|applied (?:for|to)|apply (?:for|to)|are you hiring|seid ihr am einstellen|stellt ihr (?:noch )?ein|sucht ihr (?:noch )?(?:leute|mitarbeiter|personal|azubis))\\b",
    weight: 0.6,
  },
  {
    reason: "recruiting.job_interest",
    pattern:
      "\\b(?:arbeiten bei|arbeiten fuer|job bei|jobs bei|karriere bei|ausbildung (?:bei|als|zum|zur)|work (?:for|at) (?:you|your)|job (?:at|with) (?:you|your)|career(?:s)? (?:at|with)|hiring|job opening|open positions?|vacanc(?:y|ies))\\b|\\b(?:karriere|career|jobs?)\\b",
    weight: 0.35,
  },
];

const matchQuestion = compilePhraseRules(questionRules);
const matchPraise = compilePhraseRules(praiseRules);
const matchLead = compilePhraseRules(leadRules);
const matchRecruiting = compilePhraseRules(recruitingRules);
const addressee = /\b(?:ihr|euch|eure|euer|sie|ihnen|you|your)\b/;

/**
 * The chances in a post (Chancen: Kundendialog, Image, Recruiting): a question to the company,
 * praise (not when negated or sarcastic), purchase intent (a lead) and job interest.
 */
export function detectOpportunities(text: string, ctx: DetectContext): OpportunityResults {
  const prepared = preparedFor(text, ctx);
  return {
    opportunity_question: detectQuestion(prepared, ctx),
    opportunity_praise: detectPraise(prepared, ctx),
    opportunity_lead: toResult(
      matchesToSpans(matchLead(prepared.folded.text, prepared.words), prepared.folded),
    ),
    opportunity_recruiting: toResult(
      matchesToSpans(matchRecruiting(prepared.folded.text, prepared.words), prepared.folded),
    ),
  };
}

function detectQuestion(prepared: PreparedPost, ctx: DetectContext): ReturnType<typeof toResult> {
  const folded = prepared.folded;
  const text = folded.text;
  const found: WeightedSpan[] = matchesToSpans(matchQuestion(text, prepared.words), folded);
  const hasQuestionMark = text.includes("?");
  if (hasQuestionMark) {
    const at = text.indexOf("?");
    found.push(spanOf(folded, at, at + 1, "question.mark", 0.3));
    const org = indexOrg(ctx.org);
    const named = findPhrases(prepared.words, org.names);
    const first = named[0];
    if (first) {
      const word = prepared.words[first.first];
      const last = prepared.words[first.end - 1];
      if (word && last) {
        found.push(spanOf(folded, word.start, last.end, "question.addressed", 0.4, first.phrase.term));
      }
    } else {
      // Addressed as "ihr", "Sie" or "you": the span is that word, not the question mark again.
      const pronoun = addressee.exec(text);
      if (pronoun)
        found.push(
          spanOf(folded, pronoun.index, pronoun.index + pronoun[0].length, "question.addressed", 0.2),
        );
    }
  } else {
    // Without a question mark only the explicit phrases ("wie kann ich …") count, and less.
    for (const span of found)
      span.weight = span.reason === "question.phrase" && span.weight >= 0.5 ? 0.5 : 0.1;
  }
  return toResult(found);
}

function detectPraise(prepared: PreparedPost, _ctx: DetectContext): ReturnType<typeof toResult> {
  const folded = prepared.folded;
  const text = folded.text;
  const praised = matchPraise(text, prepared.words);
  // Most posts praise nothing; only those that do are checked for sarcasm.
  if (praised.length === 0 || sarcasm.test(text)) return toResult([]);
  const matches = praised.filter(
    (match) => !praiseNegation.test(text.slice(Math.max(0, match.start - 24), match.start)),
  );
  const found = matchesToSpans(matches, folded);
  // Two distinct praise words make a clear compliment; one is often a polite "danke".
  if (found.filter((span) => span.reason === "praise.phrase").length >= 2) {
    for (const span of found) if (span.reason === "praise.phrase") span.weight = 0.6;
  }
  return toResult(found);
}
