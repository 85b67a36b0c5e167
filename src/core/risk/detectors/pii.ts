import { getCountrySpecifications, isValidIBAN } from "ibantools";
import { findNumbers } from "libphonenumber-js";
import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import { indexOrg, isOwnHost } from "./org-index.ts";
import { spanOf, toResult, type WeightedSpan } from "./scoring.ts";
import type { VisibleText } from "./visible-text.ts";

/** Reason codes of `detectPii`. */
export type PiiReason =
  | "pii.email"
  | "pii.phone"
  | "pii.iban"
  | "pii.payment_card"
  | "pii.tax_id"
  | "pii.tax_number"
  | "pii.postal_address"
  | "pii.birth_date";

/**
 * `leak_pii`: personal data in a post — e-mail addresses, phone numbers, IBANs, payment cards, the
 * German tax identification number and tax number, postal addresses and birth dates. Numbers count
 * only when their check digits hold, so order numbers and timestamps do not.
 */
export function detectPii(text: string, ctx: DetectContext): RiskResult {
  const { visible, folded } = preparedFor(text, ctx);
  const found: WeightedSpan[] = [];
  const source = visible.text;
  if (source.includes("@")) findEmails(visible, ctx, found);
  if (hasDigit.test(source)) {
    const claimed: Array<[number, number]> = [];
    findIbans(visible, found, claimed);
    findPaymentCards(visible, found, claimed);
    findTaxIds(visible, found, claimed);
    findTaxNumbers(visible, found);
    findPhones(visible, found, claimed);
    findAddresses(visible, found);
    findBirthDates(folded, found);
  }
  return toResult(found);
}

const hasDigit = /\d/;
// A post with more number-like candidates than this is a dump or an attack; the rest are skipped,
// which bounds the work per post.
const MAX_CANDIDATES = 100;

function push(
  found: WeightedSpan[],
  on: VisibleText,
  start: number,
  end: number,
  reason: PiiReason,
  weight: number,
  detail?: string,
): void {
  found.push(spanOf(on, start, end, reason, weight, detail));
}

function overlaps(claimed: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return claimed.some(([from, to]) => start < to && end > from);
}

// --- e-mail -----------------------------------------------------------------------------------
// Scanned outwards from each "@" by hand: a regex with a free-running local part would try every
// start position of a long word and go quadratic.
const localCharacter = /[A-Za-z0-9._%+-]/;
const domainCharacter = /[A-Za-z0-9.-]/;
const validDomain = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/;

function findEmails(visible: VisibleText, ctx: DetectContext, found: WeightedSpan[]): void {
  const text = visible.text;
  let org: ReturnType<typeof indexOrg> | undefined;
  for (let at = text.indexOf("@"); at >= 0; at = text.indexOf("@", at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && localCharacter.test(text[start - 1] ?? "")) start -= 1;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && domainCharacter.test(text[end] ?? "")) end += 1;
    while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end -= 1;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (local === "" || local.startsWith(".") || !validDomain.test(domain)) continue;
    org ??= indexOrg(ctx.org);
    // The org's own addresses (service@…) are published on purpose.
    const own = isOwnHost(domain.toLowerCase(), org);
    push(found, visible, start, end, "pii.email", own ? 0.1 : 0.6);
    at = end - 1;
  }
}

// --- IBAN -------------------------------------------------------------------------------------
const ibanCandidate = /\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,32}/g;
const ibanLengths = new Map(
  Object.entries(getCountrySpecifications())
    .filter(([, spec]) => typeof spec.chars === "number")
    .map(([country, spec]) => [country, spec.chars as number]),
);

function findIbans(visible: VisibleText, found: WeightedSpan[], claimed: Array<[number, number]>): void {
  const text = visible.text;
  ibanCandidate.lastIndex = 0;
  let candidates = 0;
  for (let match = ibanCandidate.exec(text); match !== null; match = ibanCandidate.exec(text)) {
    if (++candidates > MAX_CANDIDATES) break;
    const length = ibanLengths.get(match[0].slice(0, 2).toUpperCase());
    let compact = "";
    let end = match.index;
    for (const character of match[0]) {
      if (compact.length === length) break;
      end += 1;
      if (character !== " ") compact += character.toUpperCase();
    }
    const next = text[end];
    if (
      length !== undefined &&
      compact.length === length &&
      !(next && /[A-Za-z0-9]/.test(next)) &&
      isValidIBAN(compact)
    ) {
      push(found, visible, match.index, end, "pii.iban", 0.9, compact.slice(0, 2));
      claimed.push([match.index, end]);
      ibanCandidate.lastIndex = end;
    } else {
      ibanCandidate.lastIndex = match.index + 2;
    }
  }
}

// --- payment cards ----------------------------------------------------------------------------
const cardCandidate = /\b(?:\d[ -]?){12,18}\d\b/g;
const cardKeyword = /(?:karte|card|visa|master|amex|kreditkarte|cvv|cvc|prüfziffer|gültig|expir|exp\b)/i;

/** The card network a number belongs to by its prefix and length (ISO/IEC 7812 IIN ranges). */
function cardNetwork(digits: string): string | undefined {
  const length = digits.length;
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith("4") && (length === 13 || length === 16 || length === 19)) return "visa";
  if (((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) && length === 16) return "mastercard";
  if ((two === 34 || two === 37) && length === 15) return "amex";
  if ((digits.startsWith("6011") || two === 65 || (four >= 6440 && four <= 6499)) && length >= 16)
    return "discover";
  if (four >= 3528 && four <= 3589 && length >= 16) return "jcb";
  if (
    (two === 36 || two === 38 || two === 39 || (four >= 3000 && four <= 3059)) &&
    length >= 14 &&
    length <= 16
  )
    return "diners";
  if (two === 62 && length >= 16) return "unionpay";
  if ((two === 50 || (two >= 56 && two <= 69)) && length >= 12) return "maestro";
  return undefined;
}

/** Luhn (ISO/IEC 7812-1 Annex B) check of a digit string. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function findPaymentCards(
  visible: VisibleText,
  found: WeightedSpan[],
  claimed: Array<[number, number]>,
): void {
  const text = visible.text;
  cardCandidate.lastIndex = 0;
  let candidates = 0;
  for (let match = cardCandidate.exec(text); match !== null; match = cardCandidate.exec(text)) {
    if (++candidates > MAX_CANDIDATES) break;
    const end = match.index + match[0].length;
    if (overlaps(claimed, match.index, end)) continue;
    const digits = match[0].replace(/[ -]/g, "");
    const network = cardNetwork(digits);
    if (!network || /^(\d)\1+$/.test(digits) || !passesLuhn(digits)) continue;
    const grouped = /^\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}$|^\d{4}([ -])\d{6}\2\d{5}$/.test(match[0]);
    const keyword = cardKeyword.test(text.slice(Math.max(0, match.index - 40), match.index));
    push(found, visible, match.index, end, "pii.payment_card", grouped || keyword ? 0.9 : 0.6, network);
    claimed.push([match.index, end]);
  }
}

// --- German tax identification number (Steuer-ID, § 139b AO) ------------------------------------
const taxIdCandidate = /\b[1-9]\d(?: ?\d{3}){3}\b/g;
const taxIdKeyword =
  /(?:steuer-?id|steuerliche identifikations|identifikationsnummer|idnr|id-nr|tin\b|tax id)/i;

/**
 * Whether 11 digits form a valid Steuer-ID: no leading zero, among the first ten digits exactly one
 * digit appears twice or three times (BZSt rules since 2016), and the eleventh is the ISO 7064
 * MOD 11,10 check digit of the first ten.
 */
export function isValidSteuerId(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const counts = new Array<number>(10).fill(0);
  for (let index = 0; index < 10; index += 1) {
    const digit = digits.charCodeAt(index) - 48;
    counts[digit] = (counts[digit] ?? 0) + 1;
  }
  const repeated = counts.filter((count) => count > 1);
  if (repeated.length !== 1 || (repeated[0] ?? 0) > 3) return false;
  let product = 10;
  for (let index = 0; index < 10; index += 1) {
    let sum = (digits.charCodeAt(index) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === digits.charCodeAt(10) - 48;
}

function findTaxIds(visible: VisibleText, found: WeightedSpan[], claimed: Array<[number, number]>): void {
  const text = visible.text;
  taxIdCandidate.lastIndex = 0;
  let candidates = 0;
  for (let match = taxIdCandidate.exec(text); match !== null; match = taxIdCandidate.exec(text)) {
    if (++candidates > MAX_CANDIDATES) break;
    const end = match.index + match[0].length;
    if (overlaps(claimed, match.index, end) || !isValidSteuerId(match[0].replaceAll(" ", ""))) continue;
    const keyword = taxIdKeyword.test(text.slice(Math.max(0, match.index - 40), match.index));
    // One random 11-digit number in ~20 passes the checks, so without a keyword it stays below the threshold.
    push(found, visible, match.index, end, "pii.tax_id", keyword ? 0.9 : 0.4);
    claimed.push([match.index, end]);
  }
}

// --- German tax number (Steuernummer): the states' "FF/BBB/UUUUP" formats, or 13 digits (ELSTER) ----
const taxNumberCandidate = /\b\d{2,3}\/\d{3,4}\/\d{4,5}\b|\b\d{13}\b/g;
const taxNumberKeyword = /(?:steuernummer|steuer-nr|st\.?-?nr|steuernr)/i;

function findTaxNumbers(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  taxNumberCandidate.lastIndex = 0;
  let candidates = 0;
  for (let match = taxNumberCandidate.exec(text); match !== null; match = taxNumberCandidate.exec(text)) {
    if (++candidates > MAX_CANDIDATES) break;
    const keyword = taxNumberKeyword.test(text.slice(Math.max(0, match.index - 40), match.index));
    const slashed = match[0].includes("/");
    if (!keyword && !slashed) continue;
    push(found, visible, match.index, match.index + match[0].length, "pii.tax_number", keyword ? 0.8 : 0.3);
  }
}

// --- phone numbers ----------------------------------------------------------------------------
// A phone number starts with "+", "00" or a trunk "0" (DIN 5008); bare digit runs are order numbers.
const phoneCandidate = /(?:\+|\b0)\d[\d \-/().]{4,20}\d/g;
const phoneKeyword = /\b(?:tel|telefon|handy|mobil|phone|call|ruf|anruf|whatsapp|fax|erreichbar|reach me)/i;
const orderKeyword =
  /(?:bestell|auftrag|rechnung|kunden|vertrags|order|invoice|ticket|tracking|sendung|vorgang|aktenzeichen|az\.)/i;

function findPhones(visible: VisibleText, found: WeightedSpan[], claimed: Array<[number, number]>): void {
  const text = visible.text;
  phoneCandidate.lastIndex = 0;
  let candidates = 0;
  for (let match = phoneCandidate.exec(text); match !== null; match = phoneCandidate.exec(text)) {
    if (++candidates > MAX_CANDIDATES) break;
    // libphonenumber runs on a small window around each candidate, never on the whole post.
    const from = Math.max(0, match.index - 4);
    const window = text.slice(from, match.index + match[0].length + 8);
    for (const hit of findNumbers(window, { defaultCountry: "DE", v2: true })) {
      const start = from + hit.startsAt;
      const end = from + hit.endsAt;
      const first = text[start];
      if (first !== "+" && first !== "0" && first !== "(") continue;
      if (overlaps(claimed, start, end) || /[\p{L}\p{N}]/u.test(text[start - 1] ?? "")) continue;
      const before = text.slice(Math.max(0, start - 30), start);
      if (orderKeyword.test(before) && !phoneKeyword.test(before)) continue;
      const weight = phoneKeyword.test(before) || hit.number.getType() === "MOBILE" ? 0.7 : 0.55;
      push(found, visible, start, end, "pii.phone", weight, hit.number.number);
      claimed.push([start, end]);
    }
  }
}

// --- postal addresses -------------------------------------------------------------------------
const streetSuffix =
  "(?:[Ss]tra(?:ß|ss)e|[Ss]tr\\.|[Ww]eg|[Aa]llee|[Pp]latz|[Gg]asse|[Rr]ing|[Dd]amm|[Uu]fer|[Cc]haussee|[Ss]teig|[Pp]fad|[Mm]arkt|[Hh]of)";
// German: "Hauptstraße 5", "Berliner Str. 12a": a capitalised word (after an optional adjective)
// ending in a street suffix, and a house number.
const germanStreet = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:\\p{Lu}[\\p{L}-]{0,40}?|\\p{Lu}\\p{Ll}{1,30}\\s)${streetSuffix}\\s{1,3}\\d{1,4}(?:\\s?[a-z](?!\\p{L}))?`,
  "gu",
);
// English: "221B Baker Street".
const englishStreet =
  /(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?\s+(?:\p{Lu}\p{Ll}+\s){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Drive|Boulevard|Blvd\.|Way|Close|Square)(?![\p{L}])/gu;
const postcodeCity = /^[\s,]{0,3}(?:D-)?\d{5}\s+\p{Lu}[\p{L}-]{1,40}/u;

// What each street pattern cannot match without: a street suffix before the house number ("weg 5"),
// and a house number before a space ("221B Baker"). Far cheaper to scan for than the patterns
// themselves, which look behind and through Unicode classes at every position.
const germanStreetNeeds = new RegExp(`${streetSuffix}\\s{1,3}\\d`, "u");
const englishStreetNeeds = /\d[A-Za-z]?\s/;

function findAddresses(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  for (const pattern of [germanStreet, englishStreet]) {
    if (!(pattern === germanStreet ? germanStreetNeeds : englishStreetNeeds).test(text)) continue;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      let end = match.index + match[0].length;
      // The postcode and city after the street make it an address rather than a place name.
      const tail = postcodeCity.exec(text.slice(end, end + 60));
      if (tail) end += tail[0].length;
      push(found, visible, match.index, end, "pii.postal_address", tail ? 0.75 : 0.45);
    }
  }
}

// --- birth dates (on folded text) ---------------------------------------------------------------
const birthKeyword = /\b(?:geboren|geb\.|geburtsdatum|geburtstag|born|dob|date of birth|birthday|d\.o\.b\.)/g;
const months =
  "(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|okt|oct|nov|dez|dec|january|february|march|june|july|october|december)";
const dateAfter = new RegExp(
  `^[^\\d\\n]{0,20}?(?:\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?(?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/(?:19|20)?\\d{2}|\\d{1,2}\\.?\\s+${months}\\.?\\s+(?:19|20)\\d{2}|${months}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2})`,
);

function findBirthDates(folded: VisibleText, found: WeightedSpan[]): void {
  const text = folded.text;
  birthKeyword.lastIndex = 0;
  for (let match = birthKeyword.exec(text); match !== null; match = birthKeyword.exec(text)) {
    const after = match.index + match[0].length;
    const date = dateAfter.exec(text.slice(after, after + 48));
    if (date) push(found, folded, match.index, after + date[0].length, "pii.birth_date", 0.6);
  }
}
