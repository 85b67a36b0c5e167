import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import {
  compilePhraseRules,
  matchesToSpans,
  type PhraseRule,
  spanOf,
  toResult,
  type WeightedSpan,
} from "./scoring.ts";

/** Reason codes of `detectScam`. */
export type ScamReason =
  | "scam.giveaway"
  | "scam.prize_claim"
  | "scam.crypto"
  | "scam.crypto_doubling"
  | "scam.seed_phrase"
  | "scam.investment_promise"
  | "scam.private_channel"
  | "scam.compensation_claim"
  | "scam.account_verification"
  | "scam.data_request"
  | "scam.urgency"
  | "scam.money_amount"
  | "scam.link";

// Folded text (lowercase, ä→ae, ß→ss). Each rule starts with a literal word; gaps are bounded.
// Weights are chosen so that one weak signal stays below 0.5 and a pattern with a lure plus a
// channel or link passes: a brand's own "Gewinnspiel" post is not a scam, "Du hast gewonnen,
// schreib mir per WhatsApp" is.
const scamRules: readonly PhraseRule[] = [
  {
    reason: "scam.giveaway",
    pattern: "\\b(?:gewinnspiel|giveaway|verlosung|verlosen|wir verschenken|ich verschenke)\\w*",
    weight: 0.3,
  },
  {
    reason: "scam.giveaway",
    pattern:
      "\\b(?:gratis|kostenlos(?:e|es|en)?|umsonst|free)(?: \\w+){0,2}? (?:iphone|ipad|samsung|playstation|ps5|xbox|gutschein|gutscheine|voucher|gift ?card|amazon|handy|smartphone|laptop|macbook)\\b",
    weight: 0.45,
  },
  {
    reason: "scam.prize_claim",
    pattern:
      "\\b(?:du hast|sie haben|ihr habt|you(?: have|'ve)?) (?:\\w+ ){0,2}?(?:gewonnen|won|been selected|wurden ausgewaehlt|wurdest ausgewaehlt)\\b|\\b(?:gewinn|preis|praemie|prize|reward)(?:e|s)? (?:abholen|einloesen|beanspruchen|sichern|claim(?:en)?)\\b|\\bclaim (?:your|the) (?:prize|reward|gift|bonus|airdrop)\\b|\\b(?:congratulations|herzlichen glueckwunsch)\\b",
    weight: 0.45,
  },
  {
    reason: "scam.crypto",
    pattern:
      "\\b(?:bitcoin|btc|ethereum|eth|usdt|tether|crypto|krypto|kryptowaehrung|cryptocurrency|binance|coinbase|airdrop|nft|dogecoin|solana)\\b",
    weight: 0.25,
  },
  {
    reason: "scam.crypto_doubling",
    pattern:
      "\\b(?:verdoppel|verdreifach|double|triple)\\w*(?: \\w+){0,3}? (?:bitcoin|btc|eth|crypto|krypto|geld|money|einsatz|investment|investition|coins?)\\b|\\bsend (?:\\w+ ){0,3}?(?:get|receive) (?:\\w+ ){0,2}?back\\b|\\b(?:schick|sende|sendet)\\w*(?: [\\w.,]+){0,4}? (?:zurueck|doppelt)\\b",
    weight: 0.75,
  },
  {
    reason: "scam.seed_phrase",
    pattern:
      "\\b(?:seed ?phrase|seed-phrase|recovery phrase|wiederherstellungsphrase|wallet ?phrase|private key|privater schluessel|12 woerter|24 woerter|12 words|24 words)\\b",
    weight: 0.7,
  },
  {
    reason: "scam.investment_promise",
    pattern:
      "\\b(?:passives? einkommen|garantierte? (?:rendite|gewinne?)|guaranteed (?:profit|return|income)s?|risikolos(?:e|er|en)? (?:gewinn|rendite|investment)|risk-? ?free (?:profit|investment|return)|(?:rendite|gewinn|profit|return|returns|zinsen|interest) (?:von |of )?\\d{2,4} ?%)",
    weight: 0.6,
  },
  {
    reason: "scam.private_channel",
    pattern:
      "\\b(?:schreib|schreibe|schreibt|schreiben sie|kontaktier|kontaktiere|kontaktieren sie|melde dich|meldet euch|melden sie sich|add)(?: \\w+){0,3}? (?:dm|pn|privatnachricht|direktnachricht|whatsapp|telegram|signal|wickr|snapchat)\\b|\\b(?:dm|pm|inbox|text|message) (?:me|us)\\b|\\b(?:whatsapp|telegram)(?: me| us)? (?:on |at |unter |an )?\\+?\\d",
    weight: 0.35,
  },
  {
    reason: "scam.private_channel",
    pattern:
      "\\b(?:per|via|ueber|in die|into my|in my|on) (?:dm|dms|pn|privatnachricht|direktnachricht|whatsapp|telegram|inbox)\\b",
    weight: 0.3,
  },
  {
    reason: "scam.compensation_claim",
    pattern:
      "\\b(?:entschaedigung|erstattung|rueckerstattung|ausgleichszahlung|gutschrift|compensation|refund|reimbursement)(?:en)? (?:\\w+ ){0,3}?(?:beantragen|anfordern|sichern|abholen|erhalten|bekommen|claim(?:en)?|request|apply)\\b|\\b(?:claim|request|apply for|beantrage|beantragt|fordere|fordert|sichere|sichert) (?:\\w+ ){0,2}?(?:entschaedigung|erstattung|rueckerstattung|compensation|refund)\\b",
    weight: 0.4,
  },
  {
    reason: "scam.account_verification",
    pattern:
      "\\b(?:verify|confirm|bestaetige|bestaetigen sie|verifiziere|verifizieren sie)(?: \\w+){0,2}? (?:account|konto|identity|identitaet|daten|details|zahlungsdaten)\\b|\\b(?:account|konto|zugang)(?: \\w+){0,2}? (?:suspended|locked|gesperrt|eingeschraenkt|deaktiviert|will be closed|wird geschlossen)\\b",
    weight: 0.45,
  },
  {
    reason: "scam.data_request",
    pattern:
      "\\b(?:schick|schicke|schickt|sende|sendet|senden sie|gib|gebt|nenn|nenne|send|give|share|enter|gib)(?: \\w+){0,3}? (?:kundennummer|passwort|pin|tan|iban|kreditkarte|kartennummer|zugangsdaten|logindaten|password|card (?:number|details)|credentials|bankdaten|bank details|cvv|cvc)\\b",
    weight: 0.55,
  },
  {
    reason: "scam.urgency",
    pattern:
      "\\b(?:nur heute|nur noch heute|sofort|schnell sein|letzte chance|innerhalb von \\d+ (?:stunden|minuten)|begrenzt|limited (?:time|offer)|act (?:now|fast)|hurry|urgent|dringend|expires? (?:today|soon)|last chance|only today|first \\d+)\\b",
    weight: 0.15,
  },
];
const matchScam = compilePhraseRules(scamRules);
// Money amounts ("500 €", "$1,000", "0,5 BTC") only add to a lure, so they are looked for only then.
const moneyAmount =
  /(?:[$€£]\s?\d[\d.,]{0,12}|\b\d[\d.,]{0,12}\s?(?:€|\$|eur|euro|usd|dollar|btc|eth|usdt)\b)/g;

/**
 * `scam`: giveaway, crypto, investment and fake-support fraud in German and English — lures
 * (Gewinnspiel, gewonnen, verdoppeln, Seed-Phrase), requests to move to DM/WhatsApp or to send
 * data, "Entschädigung beantragen", urgency and money amounts, and links (stronger when
 * `ctx.linkRisk` says the link itself is bad).
 */
export function detectScam(text: string, ctx: DetectContext): RiskResult {
  return detectScamWithLinkRisk(text, ctx, ctx.linkRisk);
}

/** `detectScam` with the post's `malicious_link` result passed apart from the context (no copy of it). */
export function detectScamWithLinkRisk(
  text: string,
  ctx: DetectContext,
  linkRisk: RiskResult | undefined,
): RiskResult {
  const prepared = preparedFor(text, ctx);
  const folded = prepared.folded;
  const found: WeightedSpan[] = matchesToSpans(matchScam(folded.text, prepared.words), folded);
  if (found.length === 0) return toResult(found);
  moneyAmount.lastIndex = 0;
  for (let match = moneyAmount.exec(folded.text); match !== null; match = moneyAmount.exec(folded.text)) {
    found.push(spanOf(folded, match.index, match.index + match[0].length, "scam.money_amount", 0.15));
  }
  // A link or a bad link completes a lure; on its own it is not a scam.
  const linkWeight = Math.max(prepared.links.length > 0 ? 0.15 : 0, (linkRisk?.score ?? 0) * 0.8);
  if (linkWeight > 0) {
    for (const link of prepared.links)
      found.push({ start: link.start, end: link.end, reason: "scam.link", weight: linkWeight });
  }
  // The organisation's own giveaway posts are campaigns, not scams.
  if (ctx.direction === "outgoing") for (const span of found) span.weight *= 0.5;
  return toResult(found);
}
