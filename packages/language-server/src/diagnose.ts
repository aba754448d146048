import {
  applyBaseline,
  findSecretsInPath,
  fileKindOf,
  isLockfile,
  redactSecretsIn,
  ruleDocsUrl,
  scanText,
  type Finding,
  type Severity,
} from '@keyguard/core';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileOfUri } from './uris';
import { pathFromRoot, rootOfFile, type SettingsCache, type RootSettings } from './workspace';

/** The server's own settings (initializationOptions, or `keyguard` in workspace/didChangeConfiguration). */
export interface ServerSettings {
  enable: boolean;
  /** Leave JavaScript and TypeScript to the ESLint plugin, which reports the same keys there. */
  skipJavaScript: boolean;
  /** Show only findings at least this severe. */
  severityThreshold: Severity;
  /** How long after the last change a document is scanned again (push diagnostics). */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, skipJavaScript: false, severityThreshold: 'note', debounceMs: 50 };

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for the code actions (never the secret: only its fingerprint). */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  /** The secret is in the file's name. */
  inPath?: true;
}

/** LSP language ids of the files the ESLint plugin checks. */
const JAVASCRIPT_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

/**
 * A file name whose extension gives core the file kind of a document that has none in its
 * path: an untitled buffer, or a notebook cell (`vscode-notebook-cell:` URIs name the
 * notebook, `.ipynb`, whose kind is JSON, while the cell's text is code in the cell's language).
 */
const NAME_FOR_LANGUAGE: Record<string, string> = {
  python: 'cell.py',
  javascript: 'cell.js',
  javascriptreact: 'cell.jsx',
  typescript: 'cell.ts',
  typescriptreact: 'cell.tsx',
  shellscript: 'cell.sh',
  powershell: 'cell.ps1',
  yaml: 'cell.yaml',
  json: 'cell.json',
  jsonc: 'cell.json',
  toml: 'cell.toml',
  ini: 'cell.ini',
  properties: 'cell.properties',
  dotenv: '.env',
  dockerfile: 'Dockerfile',
  markdown: 'cell.md',
  go: 'cell.go',
  java: 'cell.java',
  kotlin: 'cell.kt',
  csharp: 'cell.cs',
  ruby: 'cell.rb',
  php: 'cell.php',
  r: 'cell.r',
  julia: 'cell.jl',
  rust: 'cell.rs',
  xml: 'cell.xml',
  html: 'cell.html',
};

/** How the document is seen: its file, the root whose settings apply, the paths core is given. */
export interface DocumentPlace {
  /** Undefined for a document without a file (`untitled:`). */
  file?: string;
  settings: RootSettings;
  /** The path from the root ('' without a file): what the CLI reports and fingerprints. */
  path: string;
  /** The name whose extension picks the file kind. */
  kindPath: string;
  isNotebookCell: boolean;
}

export function placeOf(document: TextDocument, cache: SettingsCache, workspaceFolders: readonly string[]): DocumentPlace {
  const file = fileOfUri(document.uri);
  const byLanguage = NAME_FOR_LANGUAGE[document.languageId];
  if (!file) {
    return { settings: cache.get(workspaceFolders[0] ?? process.cwd()), path: '', kindPath: byLanguage ?? '', isNotebookCell: false };
  }
  const settings = cache.get(rootOfFile(file.path, workspaceFolders));
  const path = pathFromRoot(file.path, settings.root) ?? file.path.split('\\').join('/');
  // A lock file keeps its name, whatever the editor calls its language: core scans it for key
  // shapes only (rulesFor), as the CLI does.
  const kindPath = (file.isNotebookCell || (fileKindOf(path) === 'other' && !isLockfile(path))) && byLanguage ? byLanguage : path;
  return { file: file.path, settings, path, kindPath, isNotebookCell: file.isNotebookCell };
}

/** Why a document is not scanned, or undefined when it is. */
export function skipReason(document: TextDocument, place: DocumentPlace, settings: ServerSettings): string | undefined {
  if (!settings.enable) return 'disabled';
  if (settings.skipJavaScript && (JAVASCRIPT_LANGUAGES.has(document.languageId) || fileKindOf(place.kindPath) === 'javascript'))
    return 'javascript';
  const inRoot = place.file === undefined ? undefined : pathFromRoot(place.file, place.settings.root);
  if (inRoot !== undefined && place.settings.ignore.isExcluded(inRoot, false)) return 'ignored';
  if (Buffer.byteLength(document.getText(), 'utf8') > place.settings.config.maxFileSize) return 'too-large';
  return undefined;
}

/**
 * What the editor shows for a document it was asked to judge and did not scan because the
 * config's maxFileSize excludes it: nothing passes silently (the CLI counts it as skipped).
 */
export function notScannedDiagnostic(document: TextDocument, place: DocumentPlace): Diagnostic {
  const bytes = Buffer.byteLength(document.getText(), 'utf8');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'keyguard',
    message: `Not scanned: ${bytes} bytes, larger than the config's maxFileSize (${place.settings.config.maxFileSize}). Raise maxFileSize in keyguard.config.json to scan it.`,
  };
}

/**
 * The scan `keyguard scan` runs for the file (scan.ts's scanItem): core's scanText with the
 * config's rules and allow list, the path from the repository root for the fingerprint,
 * inline ignores, secrets in the path itself, then the baseline.
 */
export function findingsOf(text: string, place: DocumentPlace): Finding[] {
  const { config, baseline } = place.settings;
  const fingerprintPath = place.path;
  // As the CLI reports it: the path with its secrets redacted.
  const file = redactSecretsIn(place.path);
  const content = scanText(text, { path: place.kindPath, rules: config.rules, allow: config.allow, fingerprintPath }).map((finding) => ({
    ...finding,
    file,
  }));
  // A cell is part of the notebook: its path's secrets are the notebook's, reported once on it.
  const inPath =
    place.isNotebookCell || place.path === ''
      ? []
      : findSecretsInPath(place.path, { rules: config.rules, allow: config.allow, fingerprintPath });
  return applyBaseline([...inPath, ...content], baseline);
}

/** The diagnostics for a document's findings, at least as severe as the threshold. */
export function diagnosticsOf(document: TextDocument, findings: readonly Finding[], settings: ServerSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of findings) {
    if (RANK[finding.severity] < RANK[settings.severityThreshold]) continue;
    // A secret in the path has no place in the text (line 0): the start of the file stands for it.
    const inPath = finding.line === 0;
    const data: DiagnosticData = { ruleId: finding.ruleId, fingerprint: finding.fingerprint, ...(inPath ? { inPath: true as const } : {}) };
    diagnostics.push({
      range: inPath
        ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
        : { start: document.positionAt(finding.startOffset), end: document.positionAt(finding.endOffset) },
      severity: SEVERITY[finding.severity],
      source: 'keyguard',
      code: finding.ruleId,
      codeDescription: { href: ruleDocsUrl(finding.ruleId) },
      message: inPath ? `In the file's name: ${finding.message}` : finding.message,
      data,
    });
  }
  return diagnostics;
}
