/**
 * The assignment engine: finds a hard-coded string handed to a sink of one family (a
 * provider's SDK clients, its environment variable, its config sections), whatever the string
 * looks like. A rule for another family is a record of tables (`SinkFamily`) and
 * `matchers: assignmentMatchers(family)`; the engine holds no provider's names.
 *
 * Six kinds of match, one named matcher each:
 * - `keyName`: a name that says it holds the family's key (`<PROVIDER>_API_KEY=…`, `provider.api_key = …`);
 * - `option`: a generic option name (`api_key=`, `apiKey:`) inside a sink's arguments, a
 *   section named for the provider, or its configure block;
 * - `positional`: the first argument of a call that takes the key (`Provider::client('…')`);
 * - `sectionOption`: a common word (`key`, `secret`) inside a section named for the provider;
 * - `secondArgument`: the second argument of a client whose first is the model;
 * - `bearer`: a token sent in a header, in a request to the provider's host.
 */
import type { FoundSecret, MatchContext, MatcherDefinition, MatchVerdict } from '../../types';
import { meterWork } from '../work-meter';
import { enclosingCallee, enclosingSection, literalAssignedTo, objectNamesProvider, resolveConstant } from './context';
import {
  expandIdentifier,
  LINE_WINDOW,
  lineStartOf,
  MAX_VALUE,
  readAssignedValue,
  readElementText,
  readQuoted,
  readValue,
  skipSpaces,
  unquotedKind,
  wholeIdentifierAt,
  type ValueSpan,
} from './read';

/** What an assignment rule knows about its provider: tables, and a few predicates. */
export interface SinkFamily {
  /**
   * A case-insensitive, linear-time pattern of the word every key name and section holds:
   * where the `keyName` matcher starts looking (`acme_?corp` would find `acmecorp`, `ACME_CORP`).
   */
  nameWord: string;
  /** Values that name the provider in a `provider: "…"` member or line (pattern source, case-insensitive). */
  providerValue: string;
  /** True when a variable, property or environment name says it holds the family's key. */
  isKeyName(name: string): boolean;
  /** True when a callee (`Client`, `pkg.Client`, `Client::new`) is a constructor or factory whose options hold the key. */
  isSinkCallee(name: string): boolean;
  /** Option names that hold the key inside a sink's options (`apiKey`, `api_key`). */
  optionNames: readonly string[];
  /** Calls whose first argument is the key. */
  positionalCallees: readonly string[];
  /** Calls whose second argument is the key, after a quoted model name. */
  secondArgumentCallees: readonly string[];
  /** Common words that hold the key only inside a section named for the provider (`key`, `secret`). */
  sectionOptionNames: readonly string[];
  /** Ruby-style blocks whose options are the provider's (`Provider.configure do |config|`). */
  configureBlocks: readonly string[];
  /**
   * Hosts the provider's API is served from (`api.acme.com`; a subdomain counts): a bearer
   * token with a URL near it is the provider's only in a request to one of them. Without it, a
   * bearer token counts only where no URL is near (see `validateBearer`).
   */
  apiHosts?: readonly string[];
  /**
   * Calls whose argument at `index` (0-based) is the secret, whatever comes before it:
   * `hooks.verify(body, headers, secret)`. A literal there, or a constant set earlier, counts.
   */
  argumentCallees?: readonly { callee: string; index: number }[];
  /** False when the family's secret is never sent in a request header (no `bearer` matcher). Default true. */
  bearer?: boolean;
  /**
   * The rule's judgement for a value: true when it is not the family's secret (a placeholder,
   * a reference, or, for a rule whose secret has a shape, a value of another shape).
   */
  isPlaceholderValue(value: string): boolean;
  /** The environment variable a fix reads when a sink or name calls for another than the rule's. */
  envVarFor?(sinkOrName: string): string | undefined;
}

/**
 * Calls that set a variable from their second argument: `os.environ.setdefault("K", "v")`,
 * `define('K', 'v')`, `buildConfigField("String", "K", "\"v\"")`, `INSERT … VALUES ('k', 'v')`.
 * The line before the name must be the call and quoted arguments only.
 */
const SETTER_CALL =
  /\b(?:setdefault|putenv|setenv|Setenv|set_var|setProperty|SetEnvironmentVariable|store|update|define|buildConfigField|put|putString|setItem|VALUES|values)[ \t]*\(?(?:[ \t]*["'][^"'\n]*["'][ \t]*,)*[ \t]*$/;

/** After an environment read, a `??`, `||` or `or` fallback: `process.env.ACME_API_KEY ?? "…"` (`||=` and `??=` assign: readAssignedValue). */
const FALLBACK = /^["']?[ \t]*[)\]]?[ \t]*(?:\?\?(?!=)|\|\|(?!=)|\bor\b)[ \t]*/;
/** After the quoted name in a read, its default: `, "…"` or `, default="…"`. */
const DEFAULT_ARGUMENT = /^["'][ \t]*,[ \t]*(?:default[ \t]*=[ \t]*)?/;

/** A name of the environment-variable style: `ACME_API_KEY`, `ACME_ACCESS_TOKEN`. */
const isEnvStyleName = (name: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(name);

/** After a `name: "ACME_API_KEY"` or `key="AcmeKey"`, the `value` that goes with it, a line away at most. */
const PAIRED_VALUE = /^["']?[ \t]*(?:,[ \t]*|\r?\n[ \t]*-?[ \t]*|[ \t]+)["']?value["']?[ \t]*[:=][ \t]*/;

const escapeForPattern = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The named matchers of an assignment rule for `family`. */
export function assignmentMatchers(family: SinkFamily): MatcherDefinition[] {
  const provider = new RegExp(family.nameWord, 'i');
  const providerMember = new RegExp(
    String.raw`["']?(?:provider|type|name|api_type|vendor|kind)["']?[ \t]*[:=][ \t]*["'](?:${family.providerValue})["']`,
    'i',
  );
  const providerLine = new RegExp(
    String.raw`^\s*-?\s*["']?(?:provider|type|api_type|client|vendor)["']?\s*[:=]\s*["']?(?:${family.providerValue})\b`,
    'i',
  );
  const elixirConfig = new RegExp(String.raw`^config :${family.nameWord}\w*\s*,`, 'i');
  const isProviderSection = (section: string | undefined): boolean => section !== undefined && provider.test(section);

  const found = (text: string, value: ValueSpan | undefined, envVar?: string): FoundSecret[] => {
    if (!value) return [];
    if (family.isPlaceholderValue(text.slice(value.start, value.end))) return [];
    return [{ start: value.start, end: value.end, ...(envVar ? { envVar } : {}) }];
  };
  const envVarFor = (name: string | undefined): string | undefined => (name === undefined ? undefined : family.envVarFor?.(name));

  /** `keyName`: a name that says it holds the family's key. Resumes past the name either way. */
  const validateKeyName = (context: MatchContext): MatchVerdict => {
    const name = expandIdentifier(context.text, context.start, context.end);
    // Another name word inside the same name would read the same name again.
    return { found: keyNameFinding(context, name), resumeAt: name.end };
  };

  /**
   * Before the keyName pattern runs at a place: a name that is a whole short identifier and no
   * key name (most names that hold the provider's word: its package, its types, its client)
   * gives no finding from any match in it, and validateKeyName would resume past it.
   */
  const skipKeyName = (text: string, at: number): number | undefined => {
    const name = wholeIdentifierAt(text, at);
    return name && !family.isKeyName(text.slice(name.start, name.end)) ? name.end : undefined;
  };

  const keyNameFinding = (context: MatchContext, name: { start: number; end: number }): FoundSecret[] => {
    const { text, fileKind } = context;
    const nameText = text.slice(name.start, name.end);
    if (!family.isKeyName(nameText)) return [];
    // A name that calls for no other env var may sit in a call that does (`AzureClient(acme_api_key=…)`).
    const finding = (text: string, value: ValueSpan | undefined): FoundSecret[] => {
      const spans = found(text, value);
      const envVar = spans.length > 0 ? (envVarFor(nameText) ?? envVarFor(enclosingCallee(text, spans[0].start)?.name)) : undefined;
      return envVar ? spans.map((span) => ({ ...span, envVar })) : spans;
    };
    let before = name.start;
    let quotedName = false;
    if (/["'`]/.test(text[before - 1] ?? '')) {
      quotedName = true;
      before--;
      if (text[before - 1] === '\\') before--;
    }
    const prefix = text.slice(Math.max(0, before - 40), before);
    // `$ACME_API_KEY` and `${ACME_API_KEY}` read the variable (PHP's `$name = …` assigns).
    if (!quotedName && /\$\{?$/.test(prefix) && fileKind !== 'php') return [];
    // `%ACME_API_KEY%` (Windows) and `$(ACME_API_KEY)` (make) read it too.
    if (!quotedName && (/%$/.test(prefix) || /\$\($/.test(prefix))) return [];
    const lineStart = lineStartOf(text, name.start, LINE_WINDOW);
    const setter = quotedName && SETTER_CALL.test(text.slice(Math.max(lineStart, before - 120), before));
    // A read (`os.getenv("ACME_API_KEY")`, `process.env.ACME_API_KEY`) is the remedy, but a
    // literal fallback in it is hard-coded all the same: `os.getenv("ACME_API_KEY", "…")`,
    // `env.str("ACME_API_KEY", default="…")`, `process.env.ACME_API_KEY ?? "…"`.
    const after = text.slice(name.end, name.end + 40);
    const fallback = FALLBACK.exec(after);
    if (fallback) return finding(text, readQuoted(text, name.end + fallback[0].length));
    // A named argument is an assignment: `Sys.setenv(ACME_API_KEY = "…")`, `dict(acme_key="…")`.
    const namedArgument = !quotedName && /^[ \t]*=(?![=>])/.test(after);
    if (/\(\s*$/.test(prefix) && !setter && !namedArgument) {
      const defaulted =
        quotedName && /\b(?:getenv|get|str|env|config|getProperty|GetEnvironmentVariable|getOrDefault|fetch)[ \t]*\([ \t]*$/.test(prefix)
          ? DEFAULT_ARGUMENT.exec(after)
          : null;
      return defaulted ? finding(text, readQuoted(text, name.end + defaulted[0].length)) : [];
    }
    // Kubernetes, Terraform, Postman and appSettings: `name: ACME_API_KEY` then `value: "…"`.
    if (/\b(?:name|key)["']?\s*[:=]\s*$/i.test(prefix)) {
      const paired = PAIRED_VALUE.exec(text.slice(name.end, name.end + 200));
      if (paired)
        return finding(text, readValue(text, name.end + paired[0].length, fileKind === 'json' || fileKind === 'xml' ? 'json' : 'yaml'));
      if (quotedName && /["']>/.test(text.slice(name.end, name.end + 2))) return finding(text, readElementText(text, name.end + 2));
      return [];
    }
    const linePrefix = text.slice(lineStart, name.start);
    const space = /^\s*(?:ENV|ARG|setenv|setx|set\s+-\w+|set|#\s*define)\s+$/i.test(linePrefix) && fileKind !== 'python';
    // An iOS property list: `<key>ACME_API_KEY</key>` then `<string>…</string>`.
    if (/<key>$/.test(prefix)) {
      const plist = /^<\/key>\s{0,200}?<string>/.exec(text.slice(name.end, name.end + 220));
      return plist ? finding(text, readElementText(text, name.end + plist[0].length)) : [];
    }
    // `ACME_API_KEY=v` inside a command line (a package.json script, a notebook's `%env`) is a
    // literal even in a code file: an environment name directly followed by `=`.
    const unquoted = isEnvStyleName(nameText) && text[name.end] === '=';
    return finding(text, readAssignedValue(text, name.end, fileKind, { comma: setter, space, unquoted }));
  };

  /** `option` and `sectionOption`: a generic option name, a sink only inside the family's call, section or block. */
  const validateOption = (context: MatchContext, sectionOnly: boolean): FoundSecret[] => {
    const { text, start, end, fileKind } = context;
    const name = expandIdentifier(text, start, end);
    if (name.start !== start || name.end !== end) {
      if (sectionOnly) return [];
      // Part of a longer name (`my_api_key`, `config.api_key`): only `x.apiKey` on a client is a sink.
      const whole = text.slice(name.start, name.end);
      if (family.isKeyName(whole)) return []; // keyName reports it
      if (!/^(?:config|c|configuration|options|opts|client|settings)\.(?:api_?key|access_?token|apiKey)$/i.test(whole)) return [];
    }
    // The value first: it is cheap to read and rules most matches out before the context look-back.
    const value = readAssignedValue(text, name.end, fileKind, { comma: false, space: false });
    const spans = value ? found(text, value) : sectionOnly ? [] : found(text, resolveConstant(text, name, fileKind));
    if (spans.length === 0) return [];
    const enclosing = enclosingCallee(text, name.start);
    const withEnv = (sinkName: string | undefined): FoundSecret[] => {
      const envVar = envVarFor(sinkName);
      return envVar ? spans.map((span) => ({ ...span, envVar })) : spans;
    };
    if (sectionOnly) {
      // `key`, `default` and `secret` are common words: inside the provider's section the value
      // must also look like a credential (letters and digits, not `gpt-4o-mini` or `us-east-1`),
      // and `default` counts only in a block named for the key (`variable "<provider>_api_key" {`).
      const literal = text.slice(spans[0].start, spans[0].end);
      if (!/[0-9]/.test(literal) || !/[A-Za-z]/.test(literal) || /^[a-z0-9]{1,12}(?:[-.:][a-z0-9]{1,12})+$/i.test(literal)) return [];
      if (text.slice(name.start, name.end) === 'default') {
        return enclosing?.kind === 'section' && family.isKeyName(enclosing.name) ? withEnv(enclosing.name) : [];
      }
    }
    if (
      enclosing &&
      (sectionOnly ? enclosing.kind === 'section' && isProviderSection(enclosing.name) : family.isSinkCallee(enclosing.name))
    ) {
      return withEnv(enclosing.name);
    }
    const section = enclosingSection(text, name.start, providerLine);
    if (isProviderSection(section)) return withEnv(section);
    if (objectNamesProvider(text, name.start, providerMember)) return spans;
    // Elixir: `config :<provider>, api_key: "…"`.
    const elixir = text.slice(Math.max(0, name.start - 300), name.start);
    meterWork(elixir.length);
    const config = elixir.lastIndexOf('config :');
    if (config !== -1 && elixirConfig.test(elixir.slice(config)) && !/\n\s*\n/.test(elixir.slice(config))) return spans;
    if (sectionOnly) return [];
    const window = text.slice(Math.max(0, name.start - 600), name.start);
    meterWork(window.length);
    for (const block of family.configureBlocks) {
      const configure = window.lastIndexOf(block);
      if (configure !== -1 && !/\n\s*end\b/.test(window.slice(configure))) return spans;
    }
    return [];
  };

  /** `positional`: the first argument of a call that takes the key. */
  const validatePositional = ({ text, start, end, fileKind }: MatchContext): FoundSecret[] => {
    const envVar = envVarFor(text.slice(start, end));
    let at = skipSpaces(text, end);
    // The value on the next line: `NewClient(` then `"…",`. One line break at most, a quoted literal only.
    const nextLine = /^\r?\n[ \t]*(?=["'`])/.exec(text.slice(at, at + 120));
    if (nextLine) at += nextLine[0].length;
    const value = readValue(text, at, fileKind === 'json' || fileKind === 'notebook' ? fileKind : 'javascript');
    if (value) return found(text, value, envVar);
    // A constant set earlier: `apiKey := "…"` then `client.New(apiKey)`.
    const name = /^([A-Za-z_$][\w$]*)[ \t]*[,)]/.exec(text.slice(at, at + 80));
    return name && (!unquotedKind(fileKind) || fileKind === 'other') ? found(text, literalAssignedTo(text, name[1], at), envVar) : [];
  };

  /**
   * `bearer`: a token sent to the provider's API in a header: `Authorization: Bearer …` in
   * header syntax (a header object or map, a `-H` argument, an HTTP file, `headers["…"] =`), or
   * an `api-key: …` header, in a request to one of the provider's hosts (the URL nearest to the
   * header within BEARER_WINDOW characters), or in the default headers handed to its client.
   * Not an expectation or a comparison (`==`, `toBe(`, `assert …`, `expected…`), not a regular
   * expression, not the word "bearer" in a shell value or in prose. A whole key there is the
   * key rule's (overlaps go to the earlier rule).
   */
  const validateBearer = ({ text, start, end, match }: MatchContext): FoundSecret[] => {
    const lineStart = lineStartOf(text, start, LINE_WINDOW);
    const before = text.slice(lineStart, start);
    if (/^bearer/i.test(match[0]) && !HEADER_BEFORE_BEARER.test(before) && !isHeaderListItem(text, lineStart, before)) return [];
    if (COMPARISON_BEFORE.test(before) || isInsideExpectation(text, lineStart)) return [];
    let stop = end;
    const limit = Math.min(text.length, end + MAX_VALUE);
    while (stop < limit && /[A-Za-z0-9._~+/=:-]/.test(text[stop])) stop++;
    if (stop === end) return [];
    // Part of a longer expression (`"Bearer " + key`, `Bearer ${key}`, `f"Bearer {key}"`).
    if (/[$\{(]/.test(text[stop] ?? '')) return [];
    if (COMPARISON_AFTER.test(text.slice(stop, stop + 8))) return [];
    const sentTo = sentToProvider(text, start, lineStart, stop);
    if (!sentTo) return [];
    return found(text, { start: end, end: stop, quoted: false }, sentTo === true ? undefined : envVarFor(sentTo));
  };

  /**
   * True when the URL nearest to `at` is the provider's; with no URL near, when the header's own
   * line names the provider (`{"api-key": "…"}  # Azure <Provider>`) or the header is among the
   * default headers handed to its client. A header in a file that names the provider only
   * elsewhere (a test of a generic HTTP helper) is not its request.
   */
  /** Also says which host, when a URL decided it (its env var may differ: an Azure host's). */
  const sentToProvider = (text: string, at: number, lineStart: number, stop: number): string | boolean => {
    const from = Math.max(0, at - BEARER_WINDOW);
    const near = text.slice(from, Math.min(text.length, at + BEARER_WINDOW));
    meterWork(near.length);
    let nearest: { host: string; distance: number } | undefined;
    for (const url of near.matchAll(/\bhttps?:\/\/([A-Za-z0-9.-]+)/gi)) {
      const distance = Math.abs(from + (url.index ?? 0) - at);
      if (!nearest || distance < nearest.distance) nearest = { host: url[1].toLowerCase(), distance };
    }
    if (nearest) return (family.apiHosts ?? []).some((host) => nearest.host === host || nearest.host.endsWith(`.${host}`)) && nearest.host;
    // The line around the header, without the token itself; LINE_WINDOW characters after it at
    // most (a bounded read keeps the scan linear).
    const rest = text.slice(stop, Math.min(text.length, stop + LINE_WINDOW));
    const line = text.slice(lineStart, at) + (rest.includes('\n') ? rest.slice(0, rest.indexOf('\n')) : rest);
    return provider.test(line) || (/default_?headers/i.test(near) && provider.test(near));
  };

  /** `secondArgument`: the second argument, when the first is a quoted string (the model). */
  const validateSecondArgument = ({ text, end }: MatchContext): FoundSecret[] => {
    const model = readQuoted(text, skipSpaces(text, end));
    if (!model) return [];
    const comma = /^["'][ \t]*,[ \t]*/.exec(text.slice(model.end, model.end + 20));
    return comma ? found(text, readQuoted(text, model.end + comma[0].length)) : [];
  };

  /** `argument`: the argument at the callee's index, after the ones before it (bounded, one line or a few). */
  const validateArgument = ({ text, start, end, fileKind }: MatchContext): FoundSecret[] => {
    const called = /([A-Za-z_][\w.:]*)[ \t]*\([ \t]*$/.exec(text.slice(start, end));
    if (!called) return [];
    const entry = argumentIndex.get(called[1].toLowerCase());
    if (entry === undefined) return [];
    const at = argumentStart(text, end, entry);
    if (at === undefined) return [];
    const envVar = envVarFor(called[1]);
    const value = readValue(text, at, fileKind === 'json' || fileKind === 'notebook' ? fileKind : 'javascript');
    if (value) return found(text, value, envVar);
    const name = /^([A-Za-z_$][\w$]*)[ \t]*[,)]/.exec(text.slice(at, at + 80));
    return name && (!unquotedKind(fileKind) || fileKind === 'other') ? found(text, literalAssignedTo(text, name[1], at), envVar) : [];
  };
  const argumentIndex = new Map((family.argumentCallees ?? []).map(({ callee, index }) => [callee.toLowerCase(), index]));

  const choice = (names: readonly string[]): string => names.map(escapeForPattern).join('|');
  // A table left empty has no matcher (an empty alternation would match everywhere).
  const when = (names: readonly unknown[] | undefined, matcher: MatcherDefinition): MatcherDefinition[] =>
    names && names.length > 0 ? [matcher] : [];
  return [
    { name: 'keyName', pattern: family.nameWord, flags: 'i', validate: validateKeyName, skipAt: skipKeyName },
    ...when(family.optionNames, {
      name: 'option',
      pattern: String.raw`\b(?:${choice(family.optionNames)})\b`,
      flags: 'i',
      validate: (context) => validateOption(context, false),
    }),
    // Not inside a longer name (`getApiKey(`): the character before is not a letter or digit.
    ...when(family.positionalCallees, {
      name: 'positional',
      pattern: String.raw`(?:^|[^A-Za-z0-9_])(?:${choice(family.positionalCallees)})[ \t]*\([ \t]*`,
      flags: 'i',
      validate: validatePositional,
    }),
    ...when(family.sectionOptionNames, {
      name: 'sectionOption',
      pattern: String.raw`\b(?:${choice(family.sectionOptionNames)})\b`,
      flags: 'i',
      validate: (context) => validateOption(context, true),
    }),
    ...when(family.secondArgumentCallees, {
      name: 'secondArgument',
      pattern: String.raw`(?:^|[^A-Za-z0-9_.])(?:${family.secondArgumentCallees.join('|')})[ \t]*\([ \t]*`,
      flags: 'i',
      validate: validateSecondArgument,
    }),
    ...when(family.argumentCallees, {
      name: 'argument',
      pattern: String.raw`(?:^|[^A-Za-z0-9_])(?:${choice((family.argumentCallees ?? []).map(({ callee }) => callee))})[ \t]*\([ \t]*`,
      flags: 'i',
      validate: validateArgument,
    }),
    ...when(family.bearer === false ? [] : [true], {
      name: 'bearer',
      pattern: String.raw`\b(?:Bearer[ \t]+|api-key["']?[ \t]*:[ \t]*["']?)`,
      flags: 'i',
      label: 'bearer token',
      validate: validateBearer,
    }),
  ];
}

/**
 * Where the argument at `index` of a call starts, from just past its `(`: skips the arguments
 * before it (quoted strings and bracketed expressions whole), at most MAX_VALUE characters.
 * Undefined when the call closes first.
 */
function argumentStart(text: string, at: number, index: number): number | undefined {
  const limit = Math.min(text.length, at + MAX_VALUE);
  let depth = 0;
  let commas = 0;
  let i = at;
  for (; i < limit && commas < index; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      const close = text.indexOf(ch, i + 1);
      if (close === -1 || close >= limit) return undefined;
      i = close;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) return undefined;
      depth--;
    } else if (ch === ',' && depth === 0) commas++;
  }
  if (commas < index) return undefined;
  while (i < limit && /\s/.test(text[i])) i++;
  return i;
}

/** How far from the provider's host a bearer token counts as its key (either side). */
const BEARER_WINDOW = 600;

/**
 * The start of a line up to `Bearer`, in header syntax: `Authorization: `, `"Authorization": "`,
 * `("Authorization", "`, `['Authorization'] = '`, `-H "Authorization: `, `Authorization => '`.
 */
const HEADER_BEFORE_BEARER = /\bauthorization["'`]?\]?[ \t]*(?::|=>|=|,)[ \t]*(?:[A-Za-z]{0,2}["'`])?[ \t]*$/i;

/** What may stand before a header value that is an item of a list: `- ` (YAML) or a quote (JSON). */
const LIST_ITEM_BEFORE = /^[ \t]*(?:-[ \t]+)?["']?$/;
/** The line that opens the header's list of values: `Authorization:` (YAML), `"Authorization": [` (JSON). */
const HEADER_OPENS_LIST = /\bauthorization["']?[ \t]*:[ \t]*\[?[ \t]*\r?$/i;

/**
 * True for a header value written as the first item of the header's list, on the line after its
 * name: how HTTP recordings (VCR and vcrpy cassettes, Polly and nock JSON) store a request's
 * headers (`Authorization:` then `- Bearer …`). Reads the one line before, at most LINE_WINDOW
 * characters of it.
 */
function isHeaderListItem(text: string, lineStart: number, before: string): boolean {
  if (lineStart === 0 || !LIST_ITEM_BEFORE.test(before)) return false;
  const previousStart = lineStartOf(text, lineStart - 1, LINE_WINDOW);
  return HEADER_OPENS_LIST.test(text.slice(previousStart, lineStart - 1));
}

/** An expectation or comparison on the line before a header value: a test's, not a request's. */
const COMPARISON_BEFORE =
  /[=!]==?|\b(?:toBe|toEqual|toStrictEqual|toMatch|toContain|toHaveBeenCalledWith|eq|eql|equal|equals|assert\w*|expect|refute\w*|should)\b|\bexpected\w*/i;

/** How far back an expectation whose arguments span several lines is looked for. */
const EXPECTATION_WINDOW = 400;

/** The opening of an expectation's arguments or of an expected value: `toHaveBeenCalledWith(`, `assert…(`, `expected_headers = {`. */
const EXPECTATION_OPENS =
  /\b(?:toBe|toEqual|toStrictEqual|toMatchObject|toHaveBeenCalledWith|toHaveBeenLastCalledWith|toHaveBeenNthCalledWith|expect|assert\w*|eq|eql|equal|equals|deepEqual|deepStrictEqual|assertEquals|assertThat)[ \t]*\(|\bexpected\w*[ \t]*(?::[^=\n]{0,60})?=[ \t]*/gi;

/**
 * True when the line at `lineStart` is inside the arguments of an expectation or the literal of
 * an expected value that opened on an earlier line (`expect(fetch).toHaveBeenCalledWith(url, {`
 * then `headers: { Authorization: 'Bearer …' }`): an opener within EXPECTATION_WINDOW characters
 * whose brackets are not closed before the line. Bounded, so the scan stays linear.
 */
function isInsideExpectation(text: string, lineStart: number): boolean {
  const from = Math.max(0, lineStart - EXPECTATION_WINDOW);
  const window = text.slice(from, lineStart);
  let last: RegExpExecArray | undefined;
  EXPECTATION_OPENS.lastIndex = 0;
  for (let match = EXPECTATION_OPENS.exec(window); match; match = EXPECTATION_OPENS.exec(window)) last = match;
  if (!last) return false;
  let depth = /[(]$/.test(last[0]) ? 1 : 0;
  for (let i = last.index + last[0].length; i < window.length; i++) {
    const ch = window[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth > 0;
}

/** A comparison right after the value: `"Bearer …" == header`. */
const COMPARISON_AFTER = /^["'`]?[ \t]*[=!]=/;
