import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  applyTextEdits,
  KeyguardError,
  planEnvRead,
  redactSecret,
  redactSecretsIn,
  type EnvReadResult,
  type Finding,
  type TextEdit,
} from '@keyguard/core';
import type { CliOptions } from '../args';
import type { CliIO } from '../io';
import { findRepository, prefixWithoutGit, requireRepository, rootOf } from '../git/repository';
import { loadBaseline, loadConfig, relativeName, type Root } from '@keyguard/core';
import { scanSource } from '../scan';
import { readFiles } from '../sources/file-source';
import { unifiedDiff } from './diff';
import {
  exampleFolder,
  gitStanding,
  planEnvExample,
  planEnvFile,
  planGitignore,
  type EnvConflict,
  type EnvValue,
  type PlannedWrite,
} from './env-file';
import { encodeText, writeFileAtomic } from './text-file';
import { fixHistory } from './history';
import { addedPlaceOf, stagedTargets, stagedWrites, writeIndexEntry } from './staged-fix';
import { scanStaged } from '../staged-scan';
import { fileTargets, placeOf, refusal, type FixContext, type FixTarget, type Outcome, type Planned } from './targets';

/** What a fix run found, planned and (without --dry-run) wrote. */
interface FixRun {
  outcomes: Outcome[];
  writes: PlannedWrite[];
  /** Secrets this run moved or saw: redacted out of everything it prints. */
  secrets: string[];
  /** Lines said after the outcomes (a tracked .env, the order of things to do). */
  advice: string[];
  findings: number;
}

/**
 * `keyguard fix [PATH…] [--dry-run] [--env-file FILE]`: the literal becomes the language's
 * read of the rule's variable (core's planEnvRead), the secret goes to the env file (created
 * 0600, appended once, never overwritten), git is told to ignore it, `.env.example` lists it.
 * Exit 0 nothing found, 1 fixes applied or pending, 2 on error.
 */
export async function fixCommand(options: CliOptions, io: CliIO): Promise<number> {
  if (options.history) return fixHistory(options, io);
  const lookup = findRepository(io.cwd, io.env);
  const root = rootOf(lookup);
  const config = loadConfig(options, io.cwd, root);
  const prefix = lookup.repository?.prefix ?? prefixWithoutGit(io.cwd);
  const context: FixContext = { cwd: io.cwd, root, config, prefix, envFile: options.envFile };
  let run: FixRun;
  if (options.staged) {
    requireRepository(lookup, '--staged', io.cwd);
    // What the hook reports: the lines the commit adds. An older key elsewhere in a staged file
    // is named, not rewritten (the commit does not add it; keyguard fix FILE moves it too).
    const hook = await scanStaged({
      cwd: io.cwd,
      env: io.env,
      paths: options.paths,
      ...(options.config ? { config: options.config } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
      useIgnoreFiles: !options.noIgnore,
    });
    const { targets, refused, findingCount } = stagedTargets(
      context,
      options.paths,
      loadBaseline(options, config, io.cwd, root, true),
      new Set(hook.findings.map(addedPlaceOf)),
    );
    run = planFix(targets, refused, context, findingCount);
  } else {
    const result = await scanSource(
      readFiles({
        cwd: io.cwd,
        paths: options.paths,
        useIgnoreFiles: !options.noIgnore,
        ignorePatterns: config.ignore,
        maxFileSize: config.maxFileSize,
        repositoryRoot: root,
      }),
      { config, baseline: loadBaseline(options, config, io.cwd, root), fingerprintPrefix: prefix },
    );
    const { targets, refused } = fileTargets(result, context);
    run = planFix(targets, refused, context, result.findings.length);
  }
  const redact = redactor(run.secrets);
  if (options.dryRun) {
    for (const write of run.writes) {
      const before = write.before?.toString('utf8');
      io.stdout.write(redact(unifiedDiff(write.display, before, write.after.toString('utf8'))));
    }
  } else {
    applyWrites(run);
  }
  report(run, options.dryRun, io, redact);
  return run.findings === 0 ? 0 : 1;
}

/** Plans every change of a run; reads the env file and asks git, writes nothing. */
function planFix(targets: readonly FixTarget[], refused: readonly Outcome[], context: FixContext, findingCount: number): FixRun {
  const { cwd, root } = context;
  const outcomes: Outcome[] = [...refused];
  const advice: string[] = [];
  const secrets: string[] = [];
  const refuse = (finding: Finding, reason: string): void => {
    outcomes.push(refusal(finding, reason));
  };
  const planned: Planned[] = [];
  for (const target of targets) {
    for (const finding of target.findings) {
      const value = target.read.text.slice(finding.startOffset, finding.endOffset);
      secrets.push(value);
      const plan = planEnvRead({
        path: target.planPath,
        text: target.read.text,
        start: finding.startOffset,
        end: finding.endOffset,
        envVar: finding.envVar,
      });
      planned.push({ finding, file: target.file, plan, value });
    }
  }

  // The env file first: a value that conflicts leaves its finding as it is.
  const envPath = context.envFile ? resolve(cwd, context.envFile) : join(root ?? cwd, '.env');
  const envDisplay = relativeName(envPath, cwd);
  const toStore: EnvValue[] = [];
  for (const item of planned) {
    if (!item.plan.ok || !item.plan.storesValue) continue;
    if (item.value.includes('\\')) {
      item.plan = { ok: false, reason: 'the key is written with escapes: edit it by hand' };
      continue;
    }
    toStore.push({ name: item.plan.envVar, value: item.value, origin: `${item.finding.file}:${item.finding.line}` });
  }
  const env = planEnvFile(envPath, envDisplay, root, toStore);
  const blocked = new Set<string>([...env.conflicts.map((c) => c.origin), ...env.unwritable.map((u) => u.origin)]);
  const conflictFor = new Map<string, EnvConflict>(env.conflicts.map((c) => [c.origin, c]));

  const writes: PlannedWrite[] = [];
  const ignoreNeeded: string[] = [];
  let storedAny = env.accepted.length > 0;
  for (const target of targets) {
    const { file, read } = target;
    const items = planned.filter((item) => item.file === file);
    const edits: TextEdit[] = [];
    const applied: Planned[] = [];
    for (const item of items) {
      const { finding, plan } = item;
      const origin = `${finding.file}:${finding.line}`;
      if (!plan.ok) {
        refuse(finding, plan.reason);
        continue;
      }
      const conflict = conflictFor.get(origin);
      if (plan.storesValue && conflict) {
        refuse(
          finding,
          `${conflict.where} already holds another value for ${conflict.name} (key ${conflict.existing}; this one is ${conflict.incoming}): never overwritten; settle it by hand`,
        );
        continue;
      }
      if (plan.storesValue && blocked.has(origin)) {
        refuse(finding, `the value cannot be written to ${envDisplay} safely (quotes or line breaks in it): move it by hand`);
        continue;
      }
      if (plan.action === 'keep') {
        const standing = root ? gitStanding(root, read.realPath) : undefined;
        if (standing && !standing.ignored) ignoreNeeded.push(read.realPath);
        if (standing?.tracked) advice.push(trackedAdvice(relativeName(read.realPath, cwd)));
        outcomes.push({
          place: placeOf(finding),
          fixed: true,
          text: `kept: an env file is where the secret belongs${standing && !standing.ignored ? '; git will ignore it' : ''}`,
          notes: [],
        });
        continue;
      }
      const candidate = applyTextEdits(read.text, [...edits, ...plan.edits]);
      if (candidate === undefined) {
        refuse(finding, 'its edit overlaps another fix in the same place: run keyguard fix again');
        continue;
      }
      edits.push(...plan.edits);
      applied.push(item);
      outcomes.push({ place: placeOf(finding), fixed: true, text: describe(plan), notes: plan.notes });
    }
    const after = applyTextEdits(read.text, edits);
    if (after === undefined || after === read.text) continue;
    if (!target.staged) {
      writes.push({
        path: read.realPath,
        display: file,
        before: read.bytes,
        after: encodeText(after, read.bom),
        mode: read.mode,
        summary: 'rewritten',
      });
      continue;
    }
    const staged = stagedWrites(target, applied, edits, after, context);
    if ('refused' in staged) {
      for (const item of items) {
        const at = outcomes.findIndex((outcome) => outcome.place === placeOf(item.finding) && outcome.fixed);
        if (at !== -1) outcomes.splice(at, 1, refusal(item.finding, staged.refused));
      }
      continue;
    }
    writes.push(...staged.writes);
  }

  const support: PlannedWrite[] = [];
  if (env.write) support.push(env.write);
  if (root && (storedAny || env.write)) {
    const standing = gitStanding(root, envPath);
    if (!standing.ignored && isWithin(root, envPath)) ignoreNeeded.push(envPath);
    if (standing.tracked) advice.push(trackedAdvice(envDisplay));
  }
  if (root) {
    const gitignore = planGitignore(root, ignoreNeeded, (path) => relativeName(path, cwd));
    if (gitignore) support.unshift(gitignore);
  } else if (storedAny || env.write) {
    advice.push(
      `not inside a git repository: ${envDisplay} is not added to any .gitignore; keep it out of version control (and out of any archive you share)`,
    );
  }
  if (storedAny && isWithin(root ?? cwd, envPath)) {
    const folder = exampleFolder(envPath, root, cwd);
    const example = join(folder, '.env.example');
    if (example !== envPath) {
      const write = planEnvExample(example, relativeName(example, cwd), [...new Set(env.accepted.map((value) => value.name))]);
      if (write) support.push(write);
    }
  }
  storedAny = storedAny || writes.length > 0;
  if (storedAny) {
    advice.push(
      'Rotate the key if it ever left this machine (a push, a shared file, a log): https://platform.openai.com/api-keys. ' +
        'If it was committed, see keyguard fix --history.',
    );
  }
  // Support files (the env file holding the secret) before the code stops holding it.
  return { outcomes, writes: [...support, ...writes], secrets, advice, findings: findingCount };
}

function isWithin(root: Root | string, path: string): boolean {
  if (!root) return false;
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function trackedAdvice(display: string): string {
  return `${display} is tracked by git: run git rm --cached -- ${display} and commit, so the secret leaves the next commits (history keeps it: keyguard fix --history)`;
}

function describe(plan: Extract<EnvReadResult, { ok: true }>): string {
  const imported = plan.importEdit ? '; import os added' : '';
  switch (plan.action) {
    case 'remove':
      return `fixed: removed the line that set ${plan.envVar}; it comes from the environment now`;
    case 'placeholder':
      return `fixed: the key in a comment is now <${plan.envVar}>`;
    case 'clear-output':
      return 'fixed: cleared the cell outputs that held the key';
    default:
      return plan.removesFallback
        ? `fixed: removed the hard-coded fallback; reads ${plan.read ?? plan.envVar}`
        : `fixed: reads ${plan.read ?? plan.envVar}${imported}`;
  }
}

/** Replaces every secret of the run (and any key core recognises) by its redacted form. */
function redactor(secrets: readonly string[]): (text: string) => string {
  const sorted = [...new Set(secrets)].filter((secret) => secret.length >= 8).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of sorted) out = out.split(secret).join(redactSecret(secret));
    return redactSecretsIn(out);
  };
}

/** Writes each planned file atomically; a file changed since it was read is left alone and said. */
function applyWrites(run: FixRun): void {
  const failed = new Set<string>();
  for (const write of run.writes) {
    let written: boolean;
    try {
      if (write.index) {
        // The index copy follows its work tree file: never one without the other.
        written = !failed.has(write.path) && writeIndexEntry(write.index, write.before, write.after);
      } else written = writeFileAtomic(write.path, write.after, write.mode, write.before);
    } catch (error) {
      throw new KeyguardError(
        `cannot write ${write.display} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); files before it in this run were written`,
        'Check its folder’s permissions, then run keyguard fix again',
      );
    }
    if (!written) {
      failed.add(write.path);
      write.summary = 'changed on disk since the scan: not touched';
      for (const outcome of run.outcomes) {
        if (outcome.fixed && outcome.place.startsWith(`${write.display.replace(/ \(index\)$/, '')}:`)) {
          outcome.fixed = false;
          outcome.text = 'not fixed: the file changed on disk since the scan: not touched';
        }
      }
    }
  }
}

function report(run: FixRun, dryRun: boolean, io: CliIO, redact: (text: string) => string): void {
  const lines: string[] = [];
  if (run.findings === 0) {
    io.stdout.write('Nothing to fix: no secrets found.\n');
    return;
  }
  for (const outcome of run.outcomes.sort((a, b) => a.place.localeCompare(b.place, 'en', { numeric: true }))) {
    const text = dryRun ? outcome.text.replace(/^fixed: /, 'would fix: ').replace(/^kept: /, 'would keep: ') : outcome.text;
    lines.push(`${outcome.place}  ${text}`);
    for (const note of outcome.notes) lines.push(`  note: ${note}`);
  }
  for (const write of run.writes.filter((w) => w.summary !== 'rewritten' && w.summary !== 'staged')) {
    lines.push(`${write.display}: ${dryRun ? `would be ${write.summary}` : write.summary}`);
  }
  const fixed = run.outcomes.filter((o) => o.fixed).length;
  const count = run.writes.filter((w) => w.summary === 'rewritten').length;
  const files = `${count} file${count === 1 ? '' : 's'}`;
  lines.push(
    dryRun
      ? `${fixed} of ${run.findings} findings can be fixed (${files} to rewrite). Dry run: nothing written; run keyguard fix to apply.`
      : `${fixed} of ${run.findings} findings fixed (${files} rewritten).${fixed < run.findings ? ' The others are named above with what to do.' : ''}`,
  );
  lines.push(...run.advice);
  io.stdout.write(redact(lines.map((line) => `${line}\n`).join('')));
}
