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
  | "threat.weapon_word"
  | "threat.cues";

// Folded text. The strong rules need a speaker (ich/wir/I/we) and a target in the second or third
// person (dich, euch, you, them, den Laden …): "das bringt mich um" has neither and stays silent.
const person = "(?:dich|euch|sie|ihn|jeden|alle|euch alle|you|u|ya|him|her|them|y'all|everyone|you all)";
const target =
  "(?:dich|euch|sie|ihn|den|die|deine|eure|ihre|jeden|alle|you|u|ya|him|her|them|your|y'all|everyone)";
// German verbs of beating, and what a beating leaves someone, for the rules in either word order.
const beatVerb = "(?:schlag|schlage|schlagen|pruegel|pruegle|pruegeln|tret|trete|treten|hau|haue|hauen)";
const beatenUp = "(?:zusammen|krankenhausreif|windelweich|gruen und blau)";
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
    pattern: `\\b${beatVerb} (?:ich|wir) ${person}(?: \\w+){0,3}? tot\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:bring|bringe|bringen|leg|lege|legen) (?:ich|wir) ${person}(?: \\w+){0,3}? um\\b|\\b(?:mach|mache|machen) (?:ich|wir) ${person}(?: \\w+){0,3}? kalt\\b|\\b(?:knall|knalle|knallen|stech|steche|stechen) (?:ich|wir) ${person}(?: \\w+){0,3}? ab\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.kill",
    pattern: `\\b(?:ich|wir)(?: \\w+){0,2}? ${beatVerb} ${person}(?: \\w+){0,3}? tot\\b`,
    weight: 0.85,
  },
  {
    reason: "threat.violence",
    pattern: `\\b(?:ich|wir)(?: \\w+){0,2}? ${beatVerb} ${person}(?: \\w+){0,3}? ${beatenUp}\\b`,
    weight: 0.7,
  },
  {
    reason: "threat.violence",
    pattern: `\\b${beatVerb} (?:ich|wir) ${person}(?: \\w+){0,3}? ${beatenUp}\\b`,
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

// Cues, for threats that no fixed phrase describes ("Next Deliverwise van that blocks my drive, the driver gets
// pulled out and leathered", "Pistole ist geladen, ich sitz im Auto vorm Amt"): a word of serious violence, or a
// weapon, in a post that also names a target and an intent or a time. Written against the development sets
// (scripts/train/data/threats-*-a*.jsonl, `npm run eval:threats`); games, sport, fiction, news, reviews and
// self-directed words weigh them down.
const cueActs =
  /\b(?:(?:i'?ll|i will|i'm|im|i am|we'll|we will|we're|gonna|going to|i'd happily|id happily) (?:\w+ ){0,2}?(?:kill|murder|shoot|stab|strangle)|(?:someone|somebody|whoever) (?:\w+ )?(?:stabs|shoots|kills)|strangl\w*|chok(?:e|ing) the life|poisoning the|poison (?:you|him|her|them|your)|torch (?:that|the|your|his|her|their)|burn(?:ing)? (?:it |him |her |them |you )?(?:down|out)|set fire|go up lovely|blow\w* up|nail bomb|pressure cooker|body bag|obituary|six foot under|a noose|hung from|against a wall|batter(?:ing)? (?:him|her|them|you|that|the)|leathered|decked|decking|a kicking|a hiding|glass(?:ed|ing)? (?:the|him|her|you)|(?:expect|get|leaving with|leave with) a broken (?:jaw|leg|legs|nose|arm)|break (?:his|her|your|their|both) (?:legs?|arms?|jaw|nose|neck|fingers|bones|knees?)|picking (?:his|her|your) teeth|in an ambulance|first aid kit|eating through a straw|rearrange your face|getting (?:battered|decked|slapped|smacked)|gets? (?:battered|decked|slapped|smacked)|put one of them through|ran? (?:\w+ ){0,3}over|shotgun|machete|a blade|a knife|with a knife|shank|strapped|locked and loaded|a \.45|a bullet|jerry can|bit of petrol|petrol's cheap|flammable|(?:ur|you're|youre|she's|shes|he's|hes) (?:actually )?dead|umbring\w*|umgebracht|abstech\w*|abgestochen|erstech\w*|erschiess\w*|erschoss\w*|abknall\w*|erwuerg\w*|aufschlitz\w*|schlitz \w+ auf|ich vergifte|abfackel\w*|anzuend\w*|molotov\w*|kanister benzin|benzin im kofferraum|kanister|sprengstoff|tnt|saerge|ne kugel|eine kugel|flinte|gewehr|gwehr|pistole|armbrust|schlagstock|baseballschlaeger|messer ist|(?:pruegel|verpruegel)\w* (?:ich |wir )?(?:dich|euch|ihn|sie)|zusammenschlag\w*|windelweich|die fresse (?:poliert|polieren|einschlagen|ein)|eins auf die fresse|in die fresse|aufs maul|eine abreibung|haue|alle knochen|jeden einzelnen finger|beide beine|eine gescheuert|blauem auge|aus dem weg (?:zu )?raeumen|plattgemacht|ueberlebt das keiner|nicht mehr erleben|seid ihr alle tot|bist du tot|stirbst du|mach i den kalt|tret so lang|den stuhl|im knie|would be a shame if|be a shame if|be a tragedy if|wa?e?r'? doch schade|waer schade um|you've been warned|not a threat,? a promise|nicht drohen,? sondern versprechen|keep pushing me|what i'm capable of|looking over (?:his|her|your) shoulder|ueber deine schulter|you have until|package i'm sending|under their cars|a bottle at|brick (?:through|to the head)|dragged out|drag(?:ging)? (?:him|her) out|kicked about|a good smack|a slap from|proper hiding|do (?:him|her) over|deserves a noose|needs burning|want(?:s)? burning|burning (?:it )?down|burning out|a spark got|one match|a machete|made of steel|bat's already|baseball bat|with the hammer|home address|real name'?s|where the ceo lives|which school your|which car is yours|shift pattern|lock up at|we've got your faces|we know your face|face down in it|won't live to see|very very short|taking someone with me|leaving it in an ambulance|teeth in a bag|gets what's coming|give (?:him|her|them) a hiding|sort (?:him|her|them) out|i'll rearrange|ist (?:er|sie|der|die) tot|toter mann|lebt da keiner mehr|nicht mehr lebendig|nicht mehr nach hause|sieht den morgen nicht|ueberlebt den abend nicht|wird das nicht ueberleben|deine tage sind gezaehlt|ihre tage sind gezaehlt|mit deinem leben|gibts dich nicht mehr|gibt's dich nicht mehr|den hals um|(?:ich|i) (?:bring|bringe) (?:\w+ ){1,2}um|(?:ihn|dich|euch|den) umleg|gibt's schellen|gibts schellen|dresche|kri[ae]gt (?:\w+ ){0,3}watsch\w*|eine reinhauen|dem \w+ eine reinhauen|eine verpasst|nicht reden,? zuschlagen|dann schlag ich|tret ich (?:ihn|dich|sie)|fliegen zaehne|die nase ein|blauen augen|blaue augen|auf kruecken|gebrochenen haenden|am boden,? bevor|die knochen bricht|mit den faeusten|mit knueppeln|knueppeln|pfefferspray|schlagring|ne knarre|ner knarre|messer dabei|ein messer gekauft|mit der axt|mit der machete|jagdschein|geladen\.|in flammen aufgeht|in rauch auf|abgefackelt|molli auf|papier brennt|e brand|brennt (?:sein|ihr|euer|eure) |(?:bude|gartenhaus|heustadel|hof) (?:\w+ ){0,4}brennt|bau ne bombe|eine bombe (?:bauen|legen)|fliegt euch (?:\w+ )?um die ohren|den krater|rohre,? naegel|duenger und diesel|ist was an bord|steht am montag nicht mehr|steinigt|aus dem fenster werfen|einfach drueberfahren|abgefangen zu werden|mit fackeln|rausgefunden wo|privatadresse|adresse poste|namen und adressen|welche schule|bis nach hause gefolgt|kenn dein auto|kennzeichen (?:hab ich|notiert)|letzte warnung|sehr ungemuetlich|schusssichere weste|nicht zimperlich|ein unfall passieren|bremsen gehen|ruhig schlafen wollt|und zwar offline|und zwar nicht vor gericht|kommst du nicht mehr raus|ich bin geduldig|wann ihr feierabend habt|die welt ist klein)\b/;
const cueTargets =
  /(?:^|\s)@\w|\b(?:you|your|ur|u|ya|him|her|them|his|whoever|driver|manager|ceo|staff|ref|referee|guard|nurse|teacher|councillor|cllr|mp|journalist|journo|reporter|landlord|neighbour|salesman|barman|cashier|warden|engineer|rep|mod|directors?|execs|boss|owner|clerk|office|branch|depot|hq|dich|dir|euch|ihn|ihm|ihnen|ihr|ihre|eure|euren|deine|deinen|chef|filialleiter|fahrer|schiri|vermieter|buergermeister|vorstand|mitarbeiter|sachbearbeiter|kontrolleur\w*|journalist\w*|nachbar\w*|hausmeister|typ|typen|kerl|minister|direktor|koch|lokfuehrer|filiale|zentrale|redaktion|buero|amt|jobcenter|rathaus|parteibuero|personalabteilung)\b/;
const cueIntents =
  /\b(?:i'll|ill|i will|we'll|we will|i'm going|im going|i'm gonna|im gonna|gonna|going to|coming|next time|next one|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|when i|i swear|not joking|promise|you'll be|you will be|getting|deserves?|should|needs? (?:to|a)|want(?:s)? (?:burning|lining)|hope|waiting|on my way|headed|heading|bringing|in the car|in the boot|i'd happily|werde|werden|wird|will|wollen|gleich|morgen|heute|naechste\w*|bald|dann|sonst|schwoer\w*|versprochen|komm|komme|kommt|warte\w*|erwisch\w*|sollte|gehoert|hoffentlich|hoffe|wuensch\w*|sitz|ab jetzt|freitag|montag|dran|wenn|nochmal|nochma|beim naechsten|samstag|sonntag|dienstag|mittwoch|donnerstag|ehrenwort|heut\w*|jetzt|irgendwann|bis|warned|until|if|again|one day|soon|everyone|lads|one by one|i know|we know|just saying|thought you'd|would|habt|hast|hab)\b/;
const cueDampeners =
  /\b(?:game|games|gaming|lobby|noob|respawn|ranked|server|fortnite|fifa|film|movie|lyric|song|novel|episode|character|writing prompt|scene|police|arrested|charged|court|sentenced|jailed|trial|reviews?|one star|ombudsman|regulator|solicitor|lawyer|myself|meself|counter|centre backs|spiel|zocken|level|runde|serie|buch|roman|krimi|folge|zitat|polizei|festgenommen|gericht|verurteilt|berichtet|prozess|anwalt|bewertung|sterne|rezension|mich selbst)\b/;

/** Spans of violence cues in a post that names a target and an intent (see `cueActs`). */
function cueSpans(folded: string): Array<{ start: number; end: number; weight: number }> {
  // The short expressions first: a post without a target or an intent needs no look for acts.
  if (!cueTargets.test(folded) || !cueIntents.test(folded)) return [];
  const act = cueActs.exec(folded);
  if (act === null) return [];
  // Jokes weigh every threat span down in `detectThreat`, cues included.
  const weight = cueDampeners.test(folded) ? 0.3 : 0.6;
  return [{ start: act.index, end: act.index + act[0].length, weight }];
}
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
  for (const cue of cueSpans(folded.text)) {
    const { start, end } = folded.toOriginalSpan(cue.start, cue.end);
    found.push({ start, end, reason: "threat.cues", weight: cue.weight });
  }
  if (found.length > 0 && jokeMarker.test(folded.text)) for (const span of found) span.weight *= 0.35;
  return toResult(found);
}
