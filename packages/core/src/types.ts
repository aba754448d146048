/**
 * The domain types of keyguard. Every adapter (CLI, ESLint plugin, pre-commit hook) speaks
 * in these; none of them holds a pattern of its own.
 */

/** Where scanned text came from. Paths use forward slashes, relative to the working directory. */
export interface Origin {
  /** The file's path as reported (`src/app.py`). Also picks the file kind (env, YAML, code…). */
  path?: string;
  /** The commit a history scan found the text in. */
  commit?: string;
}

/** How much a finding matters: which ones fail a scan is the CLI's `--fail-on`. */
export type Severity = 'error' | 'warning' | 'note';

/** The context a matcher's validator sees for one match of its pattern. */
export interface MatchContext {
  /** The whole text being scanned. */
  text: string;
  /** Offsets of the match (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The regular-expression match itself (with `indices`: patterns compile with `d`). */
  match: RegExpExecArray;
  /** What the file's name says it is (`env`, `yaml`, `python`, …). */
  fileKind: FileKind;
}

/** A secret a validator found in one match. The engine stamps the rule's id on it. */
export interface FoundSecret {
  /** Offsets of the secret itself in the scanned text. */
  start: number;
  end: number;
  /** A short label for the message (`project key`); the matcher's or the rule's label when left out. */
  label?: string;
  /** The environment variable a fix reads instead, when it is not the rule's (`AZURE_…` for an Azure client). */
  envVar?: string;
  /**
   * The secret as the program sees it, when the text at [start, end) spells it otherwise (a key
   * joined from pieces, or written with escapes): what the report redacts, the fingerprint
   * hashes and the allow list matches. The text at [start, end) when left out.
   */
  value?: string;
}

/**
 * What a validator returns: the secrets it found, and optionally where its pattern resumes its
 * search (past the match). A validator that has read a whole word (an identifier) returns its
 * end, so that a further match inside it is not read again: a megabyte of one repeated name
 * costs one look, not one per occurrence.
 */
export type MatchVerdict = readonly FoundSecret[] | { found: readonly FoundSecret[]; resumeAt?: number };

/** One way a rule finds its secret: a named, linear-time pattern and what a match means. */
export interface MatcherDefinition {
  /** Names the shape in tests and traces (`keyName`, `token`). Unique within the rule. */
  name: string;
  /** Linear-time syntax (no backreferences, no lookaround, no nested quantifiers). */
  pattern: string;
  /** Pattern flags (`i`); `g` and `d` are added by the engine. */
  flags?: string;
  /**
   * The named group that holds the secret; the whole match when left out. Used by the
   * default validator only.
   */
  secretGroup?: string;
  /** The finding's label; the rule's when left out. */
  label?: string;
  /**
   * Decides what one match means. Without one, a match is a secret when it (or its
   * `secretGroup`) is a whole token (no letter, digit, `_` or `-` on either side) and the
   * engine's placeholder check, run on what follows the rule's longest `redactPrefixes` entry,
   * does not call it made up. A validator mutates nothing.
   */
  validate?: (context: MatchContext) => MatchVerdict;
  /**
   * A cheap test at a place where a match may start, before the pattern runs there: the place
   * to go on from when no match starting between `at` and it gives a finding, and none resumes
   * past it (see `MatchVerdict`), so that skipping them changes nothing; undefined to run the
   * pattern. For a matcher whose validator rules out most matches by something it can read
   * without one (the assignment engine's `keyName`: a name that is no key's).
   */
  skipAt?: (text: string, at: number) => number | undefined;
  /**
   * Only for shapes precise enough to need no context (a marker-anchored key): what a match
   * in a binary file's raw bytes means. Binary files are scanned with the matchers that have
   * it, and with nothing else (scan-binary.ts).
   */
  validateInBinary?: (context: MatchContext) => MatchVerdict;
}

/** A secret a rule found, before redaction: internal to core. */
export interface RawFinding {
  ruleId: string;
  /** Offsets of the secret itself in the scanned text. */
  start: number;
  end: number;
  /** A short label for the message: `project key`, `legacy user key`, `hard-coded value`. */
  label: string;
  /** The environment variable a fix reads instead; the rule's when left out. */
  envVar?: string;
  /** The secret as the program sees it, when the text spells it otherwise (see `FoundSecret.value`). */
  value?: string;
}

/** What a rule's message is built from. */
export interface MessageParts {
  /** The finding's label (`project key`, `hard-coded key`). */
  label: string;
  /** The secret, redacted. */
  secret: string;
  /** The environment variable a fix reads instead. */
  envVar: string;
  /** Where the value was handed over, when an adapter knows (`new Client({ apiKey })`). */
  sink?: string;
  /**
   * What to do once the secret is rotated, for where it sits: `read it from <envVar>` in code,
   * `keep this env file out of git` in an env file (`.env`), which is where a secret belongs.
   */
  keepOut: string;
}

/** One finding, as every adapter reports it. Never holds a whole secret. */
export interface Finding {
  ruleId: string;
  /** The rule's severity. */
  severity: Severity;
  message: string;
  file: string;
  /** 1-based line and column (UTF-16 code units) of the first character of the secret. */
  line: number;
  column: number;
  /** 1-based line and column just past the secret's last character. */
  endLine: number;
  endColumn: number;
  /** The secret, redacted: a short prefix and suffix, never more than a quarter of it. */
  secret: string;
  /** Stable when the file's lines move; what a baseline records. */
  fingerprint: string;
  /**
   * The secret's own identity, whatever the file, line or rule: a truncated hash, never the
   * secret. Reports count distinct secrets with it (one key in three files is one key to rotate).
   */
  secretId: string;
  /** The commit a history scan found it in. */
  commit?: string;
  /** What kind of key or value it is (`project key`, `hard-coded value`). */
  label: string;
  /** The environment variable a fix reads instead of the literal (`ACME_API_KEY`). */
  envVar: string;
  /** Offsets of the secret in the scanned text (UTF-16 code units, end exclusive). */
  startOffset: number;
  endOffset: number;
}

/** How a file's name classifies it; rules use it where syntax differs (unquoted env values). */
export type FileKind =
  | 'env'
  | 'shell'
  | 'dockerfile'
  | 'yaml'
  | 'toml'
  | 'ini'
  | 'properties'
  | 'json'
  | 'notebook'
  | 'python'
  | 'javascript'
  | 'go'
  | 'java'
  | 'csharp'
  | 'ruby'
  | 'php'
  | 'markdown'
  | 'xml'
  /** Other source code (Swift, Rust, C, Dart, …): an unquoted word is an identifier, not a literal. */
  | 'code'
  | 'other';

/** Example texts a rule's tests run. `{key:proj}` and the like are filled by the fake-key helper. */
export interface RuleExamples {
  truePositives: readonly string[];
  falsePositives: readonly string[];
}

/** How a rule appears in the ESLint plugin. */
export interface EslintTwin {
  /** The ESLint rule's name, without the plugin prefix: `no-<id>` by default. */
  name: string;
  /**
   * Both are generated from the record by the plugin. `text`: a token rule, that scans the
   * file's text with core (what `keyguard scan` reports). `ast`: a sink rule, that also finds
   * the values handed to the record's `sinks` in the syntax tree (scope analysis, constants)
   * and asks core's `judgeSinkValue` about each; it needs `sinks`.
   */
  kind: 'text' | 'ast';
}

/**
 * Where a rule's secret is handed over in code, as data: what an adapter that reads a syntax
 * tree (the ESLint plugin's sink rules) looks for. A rule's text matchers are built from the
 * same tables (engine/assignment's `SinkFamily` holds these and more), so the editor and the
 * CLI agree on what a sink is.
 */
export interface SinkTables {
  /** True when a callee (`Client`, `pkg.Client`) is a constructor or factory whose options hold the key. */
  isSinkCallee(name: string): boolean;
  /** Option names that hold the key inside a sink's options (`apiKey`, `api_key`). */
  optionNames: readonly string[];
  /** Calls whose first argument is the key (`Client::client('…')`, `option.WithAPIKey("…")`). */
  positionalCallees: readonly string[];
  /** True when a variable, property or environment name says it holds the key (`ACME_API_KEY`). */
  isKeyName(name: string): boolean;
}

/** A label's own steps and env var (see `RuleDefinition.labels`). */
export interface LabelOverrides {
  remediation?: readonly string[];
  envFileRemediation?: readonly string[];
  envVar?: string;
  /** How `--verify` checks this label's secrets (an admin key asks the Admin API). */
  verify?: VerifyRequest;
}

/**
 * How `keyguard scan --verify` asks the provider whether a secret is live (issue 15,
 * docs/verify.md): one GET, read by the CLI's verifier, which names no provider itself.
 */
export interface VerifyRequest {
  /** Path and query on the API's base URL (or on the resource's host): `/v1/models`. */
  path: string;
  /** How the secret is sent: `Authorization: Bearer …`, or in an `api-key` header (Azure). */
  auth: 'bearer' | 'api-key';
  /** What reports call the request; `{resource}` stands for the resource's origin. */
  what: string;
  /** Only a secret starting with this is sent: anything else is not the whole key (why, for the report). */
  requirePrefix?: { prefix: string; otherwise: string };
  /**
   * The secret is valid only at its own resource, named near it in the text: a linear-time
   * pattern (RE2 syntax, case-insensitive) for the resource's origin, how far from the secret it
   * may be, and why nothing is sent without one.
   */
  resource?: { pattern: string; window: number; otherwise: string };
  /** When a 401 proves nothing (Azure answers it to a revoked key and to a wrong resource's alike): why. */
  ambiguousUnauthorized?: string;
}

/** A rule's `--verify` record: one request for all its findings, or one per env var they read; `otherwise` says why others are not sent. */
interface VerifyRecord {
  request?: VerifyRequest;
  byEnvVar?: Readonly<Record<string, VerifyRequest>>;
  otherwise: string;
}

/** A rule as data: one complete record, everything specific to it in one place. */
export interface RuleDefinition {
  /** `<provider>-<what>`: `acme-api-key`. */
  id: string;
  /** One line: what the rule catches. */
  description: string;
  /** Why it matters and what to do; shown in SARIF help and the docs. */
  help: string;
  severity: Severity;
  /** The label of a finding whose matcher and validator give none (`token`). */
  label?: string;
  /** The finding's message, from its label and redacted secret. Never the whole secret. */
  message: (parts: MessageParts) => string;
  /** What to do about a finding, in the order a person should do it. Reports list them. */
  remediation: readonly string[];
  /**
   * What to do when the secret sits in an env file (`.env`): there a secret is where it
   * belongs, and the fix is to keep the file out of git, not to read the value from the
   * environment. `remediation` when left out.
   */
  envFileRemediation?: readonly string[];
  /** The environment variable a fix reads instead of the literal; a finding may name another. */
  envVar: string;
  /**
   * What differs for the findings of one label (`admin key`): their steps, their env-file steps,
   * the env var a fix reads. The rule's own where left out. `remediationFor` reads the steps
   * when it is given findings.
   */
  labels?: Readonly<Record<string, LabelOverrides>>;
  /**
   * How `--verify` checks the rule's findings (a label may have its own: `labels`); without it
   * nothing of the rule's is ever sent.
   */
  verify?: VerifyRecord;
  /** The env var for a sink or name that calls for another than `envVar` (an Azure client); undefined for `envVar`. */
  envVarFor?: (sinkOrName: string) => string | undefined;
  /**
   * Prefixes redaction may show in full (they say which kind of secret leaked), and that the
   * default placeholder check skips. The longest that starts a secret counts.
   */
  redactPrefixes?: readonly string[];
  /**
   * Prefilter: a text that holds none of these (ASCII, matched case-sensitively on raw bytes)
   * cannot hold a finding, and is not decoded or matched. Every true positive holds one.
   */
  keywords: readonly string[];
  /**
   * Where the keywords stand: `secret` (the default) when every secret holds one on its own
   * line (`sk-` in a key), `file` when they only say the file is about the provider and the
   * secret is any value handed to a sink (an assignment rule's names). A history scan that sees
   * only the lines a commit added looks for `secret` keywords there, and for a value the rule
   * could report for `file` ones (added-text-filter.ts).
   */
  keywordsIn?: 'secret' | 'file';
  matchers: readonly MatcherDefinition[];
  /**
   * True when a value handed to one of the rule's sinks is made up (`judgeSinkValue` asks, and
   * the rule's own validators should too): the engine's `isPlaceholderValue` when left out.
   */
  isPlaceholderValue?: (value: string) => boolean;
  /**
   * Where the secret is handed over in code (constructors, option names, key names): an
   * `eslint.kind: 'ast'` twin finds these in the syntax tree and asks `judgeSinkValue`.
   */
  sinks?: SinkTables;
  /** The ESLint twin: `{ kind: 'text' }` (named `no-<id>`) by default; `false` for none. */
  eslint?: false | { name?: string; kind?: EslintTwin['kind'] };
  examples: RuleExamples;
}

/** A matcher with its pattern compiled through the linear-time seam. */
export interface Matcher extends MatcherDefinition {
  regex: RegExp;
  validate: (context: MatchContext) => MatchVerdict;
}

/** A rule with its matchers compiled, ready to run. */
export interface Rule extends Omit<RuleDefinition, 'matchers' | 'eslint' | 'isPlaceholderValue'> {
  matchers: readonly Matcher[];
  isPlaceholderValue: (value: string) => boolean;
  label: string;
  redactPrefixes: readonly string[];
  eslint: EslintTwin | null;
  /** Lower-cased keyword bytes for the prefilter. */
  keywordBytes: readonly Buffer[];
}
