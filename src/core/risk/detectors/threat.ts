import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import {
  compilePhraseRules,
  matchesToSpans,
  type PhraseRule,
  toResult,
  type WeightedSpan,
} from "./scoring.ts";

/** Reason codes of `detectThreat`. */
export type ThreatReason =
  | "threat.kill"
  | "threat.violence"
  | "threat.arson"
  | "threat.explosive"
  | "threat.doxxing"
  | "threat.incitement"
  | "threat.intimidation"
  | "threat.weapon_word";

// Folded text. The strong rules need a speaker (ich/wir/I/we) and a target in the second or third
// person (dich, euch, you, them, den Laden …): "das bringt mich um" has neither and stays silent.
const person = "(?:dich|euch|sie|ihn|jeden|alle|euch alle|you|u|ya|him|her|them|y'all|everyone|you all)";
const target =
  "(?:dich|euch|sie|ihn|den|die|deine|eure|ihre|jeden|alle|you|u|ya|him|her|them|your|y'all|everyone)";
const threatRules: readonly PhraseRule[] = [
  {
    reason: "threat.kill",
    pattern: `\\b(?:ich|wir)(?: \\w+){0,2}? (?:bring|bringe|bringen|mach|mache|machen|leg|lege|legen) ${person}(?: \\w+){0,3}? (?:um|kalt)\\b|\\b(?:ich|wir)(?: \\w+){0,2}? (?:knall|knalle|knallen|stech|steche|stechen) ${person}(?: \\w+){0,3}? ab\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:ich|wir) (?:werde|werden|will|wollen|sollte|muesste)(?: \\w+){0,2}? ${person}(?: \\w+){0,3}? (?:umbringen|toeten|abstechen|erschiessen|abknallen|erwuergen|aufschlitzen|kaltmachen|umlegen|hinrichten|vergasen|aufhaengen|erstechen)\\b`,
    weight: 0.9,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:i|we)(?:'ll| will|'m going to| am going to| are going to|'re going to| gonna| want to| wanna)(?: \\w+){0,2}? (?:kill|murder|shoot|stab|strangle|hang|behead|execute|slaughter) ${person}\\b`,
    weight: 0.9,
  },
  // German puts the verb second after a clause or an adverb: "(Wenn ich dich erwische,) schlag ich dich tot",
  // "dann bringen wir euch um". The verb comes first, the speaker right after it.
  {
    reason: "threat.kill",
    pattern: `\\b(?:schlag|schlage|schlagen|pruegel|pruegle|pruegeln|tret|trete|treten|hau|haue|hauen) (?:ich|wir) ${person}(?: \\w+){0,3}? tot\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:bring|bringe|bringen|leg|lege|legen) (?:ich|wir) ${person}(?: \\w+){0,3}? um\\b|\\b(?:mach|mache|machen) (?:ich|wir) ${person}(?: \\w+){0,3}? kalt\\b|\\b(?:knall|knalle|knallen|stech|steche|stechen) (?:ich|wir) ${person}(?: \\w+){0,3}? ab\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:ich|wir)(?: \\w+){0,2}? (?:schlag|schlage|schlagen|pruegel|pruegle|pruegeln|tret|trete|treten|hau|haue|hauen) ${person}(?: \\w+){0,3}? tot\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.violence",
    pattern: `\\b(?:ich|wir)(?: \\w+){0,2}? (?:schlag|schlage|schlagen|pruegel|pruegle|pruegeln|tret|trete|treten|hau|haue|hauen) ${person}(?: \\w+){0,3}? (?:zusammen|krankenhausreif|windelweich|gruen und blau)\\b`,
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern: `\\b(?:schlag|schlage|schlagen|pruegel|pruegle|pruegeln|tret|trete|treten|hau|haue|hauen) (?:ich|wir) ${person}(?: \\w+){0,3}? (?:zusammen|krankenhausreif|windelweich|gruen und blau)\\b`,
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern:
      "\\b(?:brech|breche|brechen) (?:ich|wir)(?: \\w+){0,2}? (?:die|das|den) (?:beine|arme|knochen|genick|hals|nase|kiefer)\\b|\\b(?:ich|wir) (?:brech|breche|brechen) (?:dir|euch|ihm|ihr|ihnen|dem|der|den)(?: \\w+){0,2}? (?:die|das|den) (?:beine|arme|knochen|genick|hals|nase|kiefer)\\b|\\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| gonna)(?: \\w+){0,2}? break (?:your|his|her|their|ur)(?: \\w+)? (?:legs|arms|neck|bones|face|jaw|nose)\\b",
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern:
      "\\b(?:polier|poliere|polieren|hau|haue|hauen|schlag|schlage|schlagen) (?:ich |wir )?(?:dir|euch|ihm|ihnen)(?: \\w+){0,2}? (?:die fresse|eine rein|aufs maul|in die fresse|die zaehne aus)\\b",
    weight: 0.7,
  },
  {
    reason: "threat.kill",
    pattern:
      "\\b(?:du bist|ihr seid|sie sind) (?:so gut wie |bald |schon )?(?:tot|geliefert)\\b|\\byou(?:'re| are) (?:so )?(?:dead|a dead man|done for)\\b|\\bdead man walking\\b|\\b(?:kill|murder) (?:you|u|ya|yourself)\\b|\\bkys\\b|\\bverreck\\w*\\b",
    weight: 0.6,
  },
  {
    reason: "threat.violence",
    pattern: `\\b(?:ich|wir) (?:werde|werden|will|wollen)(?: \\w+){0,2}? ${target}(?: \\w+){0,3}? (?:verpruegeln|schlagen|zusammenschlagen|fertigmachen|weh tun|wehtun|finden|holen|kriegen|besuchen)\\b|\\b(?:wir|ich) (?:kriegen|kriege|finden|finde|holen|hole) (?:dich|euch|sie)\\b`,
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern: `\\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| gonna)(?: \\w+){0,2}? (?:hurt|beat|punch|find|get|destroy|visit|come for|come after|hunt) ${target}\\b|\\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| gonna)(?: \\w+){0,2}? hurt (?:someone|somebody|people)\\b`,
    weight: 0.7,
  },
  {
    reason: "threat.arson",
    pattern:
      "\\b(?:abfackeln|abbrennen|anzuenden|niederbrennen|abfackel|fackeln(?: \\w+){1,3} ab|(?:zuend|zuende|zuenden|zuendet)(?: \\w+){0,2} (?:filiale|laden|haus|haeuser|auto|autos|buero|zentrale|geschaeft|wohnung|firma|gebaeude|hauptsitz|dich|euch|ihn)\\w* an|brennen(?: \\w+){1,3} nieder|in brand (?:setzen|stecken))\\b|\\bburn(?: \\w+){0,3}? (?:down|to the ground)\\b|\\bset (?:your|their|the|his|her|our) (?:\\w+ )?(?:house|home|store|shop|car|office|building|headquarters|hq|branch) on fire\\b|\\btorch (?:your|their|the)\\b",
    weight: 0.7,
  },
  {
    reason: "threat.explosive",
    pattern:
      "\\b(?:jagen|sprengen)(?: \\w+){1,3} in die luft\\b|\\b(?:in die luft (?:jagen|sprengen)|sprengen|sprengsatz|bombe legen|bombenanschlag|anschlag (?:auf|verueben)|amoklauf|amok laufen|blow (?:\\w+ ){0,2}?up|bomb threat|plant a bomb|shoot (?:up|the place)|mass shooting)\\b",
    weight: 0.75,
  },
  { reason: "threat.explosive", pattern: "\\b(?:bombe|bomb|sprengstoff|explosives?)\\b", weight: 0.3 },
  // Calls for violence against someone, without a speaker who would do it: "Euch sollte man alle erschießen",
  // "Der gehört erschossen", "someone should shoot …", "deserves a bullet". Killing verbs only, and where a verb
  // also fits things ("aufhängen", "an die Wand stellen": pictures, shelves) only after a word for people.
  {
    reason: "threat.incitement",
    pattern:
      "\\b(?:man sollte|sollte man|man muesste|muesste man|man muss|muss man|man soll|soll man|gehoert|gehoeren|gehoerte|gehoerten)(?: (?!nicht\\b|sich\\b|mich\\b|nie\\b|kein)\\w+){0,4}? (?:erschiessen|erschossen|erschlagen|umbringen|umgebracht|vergasen|vergast|hinrichten|hingerichtet|abknallen|abgeknallt|erhaengen|erhaengt|lynchen|gelyncht|(?<!zeit )totschlagen|(?<!zeit )totgeschlagen|abstechen|abgestochen|steinigen|gesteinigt|aufknuepfen|aufgeknuepft|kaltmachen|kaltgemacht)\\b",
    weight: 0.8,
  },
  {
    reason: "threat.incitement",
    pattern:
      "\\b(?:euch|ihn|die alle|sie alle|alle|der chef|den chef|die chefs|der vorstand|den vorstand|die bosse|die manager|die typen|den typen|die bande|das pack|die verbrecher|diese verbrecher|solche leute)(?: alle)? (?:sollte man|muesste man|muss man|sollten|muessten|gehoert|gehoeren)(?: \\w+){0,2}? (?:aufhaengen|aufgehaengt|an die wand stellen|an die wand gestellt)\\b",
    weight: 0.8,
  },
  {
    reason: "threat.incitement",
    pattern:
      "\\b(?:someone|somebody|they|people) (?:should|ought to|needs? to|has to|have to)(?: \\w+){0,1}? (?:shoot|kill|hang|stab|murder|execute|lynch|behead|string up)\\b|\\bdeserves? (?:a bullet|to (?:die|be shot|be killed|hang|be hanged|be executed|burn))\\b",
    weight: 0.8,
  },
  {
    reason: "threat.incitement",
    pattern:
      "\\b(?:i|we) hope (?:you|u|ya|he|she|they|your \\w+|the ceo|the boss|the manager|the owner|the owners|the management)(?: all)? (?:die|dies|get shot|gets shot|get killed|gets killed|burns? down|burns? to the ground)\\b|\\bich hoffe,? (?:du|ihr|er|der chef|euer chef|eure filiale|euer laden|der laden|eure zentrale)(?: \\w+){0,2}? (?:stirbst|sterbt|stirbt|krepierst|krepiert|brennt ab|abbrennt)\\b",
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern:
      "\\b(?:ich|wir) (?:komme|kommen|komm)(?: \\w+){0,4}? mit (?:der|einer|dem|einem|meiner|meinem|unserer|unserem) (?:axt|knarre|pistole|waffe|gewehr|messer|machete|baseballschlaeger)\\b|\\b(?:i|we)(?:'ll| will|'m| am|'re| are)? (?:come|coming|bring|bringing|show up|showing up)(?: \\w+){0,4}? (?:with )?(?:a|my|our) (?:gun|knife|axe|rifle|machete|bat)\\b",
    weight: 0.75,
  },
  {
    reason: "threat.doxxing",
    pattern:
      "\\b(?:wir wissen|ich weiss|ich kenne|wir kennen|i know|we know)(?: genau)?,? (?:wo|where) (?:du wohnst|ihr wohnt|sie wohnen|(?:dein|deine|euer|eure) \\w+|you live|your \\w+ (?:lives|live|is|are|parks|works)|u live)\\b|\\b(?:deine|eure|your) adresse (?:ist|kenne|kennen|haben)\\b|\\bi have your address\\b|\\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| are going to| gonna) find out where (?:you|u|your \\w+) (?:live|lives|work|works)\\b",
    weight: 0.8,
  },
  {
    reason: "threat.intimidation",
    pattern:
      "\\b(?:pass (?:bloss |nur |gut )?auf (?:dich )?auf|pass auf was du|watch your back|watch out|you(?:'ll| will) (?:pay|regret|be sorry)|you(?:'re| are) going to pay|das wirst du bereuen|das werdet ihr bereuen|ihr werdet (?:das )?bereuen|du wirst (?:das |es )?bereuen|das wird (?:dir|euch) leid tun|ihr werdet bezahlen|du wirst bezahlen|(?:wir|ich) sehen uns (?:bald|noch)|warte(?:t)? nur ab|ihr seid die naechsten|you(?:'re| are) next|du bist der naechste|(?:ihr werdet|du wirst) (?:schon |dann )?sehen,? was (?:dann )?passiert|you(?:'ll| will) see what happens)\\b",
    weight: 0.55,
  },
  {
    // "We will make you pay, one way or another", "I'll make you pay for this"; not "make you pay for the app".
    reason: "threat.intimidation",
    pattern:
      "\\b(?:i|we)(?:'ll| will|'m going to| am going to|'re going to| are going to| gonna)(?: \\w+){0,2}? make (?:you|u|ya|them|y'all) pay\\b(?! for (?!this|that|it|what)\\b)",
    weight: 0.55,
  },
  {
    reason: "threat.weapon_word",
    pattern: "\\b(?:messer|knarre|pistole|waffe|gewehr|gun|knife|rifle|machete|axt)\\b",
    weight: 0.15,
  },
];
const matchThreats = compilePhraseRules(threatRules);
// "das bringt mich um vor Lachen", "ich sterbe", "killing it", "😂": jokes and idioms lower the weight.
const jokeMarker =
  /\b(?:vor lachen|haha\w*|lol|lmao|rofl|xd|just kidding|jk|nur spass|spass beiseite|killing it|killed it|you killed it|ihr habt es gerockt)\b|😂|🤣|😆/;

/**
 * `threat`: threats of violence or harm in German and English — killing and beating, arson,
 * bombs, "wir wissen wo du wohnst", "you will pay" — scored higher when a speaker addresses a
 * target, lower next to joke markers ("vor Lachen", "lol", 😂).
 */
export function detectThreat(text: string, ctx: DetectContext): RiskResult {
  const prepared = preparedFor(text, ctx);
  const folded = prepared.folded;
  const found: WeightedSpan[] = matchesToSpans(matchThreats(folded.text, prepared.words), folded);
  if (found.length > 0 && jokeMarker.test(folded.text)) for (const span of found) span.weight *= 0.35;
  return toResult(found);
}
