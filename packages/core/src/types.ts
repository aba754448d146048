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

/** The context a rule's validator sees for one pattern match. */
export interface MatchContext {
  /** The whole text being scanned. */
  text: string;
  /** Offsets of the match (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The regular-expression match itself, and which of the rule's patterns made it. */
  match: RegExpExecArray;
  patternIndex: number;
  /** What the file's name says it is (`env`, `yaml`, `python`, …). */
  fileKind: FileKind;
  /**
   * A validator may set this to an offset past the match: the pattern resumes its search
   * there. Used when the validator has read a whole word (an identifier) that a further match
   * inside it would read again, so that a megabyte of `openaiopenai…` costs one look, not one
   * per occurrence.
   */
  skipTo?: number;
}

/** A secret a rule found, before redaction: internal to core. */
export interface RawFinding {
  ruleId: string;
  /** Offsets of the secret itself in the scanned text. */
  start: number;
  end: number;
  /** A short label for the message: `project key`, `legacy user key`, `hard-coded value`. */
  label: string;
}

/** One finding, as every adapter reports it. Never holds a whole secret. */
export interface Finding {
  ruleId: string;
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
  /** The commit a history scan found it in. */
  commit?: string;
  /** What kind of key or value it is (`project key`, `hard-coded value`). */
  label: string;
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

/** A rule as data. */
export interface RuleDefinition {
  /** `<provider>-<what>`: `openai-api-key`. */
  id: string;
  /** One line: what the rule catches. */
  description: string;
  /** Why it matters and what to do; shown in SARIF help and the docs. */
  help: string;
  /**
   * Prefilter: a text that holds none of these (ASCII, matched case-insensitively) cannot
   * hold a finding, and is not decoded or matched. Every true positive holds one.
   */
  keywords: readonly string[];
  /** Patterns in linear-time syntax (no backreferences, no lookaround, no nested quantifiers). */
  patterns: readonly string[];
  /** Pattern flags (`i`); `g` and `d` are added by the engine. */
  flags?: string;
  /**
   * Decides what one match means: the secrets it holds (usually one), or none.
   * Placeholders and references are filtered here, in one place per rule.
   */
  validate(context: MatchContext): RawFinding[];
  examples: RuleExamples;
}

/** A rule with its patterns compiled through the linear-time seam. */
export interface Rule extends RuleDefinition {
  regexes: readonly RegExp[];
  /** Lower-cased keyword bytes for the prefilter. */
  keywordBytes: readonly Buffer[];
}
