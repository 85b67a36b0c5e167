import { fileURLToPath } from "node:url";
import vader from "vader-sentiment";
import type { ClassifiedCategory, ClassifierLanguage } from "../../src/core/risk/classify/classify.schema.ts";
import { detectThreat } from "../../src/core/risk/detectors/index.ts";
import type { OrgRiskConfig } from "../../src/core/risk/risk.types.ts";
import {
  type LabelledText,
  loadComplaints,
  loadGermEval2018,
  loadGermEval2019,
  loadGermEval2021,
  loadHasoc2019,
  loadOrdinaryGerman,
  loadPotts,
  loadSb10k,
  loadSmsSpam,
  loadTweetEval,
  loadWrittenPosts,
  type WrittenLabel,
  writtenLabels,
} from "./datasets.ts";
import { type Split, stratifiedSplit } from "./split.ts";

/** A text with the binary label of one model. */
export interface Example {
  text: string;
  y: 0 | 1;
  source: string;
}

/** A named set of examples (a training variant or a dev set). */
export interface ExampleSet {
  name: string;
  examples: Example[];
}

/** What the model card says beyond the measured figures. */
export interface CardText {
  /** What the positive class means, in one paragraph. */
  definition: string;
  /** Data sources and their licences. */
  data: string[];
  /** Known limits, one per bullet. */
  limits: string[];
  /** Published results to compare with (official test splits, so not directly comparable). */
  anchors?: string[];
}

/** A model learned from labelled data: data variants compared on one dev set. */
export interface LinearRecipe {
  kind: "linear";
  name: string;
  category: ClassifiedCategory;
  lang: ClassifierLanguage;
  /** Training variants to compare on `dev`; the best by average precision ships. */
  variants: ExampleSet[];
  /** The dev set used to select, calibrate and set the threshold. */
  dev: ExampleSet;
  /** Further dev sets reported in the card (subsets, other sources). */
  extraDevs: ExampleSet[];
  /**
   * Ordinary posts (all negatives): `train` joins every variant, `dev` joins the dev set for selection,
   * calibration and the threshold, so the model is tuned for everyday traffic, not only for the debate the
   * labelled sets were drawn from. The card reports the flag rate on `dev`.
   */
  ordinary?: { train: ExampleSet; dev: ExampleSet };
  /**
   * Whether the post's mean word vector joins the features where the language's space has an embedding
   * vocabulary (English). Without it the model's word scores are all 0. Measured 2026-12-04 (dev AP, everyday
   * posts flagged): toxic-en 0.735 → 0.745, 3.4 → 3.4 %; hate-en 0.836 → 0.839 but 1.1 → 3.4 % (short posts'
   * means, "They are total cuties!" 0.60 through "they"); negative-en 0.903 → 0.904; complaint-en 0.819 → 0.828,
   * 5.9 → 5.2 %, but on the demo stream it missed clear complaints it caught before ("Been waiting four weeks for
   * Nordwind to confirm my cancellation" 0.61 → 0.26, complaints 99 → 90 %, outage anger 79 → 57 %). Only
   * toxic-en uses them.
   */
  wordVectors?: boolean;
  /**
   * Where the operating threshold sits on dev: the best F1 of the positive class (default; a risk a team
   * wants to see), or the best macro-F1, which weighs the missed and the false flags of both classes alike
   * (a share of posts, such as the negative share an escalation level reads, is then not inflated).
   */
  operatingPoint?: "f1" | "macroF1" | { maxOrdinaryFlagRate: number };
  card: CardText;
}

export type Recipe = LinearRecipe;

/** The cap on the everyday posts a recipe's operating threshold may flag, if it sets one. */
export function flagCapOf(recipe: LinearRecipe): number | undefined {
  return typeof recipe.operatingPoint === "object" ? recipe.operatingPoint.maxOrdinaryFlagRate : undefined;
}

/**
 * An organisation no written post is about, for the rule detectors that filter training data and measure
 * the written sets: the posts use invented names, so no rule may lean on the organisation's names.
 */
export const noOrg: OrgRiskConfig = {
  brandNames: [],
  domains: [],
  officialAccounts: [],
  executives: [],
  watchlist: [],
};

/** Share of each training file held out as dev, and the seed of every split. */
export const devFraction = 0.15;
export const splitSeed = 20_250_101;

/** A recipe's name and how to build it (loading its data only when asked). */
export interface RecipeEntry {
  name: string;
  build: () => Recipe;
}

/** The datasets that get a dev split of our own, each loaded and split once per folder, on first use. */
function datasetSplits(dataDir: string): DatasetSplits {
  let known = splitsByFolder.get(dataDir);
  if (!known) {
    known = lazySplits(dataDir);
    splitsByFolder.set(dataDir, known);
  }
  return known;
}
type DatasetSplits = ReturnType<typeof lazySplits>;
const splitsByFolder = new Map<string, DatasetSplits>();

function lazySplits(dataDir: string) {
  const splits = new Map<string, Split>();
  const splitOf = (name: string, load: () => LabelledText[]) => (): Split => {
    let split = splits.get(name);
    if (!split) {
      split = stratifiedSplit(load(), devFraction, splitSeed);
      splits.set(name, split);
    }
    return split;
  };
  return {
    ge18: splitOf("germeval2018", () => loadGermEval2018(dataDir)),
    ge19: splitOf("germeval2019", () => loadGermEval2019(dataDir)),
    ge21: splitOf("germeval2021", () => loadGermEval2021(dataDir)),
    hasocDe: splitOf("hasoc2019-de", () => loadHasoc2019(dataDir, "de")),
    hasocEn: splitOf("hasoc2019-en", () => loadHasoc2019(dataDir, "en")),
    offensive: splitOf("tweeteval-offensive", () => loadTweetEval(dataDir, "offensive")),
    hate: splitOf("tweeteval-hate", () => loadTweetEval(dataDir, "hate")),
    complaints: splitOf("complaints", () => loadComplaints(dataDir)),
    sms: splitOf("sms-spam", () => loadSmsSpam(dataDir)),
    writtenDe: splitOf("complaints-de-a", () =>
      loadWrittenLabelled("complaint", "complaints-de-a1", "complaints-de-a2", "complaints-de-a3"),
    ),
    writtenDeSocial: splitOf("complaints-de-a4", () => loadWrittenLabelled("complaint", "complaints-de-a4")),
    writtenDeEveryday: splitOf("complaints-de-a5", () =>
      loadWrittenLabelled("complaint", "complaints-de-a5"),
    ),
    writtenDeLookalike: splitOf("complaints-de-a6", () =>
      loadWrittenLabelled("complaint", "complaints-de-a6"),
    ),
    writtenEn: splitOf("complaints-en-a", () =>
      loadWrittenLabelled("complaint", "complaints-en-a", "complaints-en-a2", "complaints-en-a3"),
    ),
    writtenEnLookalike: splitOf("complaints-en-a4", () =>
      loadWrittenLabelled("complaint", "complaints-en-a4"),
    ),
    claimsEn: splitOf("factclaims-en-a", () => loadWrittenLabelled("fact_claim", "factclaims-en-a")),
    sentimentEn: splitOf("negative-en-a", () => loadWrittenLabelled("negative", "negative-en-a")),
    sentimentDe: splitOf("negative-de-a", () => loadWrittenLabelled("negative", "negative-de-a")),
    sentimentDeHard: splitOf("negative-de-a2", () => loadWrittenLabelled("negative", "negative-de-a2")),
    sentimentDeQuestions: splitOf("negative-de-a3", () => loadWrittenLabelled("negative", "negative-de-a3")),
    hateDe: splitOf("hate-de-a", () => loadWrittenLabelled("hate", "hate-de-a")),
  };
}

/**
 * The training parts of every German dataset, split as the recipes split them (SB10k and PotTS ship their
 * own): the texts whose words may inform a German model, dev texts excluded.
 */
export function germanTrainingTexts(dataDir: string): string[] {
  const { ge18, ge19, ge21, hasocDe } = datasetSplits(dataDir);
  return [
    ...ge18().train,
    ...ge19().train,
    ...ge21().train,
    ...hasocDe().train,
    ...loadSb10k(dataDir, "train"),
    ...loadPotts(dataDir, "train"),
  ].map((row) => row.text);
}

function writtenFile(name: string): string {
  return fileURLToPath(new URL(`./data/${name}.jsonl`, import.meta.url));
}

/** The written files `names` (scripts/train/data) with the label `label`, together, as one dataset. */
function loadWrittenLabelled(label: WrittenLabel, ...names: string[]): LabelledText[] {
  return names.flatMap((name) => loadWrittenPosts(writtenFile(name), label));
}

/** Lists every recipe over the datasets folder; each dataset is loaded and split once, on first use. */
export function listRecipes(dataDir: string): RecipeEntry[] {
  const {
    ge18,
    ge19,
    ge21,
    hasocDe,
    hasocEn,
    offensive,
    hate,
    complaints,
    sms,
    writtenDe,
    writtenDeSocial,
    writtenDeEveryday,
    writtenDeLookalike,
    writtenEn,
    writtenEnLookalike,
    claimsEn,
    sentimentEn,
    sentimentDe,
    sentimentDeHard,
    sentimentDeQuestions,
    hateDe,
  } = datasetSplits(dataDir);

  const offenseLabel = (row: LabelledText) => row.label.startsWith("OFFENSE");
  const abuseLabel = (row: LabelledText) => row.label === "OFFENSE/ABUSE";
  const hofLabel = (row: LabelledText) => row.label.startsWith("HOF");
  const hateLabel = (row: LabelledText) => row.label === "HOF/HATE";
  const oneLabel = (row: LabelledText) => row.label === "1";
  const hamOf = (rows: LabelledText[]) => rows.filter((row) => row.label === "ham");
  const ge21Toxic = (row: LabelledText) => row.label.split("/")[0] === "1";
  const ge21Fact = (row: LabelledText) => row.label.split("/")[2] === "1";
  const negativeLabel = (row: LabelledText) => row.label === "negative";
  /** Label 1 of a written file (scripts/train/data): a complaint, a fact claim, negative sentiment, hate. */
  const writtenPositive = (row: LabelledText) => row.label.startsWith("1/");

  // Posts written to companies that are neither complaints nor angry about something else (questions,
  // praise, chatter, news, adverts, job posts, support replies, opinions): everyday traffic of the product's
  // own domain, which the 2013 tweets of SB10k and PotTS do not have.
  const customerKinds = new Set<string>(
    writtenLabels.complaint.negative.filter((kind) => kind !== "offtopic_negative"),
  );
  const customerPosts = (rows: LabelledText[]) =>
    rows.filter((row) => row.label.startsWith("0/") && customerKinds.has(row.label.slice(2)));
  /**
   * SB10k and PotTS neutral/positive tweets (at most `limit` in training), and the written posts to companies:
   * with `customers: "calm"` those that are neither complaints nor angry about something else, with `"all"`
   * every one, complaints included (for a category that complaints are never part of, such as hate speech).
   */
  const ordinaryGerman = (
    limit = Number.POSITIVE_INFINITY,
    { customers = "none" }: { customers?: "none" | "calm" | "all" } = {},
  ) => {
    const companyPosts = (rows: LabelledText[]) =>
      customers === "all" ? rows : customers === "calm" ? customerPosts(rows) : [];
    const described = {
      none: "",
      calm: ", written posts to companies that are not complaints",
      all: ", written posts to companies, complaints included",
    }[customers];
    return {
      train: set(
        "ordinary German posts",
        [...evenSample(loadOrdinaryGerman(dataDir, "train"), limit), ...companyPosts(writtenDe().train)],
        () => false,
      ),
      dev: set(
        `ordinary German posts dev (SB10k + PotTS neutral/positive${described})`,
        [...loadOrdinaryGerman(dataDir, "dev"), ...companyPosts(writtenDe().dev)],
        () => false,
      ),
    };
  };
  // Tweets to brands' service accounts that are not complaints: questions, thanks, orders.
  const ordinaryEnglish = () => ({
    train: set(
      "ordinary English posts",
      complaints().train.filter((row) => row.label === "0"),
      () => false,
    ),
    dev: set(
      "ordinary English posts dev (tweets to brands, not complaints)",
      complaints().dev.filter((row) => row.label === "0"),
      () => false,
    ),
  });

  const recipes: RecipeEntry[] = [];
  const add = (name: string, build: () => Recipe) => recipes.push({ name, build });

  add("toxic-de", () => ({
    kind: "linear",
    name: "toxic-de",
    category: "toxic",
    lang: "de",
    dev: set("germeval2018 dev", ge18().dev, offenseLabel),
    variants: [
      set("germeval2018", ge18().train, offenseLabel),
      join("germeval2018+2019", set("", ge18().train, offenseLabel), set("", ge19().train, offenseLabel)),
      join(
        "germeval2018+2019+2021+hasoc2019",
        set("", ge18().train, offenseLabel),
        set("", ge19().train, offenseLabel),
        set("", ge21().train, ge21Toxic),
        set("", hasocDe().train, hofLabel),
      ),
    ],
    extraDevs: [
      set("germeval2019 dev", ge19().dev, offenseLabel),
      set("germeval2021 dev (Sub1_Toxic)", ge21().dev, ge21Toxic),
      set("hasoc2019-de dev (HOF)", hasocDe().dev, hofLabel),
    ],
    // More ordinary posts cost GermEval dev F1 (NB-LR on germeval2018, dev threshold on GermEval + ordinary
    // posts: 1,000 → macro-F1 0.773 with 1.5 % false alarms on everyday posts; 2,500 → 0.754 / 0.9 %;
    // all → 0.759 / 0.9 %; none → 0.759 / 3.0 %, or 0.785 / 9.1 % with the threshold set on GermEval alone).
    // The written posts to companies among them (2026-12-05): GermEval 2018 dev macro-F1 0.782 → 0.778, AP 0.774
    // → 0.769; on the written set b (complaints-de-b, never trained on) 20 of 400 posts flagged → 1.
    ordinary: ordinaryGerman(1000, { customers: "calm" }),
    card: {
      definition:
        "Offensive language (GermEval OFFENSE: insult, abuse or profanity) in a German post; with the optional sources also GermEval 2021 `Sub1_Toxic` and HASOC 2019 `HOF`.",
      data: [
        "GermEval 2018 training split (5,009 tweets, coarse OFFENSE/OTHER; CC BY 4.0).",
        "Optional: GermEval 2019 task 2 training split (no licence stated), GermEval 2021 training split `Sub1_Toxic`, HASOC 2019 German `task_1` HOF/NOT (no licence stated) — training parts only.",
        "Ordinary posts: SB10k and PotTS neutral/positive tweets, and the posts to companies in `scripts/train/data/complaints-de-a1.jsonl` to `-a3.jsonl` that are neither complaints nor angry about something else (questions, praise, chatter, news, adverts, job posts, support replies, opinions; 572 in training, their 15 % dev part with the ordinary dev posts), so that the everyday language of customers (tariffs, devices, product names) is not read as the 2018 political debate.",
      ],
      limits: [
        "Tweets from 2018/2019 on German politics and migration; other topics (customer service, sports) and newer slang are under-represented.",
        "Quotes and reported speech of insults are flagged like insults; irony and dog whistles are missed.",
        "Character n-grams catch spelling variants but also raise the score of harmless words that share letters with insults.",
      ],
      anchors: [
        "GermEval 2018 coarse, official test split, macro-F1: winner 76.8; plain TF-IDF linear model 69.4.",
      ],
    },
  }));

  add("toxic-en", () => ({
    kind: "linear",
    name: "toxic-en",
    category: "toxic",
    lang: "en",
    dev: set("tweeteval/offensive dev", offensive().dev, oneLabel),
    variants: [
      set("tweeteval/offensive", offensive().train, oneLabel),
      join(
        "tweeteval/offensive+hasoc2019-en",
        set("", offensive().train, oneLabel),
        set("", hasocEn().train, hofLabel),
      ),
    ],
    extraDevs: [set("hasoc2019-en dev (HOF)", hasocEn().dev, hofLabel)],
    ordinary: ordinaryEnglish(),
    wordVectors: true,
    card: {
      definition:
        "Offensive language (OffensEval 2019 OFF: insults, threats, profanity, targeted or not) in an English post.",
      data: [
        "TweetEval `offensive` train + val (= OLID v1.0 subtask A, 13,240 tweets; OLID: citation requested, Zampieri et al. 2019). OLID itself is not added: it holds the same tweets.",
        "Optional: HASOC 2019 English `task_1` HOF/NOT (no licence stated), training part only.",
      ],
      limits: [
        "US political Twitter of 2019 (@USER / URL placeholders); profanity without a target counts as offensive.",
        "Reclaimed slurs, quotes and irony are frequent errors of bag-of-n-gram models.",
      ],
      anchors: [
        "TweetEval offensive, official test split, macro-F1: FastText 73.4, RoBERTa-base 80.5 (Barbieri et al. 2020).",
      ],
    },
  }));

  add("hate-en", () => ({
    kind: "linear",
    name: "hate-en",
    category: "hate",
    lang: "en",
    dev: set("tweeteval/hate dev", hate().dev, oneLabel),
    variants: [
      set("tweeteval/hate", hate().train, oneLabel),
      join(
        "tweeteval/hate+hasoc2019-en",
        set("", hate().train, oneLabel),
        set("", hasocEn().train, hateLabel),
      ),
    ],
    extraDevs: [set("hasoc2019-en dev (HATE)", hasocEn().dev, hateLabel)],
    ordinary: ordinaryEnglish(),
    card: {
      definition:
        "Hate speech against immigrants or women (HatEval 2019), in an English post; with HASOC 2019 also its broader HATE class.",
      data: [
        "TweetEval `hate` train + val (HatEval 2019, SemEval task 5; 10,000 tweets).",
        "Optional: HASOC 2019 English `task_2` HATE vs the rest (no licence stated), training part only.",
      ],
      limits: [
        "HatEval covers only two targets (immigrants, women); hate against other groups is learned mostly from HASOC, if at all.",
        "HatEval's official test split is known to differ strongly from its training data (systems dropped to ~0.65 macro-F1); expect dev figures to overstate.",
      ],
      anchors: [
        "TweetEval hate, official test split, macro-F1: FastText 50.6, RoBERTa-base 46.6, best TweetEval model 52.9.",
      ],
    },
  }));

  const hasocHateDev = () => set("hasoc2019-de dev (HATE only)", hasocDe().dev, hateLabel);
  const abuseDev = () =>
    join("germeval2018+2019 dev (ABUSE)", set("", ge18().dev, abuseLabel), set("", ge19().dev, abuseLabel));
  add("hate-de", () => {
    const proxy = join(
      "hasoc2019-de HATE + germeval2018/2019 ABUSE",
      set("", hasocDe().train, hateLabel),
      set("", ge18().train, abuseLabel),
      set("", ge19().train, abuseLabel),
    );
    return {
      kind: "linear",
      name: "hate-de",
      category: "hate",
      lang: "de",
      dev: join(
        "hasoc2019-de HATE + germeval ABUSE dev + written German comments dev",
        hasocHateDev(),
        abuseDev(),
        set("", hateDe().dev, writtenPositive),
      ),
      variants: [
        set("hasoc2019-de HATE", hasocDe().train, hateLabel),
        proxy,
        balancedBeside(
          "hasoc2019-de HATE + germeval2018/2019 ABUSE + written German comments (balanced)",
          proxy,
          set("", hateDe().train, writtenPositive),
        ),
      ],
      extraDevs: [
        hasocHateDev(),
        abuseDev(),
        set(
          "written German comments, set b (written for the project, never used to train or tune)",
          loadWrittenLabelled("hate", "hate-de-b"),
          writtenPositive,
        ),
      ],
      ordinary: ordinaryGerman(Number.POSITIVE_INFINITY, { customers: "all" }),
      card: {
        definition:
          "Hate speech in German: posts that attack, demean, dehumanise or incite against people for their origin, religion, gender, sexual orientation, disability or age. Learnt from HASOC 2019 `HATE` (111 of 3,819 posts), GermEval 2018/2019 `ABUSE` (degrading, often group-directed abuse — a broader proxy) and German comments written for the project with exactly this definition.",
        data: [
          "HASOC 2019 German training split, `task_2` HATE vs rest (no licence stated).",
          "GermEval 2018 (CC BY 4.0) and 2019 (no licence stated) training splits, fine label ABUSE vs rest.",
          "`scripts/train/data/hate-de-a.jsonl`: 592 German comments (250 hate; 8 of the 600 written were within 0.75 of set b and removed) written for the project by an AI writing assistant from the definition above, set under companies' posts and in general comment sections: explicit and coded hate against more than ten groups, and as hard negatives insults of individuals, profanity, sharp criticism of companies, politics and religious institutions, neutral and friendly mentions of the groups and counter-speech; 15 % to dev, the rest in a training variant beside the proxy with its not-hate posts repeated so that its classes weigh alike (`balancedBeside`). Not real posts; published with the project under its licence.",
          "Everyday posts, all not hate: SB10k and PotTS neutral and positive tweets, and every post to companies in `scripts/train/data/complaints-de-a1.jsonl` to `-a3.jsonl` (1,498 written for the complaint model: complaints, questions, praise, chatter, support replies …; 1,274 in training, their 15 % dev part in the false-alarm figure), so that an angry customer is not read as hate speech (the social-media-style `-a4.jsonl` as well cost set b F1 0.667 → 0.638, and is left out). Measured when they joined (2026-12-05): set b F1 0.636 → 0.667 (recall 0.507 → 0.547, precision 0.854 → 0.854), HASOC HATE dev macro-F1 0.567 → 0.587, GermEval ABUSE dev 0.712 → 0.713, everyday false alarms on the same 1,444 posts 4 → 5.",
          "`scripts/train/data/hate-de-b.jsonl`: 400 German comments (150 hate) written by another assistant from its own brief, without sight of the training file; only for the figure below, never to train or tune.",
        ],
        limits: [
          "There is no collected German hate-speech training set of this definition here: most positives are GermEval ABUSE, which includes strong abuse of individuals and politicians that is not hate speech, so the model over-flags harsh political abuse; the written comments are few and written, not collected.",
          "Only ~17 HASOC HATE posts are in dev: figures on that subset are very noisy.",
          "Do not use the score alone for legal judgements (§ 130 StGB Volksverhetzung needs a human).",
        ],
      },
    };
  });

  // The written posts to companies as sentiment: a complaint or an angry post about something else is
  // negative; questions, praise, news, chatter, support replies, ads and job posts are not; opinions are left out
  // (their sentiment was not asked for).
  const upsetAtSomething = (row: LabelledText) => writtenPositive(row) || row.label === "0/offtopic_negative";
  const withoutOpinions = (rows: LabelledText[]) => rows.filter((row) => row.label !== "0/opinion");
  const toCompanies = (part: (split: Split) => LabelledText[], lang: "de" | "en" = "de") =>
    withoutOpinions(
      (lang === "de"
        ? [writtenDe, writtenDeSocial, writtenDeEveryday, writtenDeLookalike]
        : [writtenEn, writtenEnLookalike]
      ).flatMap((split) => part(split())),
    );
  add("negative-de", () => {
    const written = [sentimentDe, sentimentDeHard, sentimentDeQuestions];
    const writtenTrain = set(
      "",
      written.flatMap((part) => part().train),
      writtenPositive,
    );
    const tweets = join(
      "sb10k+potts",
      set("", loadSb10k(dataDir, "train"), negativeLabel),
      set("", loadPotts(dataDir, "train"), negativeLabel),
    );
    return {
      kind: "linear",
      name: "negative-de",
      category: "negative",
      lang: "de",
      // The negative share of a topic's posts is one of the escalation level's criteria, so the threshold weighs
      // both classes' errors alike instead of favouring recall.
      operatingPoint: "macroF1",
      dev: join(
        "sb10k dev + potts dev + written German posts dev",
        set("", loadSb10k(dataDir, "dev"), negativeLabel),
        set("", loadPotts(dataDir, "dev"), negativeLabel),
        set(
          "",
          written.flatMap((part) => part().dev),
          writtenPositive,
        ),
      ),
      variants: [
        tweets,
        balancedBeside("sb10k+potts + written German posts (balanced)", tweets, writtenTrain),
        balancedBeside(
          "sb10k+potts + written German posts + posts to companies (balanced)",
          tweets,
          join(
            "",
            writtenTrain,
            set(
              "",
              toCompanies((part) => part.train),
              upsetAtSomething,
            ),
          ),
        ),
      ],
      extraDevs: [
        set("sb10k dev", loadSb10k(dataDir, "dev"), negativeLabel),
        set("potts dev", loadPotts(dataDir, "dev"), negativeLabel),
        set(
          "written social-media-style posts to companies, set c, complaints and angry posts = negative (never trained on)",
          withoutOpinions(loadWrittenLabelled("complaint", "complaints-de-c")),
          upsetAtSomething,
        ),
        set(
          "written look-alikes, set d of the complaint model, complaints and angry posts = negative (never trained on)",
          withoutOpinions(loadWrittenLabelled("complaint", "complaints-de-d")),
          upsetAtSomething,
        ),
        set(
          "written German posts, set b (written for the project, never used to train or tune)",
          loadWrittenLabelled("negative", "negative-de-b"),
          writtenPositive,
        ),
      ],
      card: {
        definition: "Negative sentiment of a German post (label `negative` vs positive, neutral and mixed).",
        data: [
          "SB10k (Cieliebak et al. 2017; corpus licence unstated) and PotTS (Sidarenka 2016; MIT), train/dev splits of the CGSA repository; the shipped dev splits are the dev set.",
          "`scripts/train/data/negative-de-a.jsonl`: 797 German posts (399 negative) written for the project by an AI writing assistant from a definition of negative sentiment toward the post's subject (customers to companies, sport, politics, weather, everyday life; sarcasm, complaints that only state the facts, support agents' apologies, praise after a fixed problem), labelled by their writer; 15 % to dev, the rest in one training variant with its not-negative posts repeated so that its two classes weigh alike beside the tweets (`balancedBeside` in scripts/train/recipes.ts: without it the positive-class weight of the tweets, about 5, made the written posts look 85 % negative, and their style and their words of time were learnt as negative). Not real posts; published with the project under its licence.",
          "`scripts/train/data/negative-de-a2.jsonl`: 500 German posts (250 negative) written by a third assistant from its own brief, on the cases a bag of n-grams gets wrong: negated negative words ('nie Ärger', 'ohne Wartezeit') and negated positive ones ('nicht mal ein Danke'), concessive praise ('auch wenn …') and polite openings before a negative verdict, praise with times and durations and waiting counted in days, problems solved against problems still open, self-deprecation inside praise, colloquial intensifiers ('unverschämt günstig') and sarcasm with positive words; no telecoms. Split 15 % to dev on its own (the first file's split stays as it was) and trained in the same balanced part.",
          "`scripts/train/data/negative-de-a3.jsonl`: 399 German posts (160 negative) by a fourth assistant on posts that name a problem without being upset by it (how-to questions about faults, costs and cancellations, matter-of-fact reports, support replies, chatter about small mishaps) against questions that are complaints or sarcasm and problem reports with clear displeasure; split and trained like the second file.",
          "The written posts to companies of `scripts/train/data/complaints-de-a1.jsonl` to `-a6.jsonl` (2,890 without the opinions, whose sentiment was not asked for; their training parts only; `-a6` since 2026-12-05, below), read as sentiment: a complaint or an angry post about something else is negative, a question, praise, news, chatter, a support reply, an advert or a job post is not. In the same balanced part as the files above (2026-12-05: set b F1 0.627 → 0.669, set c read as sentiment 0.63 → 0.81, PotTS dev macro-F1 0.684 → 0.673).",
          "`scripts/train/data/negative-de-b.jsonl`: 400 German posts (200 negative) written the same way by another assistant, without sight of the training files; only for the figure below, never to train or tune.",
        ],
        limits: [
          "The texts are tokenised (spaces around punctuation); real posts are not, which char n-grams mostly absorb.",
          "2013 tweets (elections, the papal election, general); PotTS `mixed` counts as not negative.",
          "Posts to and about companies are rare in the tweets and the written training posts are few: on the written set b (mostly such posts) nearly half the negative posts are missed, most often sarcasm, mockery or a disappointment that only states the facts, and angry posts are flagged less often than complaints (the threshold favours precision).",
        ],
      },
    };
  });

  const analyser = vader.SentimentIntensityAnalyzer;
  const vaderLabel = (row: LabelledText) => analyser.polarity_scores(row.text).compound <= -0.05;
  const englishTexts = (split: (x: Split) => LabelledText[]) => [
    ...split(offensive()),
    ...split(hate()),
    ...split(hasocEn()),
    ...split(complaints()),
  ];
  add("negative-en", () => {
    // VADER labels the 27,000 training texts once for all three variants.
    const vaderLabelled = set(
      "VADER-labelled training parts",
      englishTexts((s) => s.train),
      vaderLabel,
    );
    const written = set("", sentimentEn().train, writtenPositive);
    const toCompaniesTrain = set(
      "",
      toCompanies((part) => part.train, "en"),
      upsetAtSomething,
    );
    return {
      kind: "linear",
      name: "negative-en",
      category: "negative",
      lang: "en",
      // VADER's labels on the corpora's dev parts and the written posts' dev part together choose the model and
      // its threshold; 600 of the 4,779 VADER-labelled dev posts, so that people's judgement (the written posts,
      // about 120 in dev) weighs in and the choice is not only agreement with VADER. The written posts also enter
      // training five times over in one variant: 670 posts beside 27,000 VADER-labelled ones barely move the model.
      dev: join(
        "VADER-labelled dev (600 of tweeteval, hasoc2019-en, complaints dev parts) + written English posts dev",
        set(
          "",
          evenSample(
            englishTexts((s) => s.dev),
            600,
          ),
          vaderLabel,
        ),
        set("", sentimentEn().dev, writtenPositive),
      ),
      variants: [
        vaderLabelled,
        join("VADER-labelled training parts + written English posts", vaderLabelled, written),
        join(
          "VADER-labelled training parts + written English posts x5",
          vaderLabelled,
          ...Array.from({ length: 5 }, () => written),
        ),
        join(
          "VADER-labelled training parts + written English posts x5 + posts to companies x3",
          vaderLabelled,
          ...Array.from({ length: 5 }, () => written),
          ...Array.from({ length: 3 }, () => toCompaniesTrain),
        ),
      ],
      extraDevs: [
        set(
          "written English posts, set b (written apart, never used to train or tune)",
          loadWrittenLabelled("negative", "negative-en-b"),
          writtenPositive,
        ),
        set(
          "written English posts to companies, set b of the complaint model, complaints and angry posts = negative (never trained on)",
          withoutOpinions(loadWrittenLabelled("complaint", "complaints-en-b")),
          upsetAtSomething,
        ),
        set(
          "written look-alikes, set c of the complaint model, complaints and angry posts = negative (never trained on)",
          withoutOpinions(loadWrittenLabelled("complaint", "complaints-en-c")),
          upsetAtSomething,
        ),
        set(
          "VADER-labelled dev alone (agreement with VADER)",
          englishTexts((s) => s.dev),
          vaderLabel,
        ),
        set("complaints dev, complaint=positive (weak check)", complaints().dev, oneLabel),
        set("tweeteval/offensive dev, offensive=positive (weak check)", offensive().dev, oneLabel),
      ],
      card: {
        definition:
          "Negative sentiment of an English post: the author's own dominant attitude toward what the post is about is negative (displeasure, anger, disappointment, worry, contempt, mockery, sarcasm, a complaint also when it only states the facts); positive, neutral and mostly positive mixed posts, neutral news of bad events and support agents' apologies are not negative. Learnt from VADER's judgement (Hutto & Gilbert 2014; compound ≤ −0.05) on tweets and from posts labelled by their writer.",
        data: [
          "No English sentiment gold labels are in the datasets folder. The texts of TweetEval offensive + hate, HASOC 2019 English and the complaints corpus were labelled with `vader-sentiment` (Apache-2.0, lexicon MIT) at training time.",
          "`scripts/train/data/negative-en-a.jsonl`: 791 English posts (397 negative) written for this project by an AI writing assistant from the definition above, across 25 subjects, with sarcasm, positive slang ('sick', 'brutal'), support agents' apologies, neutral news of outages and other hard cases, and labelled by their writer; 15 % to dev, the rest in training once or five times over (both variants compared). Dev: 600 of the VADER-labelled dev posts and the written posts' dev part. Not real posts; published with the project under its licence.",
          "The written English posts to companies of `scripts/train/data/complaints-en-a.jsonl`, `-a2.jsonl`, `-a3.jsonl` and (since 2026-12-05) `-a4.jsonl` (their training parts, opinions left out), read as sentiment — a complaint or an angry post about something else is negative; a question, praise, news, chatter, a support reply, an advert or a job post is not — in training three times over in a fourth variant (2026-12-05: set b F1 0.695 → 0.734, the complaint model's set b read as sentiment F1 0.78 → 0.90, agreement with VADER on its dev parts macro-F1 0.831 → 0.822).",
          "`scripts/train/data/negative-en-b.jsonl`: 400 more such posts (200 negative) written separately by another assistant, without sight of the training file or of this model; used only for the figure below, never to train or tune.",
        ],
        limits: [
          "Most training labels are VADER's, not people's: VADER's errors (sarcasm, domain words like 'cancelled', 'delayed') are partly learnt; the written posts correct some of them.",
          "The written posts are written, not collected: figures on set b (written the same way) overstate the quality on real posts.",
          "The two weak checks below (complaints, offensive tweets) only show that the score rises with related human labels.",
        ],
      },
    };
  });

  add("complaint-en", () => ({
    kind: "linear",
    name: "complaint-en",
    category: "complaint",
    lang: "en",
    // The corpus's tweets to companies are mostly complaints, so on it alone the model took praise and questions
    // written to a company for complaints; the written English posts (scripts/train/data) add such posts, and
    // their dev part joins the corpus's dev so that the threshold weighs both (docs/RISK-ENGINE.md).
    dev: join(
      "complaints dev + written English posts dev",
      set("", complaints().dev, oneLabel),
      set("", writtenEn().dev, writtenPositive),
      set("", writtenEnLookalike().dev, writtenPositive),
    ),
    variants: [
      set("complaints", complaints().train, oneLabel),
      join(
        "complaints + written English posts",
        set("", complaints().train, oneLabel),
        set("", writtenEn().train, writtenPositive),
      ),
      join(
        "complaints + written English posts + look-alikes",
        set("", complaints().train, oneLabel),
        set("", writtenEn().train, writtenPositive),
        set("", writtenEnLookalike().train, writtenPositive),
      ),
    ],
    extraDevs: [
      set("complaints dev (the corpus alone)", complaints().dev, oneLabel),
      set(
        "written English posts, set b (written apart, never used to train or tune)",
        loadWrittenLabelled("complaint", "complaints-en-b"),
        writtenPositive,
      ),
      set(
        "written look-alikes, set c: praise, thanks and questions that look like complaints, and complaints in friendly words (written apart, never used to train or tune)",
        loadWrittenLabelled("complaint", "complaints-en-c"),
        writtenPositive,
      ),
    ],
    // Everyday English messages. Two thirds of the corpus's non-complaints are random tweets and 62 % of its
    // tweets to companies are complaints, so on its own the model learns "written to a company" as much as "a
    // grievance" and flagged 28.8 % of people's everyday messages; 500 of them as negatives bring that to 5.9 %
    // with the same dev F1 (2,000 or all: fewer false alarms, but clear complaints missed; docs/RISK-ENGINE.md).
    ordinary: {
      train: set("ordinary English messages (SMS ham)", evenSample(hamOf(sms().train), 500), () => false),
      dev: set("ordinary English messages dev (SMS ham)", hamOf(sms().dev), () => false),
    },
    card: {
      definition:
        "A complaint: the author expresses that reality breaks their expectation, directed at a company (Preoţiuc-Pietro et al. 2019, 'Automatically Identifying Complaints in Social Media').",
      data: [
        "Complaints corpus (2,759 tweets, 80 % of the corpus: 1,579 tweets to companies, 985 of them complaints, and 1,180 random tweets as non-complaints; no licence stated).",
        "SMS Spam Collection v.1 (Almeida & Gómez Hidalgo 2011; free with attribution): 500 `ham` messages of the training part as everyday negatives, the `ham` of its own 15 % dev part for the false-alarm figure.",
        "`scripts/train/data/complaints-en-a.jsonl`, `-a2.jsonl`, `-a3.jsonl`: 1,689 English posts written for this project by three AI writing assistants from a written label definition (748 complaints; the rest mostly written to companies: praise, also praise that mentions the problem it solved, questions, chatter, support replies, news, and angry posts about other things; `-a2` short posts about 25 kinds of organisation other than telecoms, `-a3` longer mixed posts), invented company names, labelled by the writers; 15 % of them join the dev set. `complaints-en-b.jsonl`: 400 more (200 complaints) written separately by another assistant without sight of these, used only for the figure below.",
        "`scripts/train/data/complaints-en-a4.jsonl`: 500 English posts (250 complaints) by a fourth assistant from a brief on the shortcuts the model had learnt — durations ('for N years'), negations ('never', 'zero'), problem, bill and refund words, addressing the company ('you guys', @handles) — with those features on both sides: loyal customers' praise, thanks after a solved problem, calm questions about bills and direct debits, against long waits, double charges, missing refunds, sarcastic thanks and polite complaints (about 25 kinds of organisation, no telecoms). Its own 15 % to dev; a third variant with it is compared to the two before (2026-12-05). `complaints-en-c.jsonl`: 240 look-alikes (120 complaints) written by a fifth assistant from its own brief, without sight of a4; only for the figure below.",
      ],
      limits: [
        "Small: ~1,600 training tweets; brand and domain words (airlines, telecoms, apparel) carry much of the weight.",
        "Praise and questions written to a company come from written posts, not collected ones (no such English data is in the datasets folder); on the written set b one praise post in twelve is still flagged (5 of 60; 7 before `-a4.jsonl` joined), and on the look-alikes of set c, whose praise mentions problems, bills and refunds on purpose, about one in four (12 of 50; 20 before).",
      ],
      anchors: [
        "Preoţiuc-Pietro et al. 2019 (10-fold CV on the full corpus): logistic regression with BoW + features F1 ≈ 0.79, accuracy ≈ 80.5.",
      ],
    },
  }));

  add("fact_claim-de", () => ({
    kind: "linear",
    name: "fact_claim-de",
    category: "fact_claim",
    lang: "de",
    dev: set("germeval2021 dev (Sub3_FactClaiming)", ge21().dev, ge21Fact),
    variants: [set("germeval2021 Sub3_FactClaiming", ge21().train, ge21Fact)],
    extraDevs: [],
    card: {
      definition:
        "A fact claim: the comment asserts something checkable as fact (GermEval 2021 subtask 3 'fact-claiming comments'); relevant because only factual claims can be defamation (§ 186 StGB üble Nachrede).",
      data: [
        "GermEval 2021 training split, `Sub3_FactClaiming` (3,244 Facebook comments on a political talk show).",
      ],
      limits: [
        "One source (comments under a TV talk show's page); numbers, quotes and links drive the score.",
        "Does not check whether a claim is true.",
      ],
      anchors: ["GermEval 2021 subtask 3, official test split, macro-F1: best team 76.3."],
    },
  }));

  add("complaint-de", () => {
    const written = writtenDe();
    const social = writtenDeSocial();
    const everyday = writtenDeEveryday();
    const lookalike = writtenDeLookalike();
    return {
      kind: "linear",
      name: "complaint-de",
      category: "complaint",
      lang: "de",
      dev: join(
        "written German posts dev",
        set("", written.dev, writtenPositive),
        set("", social.dev, writtenPositive),
        set("", everyday.dev, writtenPositive),
        set("", lookalike.dev, writtenPositive),
      ),
      // Each written file joined a variant compared with the one before it (a1–a3, then a1–a4, a1–a5: dev AP 0.935 →
      // 0.945 → 0.950); since a6 only the last two are compared, as the earlier ones lack the sorts of post whose
      // dev parts are in the dev set.
      variants: [
        join(
          "written German posts (a1–a5)",
          set("", written.train, writtenPositive),
          set("", social.train, writtenPositive),
          set("", everyday.train, writtenPositive),
        ),
        join(
          "written German posts (a1–a6)",
          set("", written.train, writtenPositive),
          set("", social.train, writtenPositive),
          set("", everyday.train, writtenPositive),
          set("", lookalike.train, writtenPositive),
        ),
      ],
      extraDevs: [
        set(
          "written German posts, set b (written apart, never used to train or tune)",
          loadWrittenLabelled("complaint", "complaints-de-b"),
          writtenPositive,
        ),
        set(
          "written social-media-style posts, set c (written apart, never used to train or tune)",
          loadWrittenLabelled("complaint", "complaints-de-c"),
          writtenPositive,
        ),
        set(
          "written look-alikes, set d: praise, thanks and questions that look like complaints, and complaints in friendly words (written apart, never used to train or tune)",
          loadWrittenLabelled("complaint", "complaints-de-d"),
          writtenPositive,
        ),
        set("sb10k dev, negative=positive (weak check)", loadSb10k(dataDir, "dev"), negativeLabel),
      ],
      // Dev AP with 500, 1,000 and 2,000 ordinary posts: 0.930, 0.931, 0.935 (within the noise of 150 dev
      // posts); 1,000 as for toxic-de.
      ordinary: ordinaryGerman(1000),
      card: {
        definition:
          "A complaint in German: the author reports that a product, service or organisation they deal with fell short of what they expected (late, broken, wrong, overcharged, unanswered, rude) or demands redress — explicitly, implicitly or sarcastically (the definition of Preoţiuc-Pietro et al. 2019).",
        data: [
          "No German complaint corpus exists in the datasets folder. `scripts/train/data/complaints-de-a1.jsonl`, `-a2.jsonl` and `-a3.jsonl`: 1,498 German posts (750 complaints, 748 not: questions, praise, chatter, news, ads, job posts, support replies, opinions and angry posts about other things; a3 mostly longer posts of several sentences) written for this project by AI writing assistants from a written label definition, across 16 kinds of organisation (telecoms, energy, banks, insurers, authorities, landlords, streaming, gyms, shops, parcel services, travel, food, mobility, software, electronics, hotels), with invented names, dialect, slang, typos and sarcasm, and labelled by their writer. Not real posts; published with the project under its licence.",
          "`scripts/train/data/complaints-de-a4.jsonl`: 495 German posts (250 complaints) in the ways complaints are written on social media and the training posts above lacked: short outbursts with angry emoji, announcing that one leaves or cancels, demands for compensation or a refund, complaints about a branch or its staff, sarcasm and rhetorical questions, hashtag campaigns, calm factual complaints; as hard negatives angry posts about other things with the same emoji, calm questions about cancelling and refunds, praise, support replies, news of strikes and closures (21 kinds of organisation, no telecoms; 5 of the 500 written were within 0.75 of set b, set c or a2 and removed). Its own 15 % to dev; a training variant with it is compared to one without (2026-12-05: dev AP 0.941 → 0.949 on the dev parts of both).",
          "`scripts/train/data/complaints-de-a5.jsonl`: 495 German posts (249 complaints) of everyday breadth, mostly one or two sentences, by a third assistant from its own brief: delays and waiting, defects, wrong bills, failing apps, unkept promises, staff, fees, quality, bureaucracy, implicit complaints without a complaint word, against the author's own lateness, neutral reports and news of the same things, calm questions, praise, support replies (35 kinds of organisation, no telecoms; 5 of the 500 were within 0.75 of a1, a2, set b or set c and removed). Its own 15 % to dev; the variant with a1–a5 is compared to a1–a3 and a1–a4.",
          "`scripts/train/data/complaints-de-a6.jsonl`: 499 German posts (250 complaints) by a fourth assistant from a brief on the shortcuts the model had learnt — durations ('seit N Jahren'), negations ('nie', 'kein'), problem, bill and refund words, addressing the company ('euer', @handles) — with those features on both sides: loyal customers' praise, thanks after a solved problem, calm questions about bills and direct debits, happy news of changes, against long waits, double charges, missing refunds, sarcastic thanks and polite complaints (about 25 kinds of organisation, no telecoms; 1 of the 500 within 0.75 of another training file removed). Its own 15 % to dev; the variant with a1–a6 is compared to a1–a5 (2026-12-05: dev AP 0.948 → 0.953).",
          "`scripts/train/data/complaints-de-b.jsonl`: 400 more such posts (200 complaints) written separately by another assistant from its own brief, without sight of the training files or of this model; used only for the figure below, never to train or tune.",
          "`scripts/train/data/complaints-de-d.jsonl`: 240 look-alikes (120 complaints; the non-complaints praise, thanks, questions and reports that talk of time spans, past problems, money, waiting and address the organisation, the complaints sometimes in friendly words) written by a fifth assistant from its own brief, without sight of a6; only for the figure below.",
          "`scripts/train/data/complaints-de-c.jsonl`: 240 social-media-style posts (120 complaints, the same sorts as a4, and hard negatives alike) written by a third assistant from its own brief, without sight of a4; only for the figure below.",
          "SB10k + PotTS (neutral and positive tweets) as everyday German posts, all negatives: 1,000 of the training parts, the dev parts for the false-alarm figure.",
        ],
        limits: [
          "Written posts, not collected ones: real complaints are more varied, and the figures on set b (written the same way) are likely to overstate the quality on real posts. German complaint labels of real posts would be the next step.",
          "Praise and thanks that talk of problems, money or years as a customer are the most frequent false alarms: on the written look-alikes (set d) 28 of 50 such posts were flagged before `-a6.jsonl` joined and 24 after, questions 8 of 30 before and 3 after (2026-12-05). Calmer questions ('Wo finde ich in der App meine Rechnung?' 0.18 against a threshold of 0.33) and thanks after a fixed problem ('Endlich wieder Netz, danke!' 0.00) pass.",
          "Organisation names in the written posts are invented; the model has not learned any real brand.",
          "Small data: a complaint among other sentences scores lower than alone ('Der Techniker ist jetzt zum zweiten Mal nicht gekommen.' 0.95; with '@nordwind_hilfe' before it and 'Drei Tage Urlaub umsonst genommen.' after it 0.88, both flagged), and wording the written posts lack is missed ('Stromzähler zeigt viel zu hohen Verbrauch an!' 0.003); ads and angry posts about other things are the most frequent false alarms on set b.",
        ],
      },
    };
  });

  add("fact_claim-en", () => ({
    kind: "linear",
    name: "fact_claim-en",
    category: "fact_claim",
    lang: "en",
    dev: set("written English posts dev", claimsEn().dev, writtenPositive),
    variants: [set("written English posts", claimsEn().train, writtenPositive)],
    extraDevs: [
      set(
        "written English posts, set b (written apart, never used to train or tune)",
        loadWrittenLabelled("fact_claim", "factclaims-en-b"),
        writtenPositive,
      ),
      set(
        "complaints dev, complaint=positive (weak check: complaints are mostly not claims)",
        complaints().dev,
        oneLabel,
      ),
    ],
    ordinary: {
      train: set("ordinary English messages (SMS ham)", evenSample(hamOf(sms().train), 500), () => false),
      dev: set("ordinary English messages dev (SMS ham)", hamOf(sms().dev), () => false),
    },
    card: {
      definition:
        "A fact claim in English, as GermEval 2021 subtask 3 means it ('fact-claiming comments', an indication of a need for fact-checking): the post asserts as fact something about the world, an organisation, a product, a public person or a group that others could verify or refute — numbers, events, allegations, product properties, causes, attributed statements, reports, rumours passed on as fact — whether or not it is true. Opinions, insults, feelings, questions, requests, jokes, greetings, adverts, job posts, support replies, ordinary complaints about one's own experience and private everyday life are not claims. Only factual claims can be defamation (§ 186 StGB üble Nachrede); value judgements are insults (§ 185).",
      data: [
        "No English fact-claim corpus exists in the datasets folder. `scripts/train/data/factclaims-en-a.jsonl`: 800 English posts (400 claims: statistics, events, allegations, product facts, causes, quotes, reports, rumours; 400 not: opinions, personal anecdotes, questions, complaints, feelings, jokes, requests, insults, greetings, ads, job posts, support replies) written for this project by an AI writing assistant from the definition above, across 26 domains, with invented names, slang, typos and four varieties of English, and labelled by their writer. Not real posts; published with the project under its licence.",
        "`scripts/train/data/factclaims-en-b.jsonl`: 400 more such posts (200 claims) written separately by another assistant from its own brief, without sight of the training file or of this model; used only for the figure below, never to train or tune.",
        "SMS Spam Collection ham as everyday English messages, all negatives: 500 of the training part, the dev part for the false-alarm figure.",
      ],
      limits: [
        "Written posts, not collected ones: figures on set b (written the same way) are likely to overstate the quality on real posts.",
        "The line between a customer's own experience (not a claim) and a public accusation (a claim) is thin, and the model draws it from 800 examples.",
        "Organisation names in the written posts are invented; the model has not learned any real brand.",
      ],
    },
  }));

  // Threats of violence: written posts (no dataset here labels threats). The rule detector stays beside the
  // model (src/core/risk/assess.ts combines them); dataset posts it flags are left out of the negatives, as
  // GermEval's and TweetEval's offensive tweets hold a few real threats that would otherwise be learnt as harmless.
  // A threat is the top priority of the engine and alerts at once: a false one costs a team more than a miss
  // among the many posts a team reads, so at most one everyday post in two thousand may be flagged by the model.
  const threatFlagCap = 0.0005;
  const notRuleThreat = (lang: "de" | "en") => (rows: readonly LabelledText[]) =>
    rows.filter((row) => !detectThreat(row.text, { lang, org: noOrg, direction: "incoming" }).flagged);
  const threatCard = (lang: "de" | "en"): CardText => {
    const language = lang === "de" ? "German" : "English";
    return {
      definition: `A threat of violence in ${lang === "de" ? "a German" : "an English"} post: the author announces violence or serious physical harm against a person, a group, an organisation's staff or premises, calls for or wishes such violence on identifiable people, or intimidates or doxxes in a way that implies harm (scripts/train/data/README.md). Idioms, sport, games, fiction, news, self-directed exaggeration, jokes, furious complaints, legal threats and insults without violence are not threats.`,
      data: [
        `No dataset in the datasets folder labels threats. \`scripts/train/data/threats-${lang}-t1.jsonl\`, \`-t2.jsonl\`, \`-t3.jsonl\`: about 1,200 ${language} posts (600 threats) written for this project by three AI writing assistants from their own briefs (t1 posts to organisations, t2 posts about people, t3 veiled, conditional and coded threats), labelled by their writers; the harmless half shares words with threats on purpose (violent idioms, sport, games, crime fiction, news, safety warnings, legal threats, furious complaints). \`-p1.jsonl\`, \`-p2.jsonl\`: 400 minimal pairs by two more assistants, a threat and a harmless post with the same day, place, person or car. Not real posts; published with the project under its licence.`,
        lang === "de"
          ? "Dev: `threats-de-a.jsonl` and `threats-de-a2.jsonl` (500 posts, 250 threats), written earlier by two other assistants, choose the model, calibrate it and set its threshold with the everyday posts' dev part. `threats-de-b.jsonl` (200, 100 threats) was written apart and is only measured."
          : "Dev: `threats-en-a.jsonl` (300 posts, 150 threats), written earlier by another assistant, chooses the model, calibrates it and sets its threshold with the everyday posts' dev part. `threats-en-b.jsonl` (200, 100 threats) was written apart and is only measured.",
        lang === "de"
          ? "Negatives: the other written German posts (complaints-de-a1 to -a6, negative-de-a to -a3; their training parts) in every variant; in the third the tweets of GermEval 2018, 2019, 2021, HASOC 2019 (offensive ones included) and 2,000 SB10k and PotTS neutral and positive tweets. Posts the rule detector flags as threats are left out of the negatives. The dev parts of all of them are the everyday posts of the false-alarm figure and the cap."
          : "Negatives: the other written English posts (complaints-en-a to -a4, negative-en-a, factclaims-en-a; their training parts) in every variant; in the third the tweets of TweetEval offensive and hate, HASOC 2019 English, the complaints corpus and 1,000 SMS ham. Posts the rule detector flags as threats are left out of the negatives. The dev parts of all of them are the everyday posts of the false-alarm figure and the cap.",
      ],
      limits: [
        "Written posts, not collected ones: real threats are rarer, more varied and more often veiled; the figures on the written dev and held-out sets overstate the quality on real traffic.",
        "A linear model over character and word n-grams sees words, not who does what to whom: 'I'll kill you' between friends and 'I'll kill you' to a call-centre agent share their n-grams; the rules' joke and game dampers are not part of the model.",
        "The rule detector (src/core/risk/detectors/threat.ts) stays beside the model and explains its flags with the matched phrase; the model's flags are explained by the words that raised its score.",
      ],
    };
  };

  /**
   * A threat model. The other written posts of the language (to companies, angry or calm, sentiment, claims)
   * are negatives of every variant: written like the threats — whole sentences, days and times, addressing
   * someone — they keep the model from learning the way written posts are written as a threat. Tweets and
   * messages (`tweets`) join the third variant (English dev AP 0.64 → 0.89: without them the model does not know
   * tweets' language). Among so many tweets the written threats' days, places and named staff still weigh as
   * threat words ("next" +1.23, "branch" +1.17; 2026-12-05), which the minimal pairs and the capped threshold
   * keep in check (docs/RISK-ENGINE.md).
   */
  const threatRecipe = (
    lang: "de" | "en",
    devFiles: string[],
    written: Array<() => Split>,
    tweets: { train: LabelledText[]; dev: LabelledText[]; name: string },
  ): LinearRecipe => {
    const language = lang === "de" ? "German" : "English";
    const training = loadWrittenLabelled("threat", ...["t1", "t2", "t3"].map((t) => `threats-${lang}-${t}`));
    const pairs = loadWrittenLabelled("threat", `threats-${lang}-p1`, `threats-${lang}-p2`);
    const harmless = (rows: readonly LabelledText[]) => set("", notRuleThreat(lang)(rows), () => false);
    const writtenPart = (part: (split: Split) => LabelledText[]) => written.flatMap((split) => part(split()));
    const threats = set(`written ${language} threat posts (t1–t3)`, training, writtenPositive);
    const withPairs = join(
      `${threats.name} + minimal pairs (p1, p2)`,
      threats,
      set("", pairs, writtenPositive),
    );
    return {
      kind: "linear",
      name: `threat-${lang}`,
      category: "threat",
      lang,
      dev: set(
        `written ${language} threat posts dev (${devFiles.join(", ")})`,
        loadWrittenLabelled("threat", ...devFiles),
        writtenPositive,
      ),
      variants: [
        threats,
        withPairs,
        join(`${withPairs.name} + ${tweets.name}`, withPairs, harmless(tweets.train)),
      ],
      extraDevs: [
        set(
          `written ${language} threat posts, set b (written apart, never used to train or tune)`,
          loadWrittenLabelled("threat", `threats-${lang}-b`),
          writtenPositive,
        ),
      ],
      ordinary: {
        train: join(`the other written ${language} posts`, harmless(writtenPart((split) => split.train))),
        dev: join(
          `${tweets.name} and the other written ${language} posts: dev parts the rules do not flag`,
          harmless(tweets.dev),
          harmless(writtenPart((split) => split.dev)),
        ),
      },
      operatingPoint: { maxOrdinaryFlagRate: threatFlagCap },
      card: threatCard(lang),
    };
  };

  add("threat-de", () => {
    const debate = [ge18, ge19, ge21, hasocDe];
    return threatRecipe(
      "de",
      ["threats-de-a", "threats-de-a2"],
      [
        writtenDe,
        writtenDeSocial,
        writtenDeEveryday,
        writtenDeLookalike,
        sentimentDe,
        sentimentDeHard,
        sentimentDeQuestions,
      ],
      {
        name: "tweets (GermEval 2018, 2019, 2021, HASOC 2019, SB10k and PotTS neutral and positive)",
        train: [
          ...debate.flatMap((split) => split().train),
          ...evenSample(loadOrdinaryGerman(dataDir, "train"), 2000),
        ],
        dev: [...debate.flatMap((split) => split().dev), ...loadOrdinaryGerman(dataDir, "dev")],
      },
    );
  });

  add("threat-en", () => {
    const debate = [offensive, hate, hasocEn, complaints];
    return threatRecipe("en", ["threats-en-a"], [writtenEn, writtenEnLookalike, sentimentEn, claimsEn], {
      name: "tweets and messages (TweetEval offensive and hate, HASOC 2019 English, complaints, SMS ham)",
      train: [...debate.flatMap((split) => split().train), ...evenSample(hamOf(sms().train), 1000)],
      dev: [...debate.flatMap((split) => split().dev), ...hamOf(sms().dev)],
    });
  });

  return recipes;
}

function set(
  name: string,
  rows: readonly LabelledText[],
  positive: (row: LabelledText) => boolean,
): ExampleSet {
  return {
    name,
    examples: rows.map((row) => ({ text: row.text, y: positive(row) ? 1 : 0, source: row.source })),
  };
}

/** At most `limit` rows, evenly spaced over the list (deterministic). */
function evenSample<T>(rows: readonly T[], limit: number): T[] {
  if (rows.length <= limit) return [...rows];
  const step = rows.length / limit;
  return Array.from({ length: limit }, (_, i) => rows[Math.floor(i * step)] as T);
}

/**
 * `base` and `part` together, the part's negatives repeated so that its two classes weigh the same once the
 * trainer has weighed positives by the variant's negatives ÷ positives. Without it a part whose positive
 * share is above the base's (written posts, half of them positive, beside tweets with a sixth) reaches the
 * model as mostly positive, and what sets the part apart from the base — its style, its topics, words of
 * time — is learnt as the positive class. Repeating the part's negatives k = (B0 ÷ B1) × (P1 ÷ P0) times
 * (B, P: the base's and the part's counts of negatives 0 and positives 1) makes k·P0 = w·P1 for the whole
 * variant's weight w = (B0 + k·P0) ÷ (B1 + P1).
 */
export function balancedBeside(name: string, base: ExampleSet, part: ExampleSet, times = 1): ExampleSet {
  const b1 = base.examples.filter((e) => e.y === 1).length;
  const b0 = base.examples.length - b1;
  const positives = part.examples.filter((e) => e.y === 1);
  const negatives = part.examples.filter((e) => e.y === 0);
  const k = b1 === 0 || negatives.length === 0 ? 1 : (b0 / b1) * (positives.length / negatives.length);
  const repeat = (examples: Example[], n: number) => Array.from({ length: n }, () => examples).flat();
  return {
    name,
    examples: [
      ...base.examples,
      ...repeat(positives, times),
      ...repeat(negatives, Math.max(1, Math.round(times * k))),
    ],
  };
}

function join(name: string, ...sets: ExampleSet[]): ExampleSet {
  return { name, examples: sets.flatMap((part) => part.examples) };
}
