#!/usr/bin/env node
// The entry point of action.yml. Runs the committed CLI bundle (bundle/keyguard.js, which needs
// no install) once with --format sarif, then reads the SARIF back for the annotations, the job
// summary and the outputs. Plain CommonJS with no dependency: the runner starts it as it is.
//
// What the runner gives (docs.github.com, "Metadata syntax" and "Workflow commands"): inputs as
// INPUT_<NAME> (upper case, spaces as _), GITHUB_WORKSPACE, GITHUB_EVENT_NAME and
// GITHUB_EVENT_PATH (the event payload), and files to append to: GITHUB_OUTPUT (name=value
// lines) and GITHUB_STEP_SUMMARY (Markdown). Annotations are `::error file=…,line=…::message`
// lines on stdout; GitHub shows at most 10 of each kind (error, warning, notice) per step.
'use strict';
const { spawnSync } = require('node:child_process');
const { appendFileSync, existsSync, mkdirSync, readFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const CLI = join(__dirname, '..', 'bundle', 'keyguard.js');
/** GitHub's limit of annotations of one kind per step. */
const ANNOTATIONS_PER_KIND = 10;
/** Rows of the job summary's table; the SARIF holds them all. */
const SUMMARY_ROWS = 50;

class ActionError extends Error {}

function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

// Workflow command escaping, as @actions/core does it.
const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(kind, message, properties = {}) {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  process.stdout.write(`::${kind}${props ? ` ${props}` : ''}::${escapeData(message)}\n`);
}

function appendTo(variable, text) {
  const file = process.env[variable];
  if (file) appendFileSync(file, text);
}

function setOutput(name, value) {
  appendTo('GITHUB_OUTPUT', `${name}=${value}\n`);
}

function git(args, cwd) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The pull request's base and head commits, from the event payload, or undefined for another event. */
function pullRequestRange() {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return undefined;
  let payload;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ActionError(`the event payload ${path} is not valid JSON`);
  }
  const pull = payload && payload.pull_request;
  const base = pull && pull.base && pull.base.sha;
  const head = pull && pull.head && pull.head.sha;
  if (!base || !head) return undefined;
  return `${base}..${head}`;
}

/** What to scan, as CLI arguments, and a phrase for the summary. */
function target() {
  const range = input('range');
  if (range) return { args: ['--range', range], what: `the range ${range}` };
  const scan = input('scan') || 'auto';
  if (!['auto', 'pull-request', 'history'].includes(scan))
    throw new ActionError(`the input scan must be auto, pull-request or history (got "${scan}")`);
  const pull = scan === 'history' ? undefined : pullRequestRange();
  if (pull) return { args: ['--range', pull], what: `the pull request's commits (${pull.replace(/([0-9a-f]{7})[0-9a-f]*/g, '$1')})` };
  if (scan === 'pull-request')
    throw new ActionError(
      `scan: pull-request needs a pull_request event (this is ${process.env.GITHUB_EVENT_NAME || 'not one'}); use scan: auto or history`,
    );
  return { args: ['--all'], what: 'the whole history (every commit of every ref)' };
}

/** SARIF results as findings: where, what, and the redacted message the CLI wrote. */
function findingsOf(sarif, root) {
  const run = sarif.runs && sarif.runs[0];
  if (!run) return [];
  const base = run.originalUriBaseIds && run.originalUriBaseIds['%SRCROOT%'] && run.originalUriBaseIds['%SRCROOT%'].uri;
  // History findings are relative to the repository root (docs/ci.md), where %SRCROOT% has no uri.
  const srcRoot = base && base.startsWith('file://') ? decodeURIComponent(new URL(base).pathname) : root;
  return (run.results || []).map((result) => {
    const location = (result.locations && result.locations[0] && result.locations[0].physicalLocation) || {};
    const uri = decodeURIComponent((location.artifactLocation && location.artifactLocation.uri) || '');
    const region = location.region || {};
    return {
      ruleId: result.ruleId,
      level: result.level || 'error',
      message: (result.message && result.message.text) || result.ruleId,
      // Annotations name files from the repository root.
      file: relative(root, resolve(srcRoot, uri)).split('\\').join('/'),
      line: region.startLine,
      column: region.startColumn,
      endLine: region.endLine,
      endColumn: region.endColumn,
      commit: result.properties && result.properties.commit,
    };
  });
}

function annotate(findings) {
  const kinds = { error: 'error', warning: 'warning', note: 'notice', none: 'notice' };
  const byKind = new Map();
  for (const finding of findings) {
    const kind = kinds[finding.level] || 'error';
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(finding);
  }
  let cut = 0;
  for (const [kind, list] of byKind) {
    // Over the limit: the last annotation of the kind says how many were left out.
    const shown = list.length > ANNOTATIONS_PER_KIND ? list.slice(0, ANNOTATIONS_PER_KIND - 1) : list;
    for (const finding of shown) {
      const title = `keyguard ${finding.ruleId}${finding.commit ? ` (commit ${finding.commit.slice(0, 7)})` : ''}`;
      command(kind, finding.message, {
        file: finding.file,
        line: finding.line,
        col: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        title,
      });
    }
    const left = list.length - shown.length;
    if (left > 0) {
      cut += left;
      command(
        kind,
        `keyguard: ${left} more ${kind === 'error' ? 'findings' : `${kind}s`} not annotated here: GitHub shows at most ${ANNOTATIONS_PER_KIND} ${kind} annotations per step. All ${list.length} are in the job summary and the SARIF report.`,
        { title: 'keyguard: annotations cut' },
      );
    }
  }
  return cut;
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function summary({ what, findings, cut, notes, sarifFile, root, failed }) {
  const lines = [
    '## keyguard',
    '',
    `Scanned ${what}: ${findings.length === 0 ? 'no secrets found.' : `**${findings.length} finding${findings.length === 1 ? '' : 's'}**.`}`,
    '',
  ];
  if (findings.length > 0) {
    lines.push('| rule | where | commit | finding |', '|---|---|---|---|');
    for (const finding of findings.slice(0, SUMMARY_ROWS)) {
      lines.push(
        `| \`${cell(finding.ruleId)}\` | \`${cell(finding.file)}:${finding.line}\` | ${finding.commit ? `\`${finding.commit.slice(0, 7)}\`` : ''} | ${cell(finding.message)} |`,
      );
    }
    if (findings.length > SUMMARY_ROWS) lines.push('', `… and ${findings.length - SUMMARY_ROWS} more in the SARIF report.`);
    lines.push('');
    if (cut > 0)
      lines.push(
        `GitHub shows at most ${ANNOTATIONS_PER_KIND} annotations of each kind per step: ${cut} finding${cut === 1 ? ' was' : 's were'} not annotated.`,
        '',
      );
    lines.push('Rotate each key first (https://platform.openai.com/api-keys): deleting it does not remove it from the history.', '');
  }
  for (const note of notes) lines.push(`> ${cell(note)}`, '');
  if (failed) lines.push(`The scan failed: ${cell(failed)}`, '');
  lines.push(`SARIF report: \`${cell(relative(root, sarifFile) || sarifFile)}\` (upload it with github/codeql-action/upload-sarif).`, '');
  appendTo('GITHUB_STEP_SUMMARY', `${lines.join('\n')}\n`);
}

function main() {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const cwd = resolve(workspace, input('working-directory') || '.');
  if (!existsSync(cwd)) throw new ActionError(`working-directory ${input('working-directory')} does not exist in the workspace`);
  const root = git(['rev-parse', '--show-toplevel'], cwd);
  if (!root) throw new ActionError(`${cwd} is not in a git repository: run actions/checkout (with fetch-depth: 0) before keyguard`);
  const failOnFindings = (input('fail-on-findings') || 'true').toLowerCase();
  if (!['true', 'false'].includes(failOnFindings))
    throw new ActionError(`the input fail-on-findings must be true or false (got "${input('fail-on-findings')}")`);
  const failOn = (input('fail-on') || '').toLowerCase();
  if (failOn && !['error', 'warning', 'note'].includes(failOn))
    throw new ActionError(`the input fail-on must be error, warning or note (got "${input('fail-on')}")`);
  const sarifFile = resolve(cwd, input('sarif-file') || 'keyguard.sarif');
  mkdirSync(dirname(sarifFile), { recursive: true });
  const { args, what } = target();
  const baselineInput = input('baseline');
  const baseline = baselineInput
    ? resolve(cwd, baselineInput)
    : [join(cwd, '.keyguard-baseline.json'), join(root, '.keyguard-baseline.json')].find((file) => existsSync(file));
  if (baselineInput && !existsSync(baseline)) throw new ActionError(`the baseline ${baselineInput} does not exist`);

  const cliArgs = [
    'scan',
    '--git',
    ...args,
    '--format',
    'sarif',
    '--output',
    sarifFile,
    ...(baseline ? ['--baseline', baseline] : []),
    ...(failOn ? ['--fail-on', failOn] : []),
  ];
  process.stdout.write(`keyguard: scanning ${what}${baseline ? `, with the baseline ${relative(root, baseline)}` : ''}\n`);
  const scan = spawnSync(process.execPath, [CLI, ...cliArgs], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const stderr = (scan.stderr || '').split('\n').filter(Boolean);
  const notes = [];
  for (const line of stderr) {
    const note = /^keyguard: (?:note|warning): (.*)$/.exec(line);
    if (!note) continue;
    notes.push(note[1]);
    // A truncated history is something to fix in the workflow: a warning annotation.
    if (/shallow|truncated/i.test(note[1])) command('warning', note[1], { title: 'keyguard: shallow clone' });
    else process.stdout.write(`${line}\n`);
  }
  const shallow = git(['rev-parse', '--is-shallow-repository'], cwd) === 'true';
  if (scan.status !== 0 && scan.status !== 1) {
    const why = (
      stderr.find((line) => !/^keyguard: (note|warning):/.test(line)) || `the scanner exited with status ${scan.status}`
    ).replace(/^keyguard: /, '');
    if (shallow && !notes.some((note) => /shallow|truncated/i.test(note))) {
      command(
        'warning',
        'This is a shallow clone, so the commits to scan may be missing. Check out with actions/checkout and fetch-depth: 0.',
        { title: 'keyguard: shallow clone' },
      );
    }
    summary({ what, findings: [], cut: 0, notes, sarifFile, root, failed: why });
    throw new ActionError(why);
  }
  let sarif;
  try {
    sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  } catch {
    throw new ActionError(`the scanner did not write a readable SARIF report to ${sarifFile}`);
  }
  const findings = findingsOf(sarif, root);
  if (scan.status === 1 && findings.length === 0) throw new ActionError('the scanner reported findings but the SARIF report lists none');
  const cut = annotate(findings);
  summary({ what, findings, cut, notes, sarifFile, root });
  setOutput('findings', String(findings.length));
  setOutput('sarif-file', sarifFile);
  process.stdout.write(
    `keyguard: ${findings.length === 0 ? 'no secrets found' : `${findings.length} finding${findings.length === 1 ? '' : 's'}`} in ${what}; SARIF: ${relative(workspace, sarifFile) || sarifFile}\n`,
  );
  // The scanner's exit status says whether a finding is at or above the fail-on severity:
  // findings below it (notes, by default) are annotated and pass.
  return scan.status === 1 && failOnFindings === 'true' ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // One line, never a stack trace; the step fails (fail closed: nothing was checked).
  const message =
    error instanceof ActionError
      ? error.message
      : `unexpected error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  command('error', `keyguard: ${message}`, { title: 'keyguard: the scan did not run' });
  process.exitCode = 1;
}
