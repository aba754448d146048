import { closeSync, existsSync, fsyncSync, openSync, realpathSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KeyguardError, loadConfig, redactSecret, redactSecretsIn, scanText } from '@keyguard/core';
import type { CliOptions } from '../args';
import type { CliIO } from '../io';
import { tryGit } from '../git/run';
import { findRepository, requireRepository } from '../git/repository';
import { scanSource } from '../scan';
import { readHistory } from '../sources/git-history';
import { isInside } from './text-file';

/** One commit and place that holds a key in history (the scan's first, not the oldest), and how many places do. */
interface HistoryKey {
  secret: string;
  envVar: string;
  commit: string;
  place: string;
  count: number;
}

/** Blob reads for the whole keys: a history with more distinct (commit, file) pairs than this is told so. */
const MAX_BLOBS = 5000;

/**
 * `keyguard fix --history [--replace-file FILE]`: keyguard does not rewrite history. It prints
 * the order that keeps evidence (revoke, check usage, then rewrite) and, only to a path the
 * user names outside the repository, writes a `git filter-repo --replace-text` file: the one
 * output of keyguard that holds whole keys (said on stderr, and in docs/fix.md).
 */
export async function fixHistory(options: CliOptions, io: CliIO): Promise<number> {
  const lookup = findRepository(io.cwd, io.env);
  const repository = requireRepository(lookup, '--git', io.cwd);
  // The work tree's top, or a bare repository's git folder: the replacements file goes outside either.
  const root = repository.root;
  const replaceFile = options.replaceFile === undefined ? undefined : resolve(io.cwd, options.replaceFile);
  // Refused before the scan: a whole key must never be written where git could pick it up.
  if (replaceFile) checkReplaceFile(replaceFile, options.replaceFile!, root);
  const config = loadConfig(options, io.cwd, root);
  const result = await scanSource(readHistory({ cwd: io.cwd, repository, all: true, config }), {
    config,
    // The walk's paths are from the repository's root, whatever the working directory.
    fingerprintPrefix: '',
    strictSkips: { accept: config.acceptSkipped },
  });
  const keys = new Map<string, HistoryKey>();
  const blobs = new Map<string, string | undefined>();
  let unread = 0;
  for (const finding of result.findings) {
    if (!finding.commit) continue;
    // History's paths are from the repository's root (a bare repository has no `./` to be relative to).
    const blobId = `${finding.commit}:${finding.file}`;
    if (!blobs.has(blobId)) {
      if (blobs.size >= MAX_BLOBS) {
        unread++;
        continue;
      }
      const blob = tryGit(['cat-file', 'blob', blobId], { cwd: io.cwd, env: repository.env });
      blobs.set(blobId, blob.ok ? blob.stdout.toString('utf8') : undefined);
    }
    const text = blobs.get(blobId);
    const again =
      text === undefined
        ? undefined
        : scanText(text, {
            path: finding.file,
            rules: config.rules,
            allow: config.allow,
            fingerprintPath: finding.file,
          }).find((f) => f.fingerprint === finding.fingerprint);
    if (!again) {
      unread++;
      continue;
    }
    const secret = text!.slice(again.startOffset, again.endOffset);
    const known = keys.get(secret);
    if (known) known.count++;
    else keys.set(secret, { secret, envVar: finding.envVar, commit: finding.commit, place: `${finding.file}:${finding.line}`, count: 1 });
  }
  const secrets = [...keys.values()];
  const redact = (text: string): string => {
    let out = text;
    for (const key of secrets) out = out.split(key.secret).join(redactSecret(key.secret));
    return redactSecretsIn(out);
  };
  if (secrets.length === 0 && unread === 0) {
    io.stdout.write('No keys in git history: nothing to revoke or rewrite.\n');
    return result.failedSkips.length > 0 ? 2 : 0;
  }
  if (replaceFile && secrets.length > 0) {
    writeReplacements(replaceFile, options.replaceFile!, secrets);
    io.stderr.write(
      `keyguard: wrote ${secrets.length} whole key${secrets.length === 1 ? '' : 's'} to ${options.replaceFile} (mode 0600). ` +
        'It is the one keyguard output that holds whole keys: keep it off shared disks and delete it after the rewrite.\n',
    );
  }
  io.stdout.write(redact(historySteps(secrets, unread, replaceFile)));
  return 1;
}

function checkReplaceFile(path: string, given: string, root: string): void {
  const folder = dirname(path);
  if (!existsSync(folder)) throw new KeyguardError(`--replace-file ${given}: the folder does not exist`, 'Create it first');
  if (isInside(realpathSync(root), realpathSync(folder))) {
    throw new KeyguardError(
      `--replace-file ${given} is inside the repository: it will hold whole keys, and git could pick it up`,
      'Name a path outside it, e.g. --replace-file ../keyguard-replacements.txt',
    );
  }
  if (existsSync(path))
    throw new KeyguardError(`--replace-file ${given} already exists`, 'Delete it or name another file: keyguard never overwrites it');
}

/** `literal==>replacement`, one key a line: git filter-repo's --replace-text format. Created 0600, never overwritten. */
function writeReplacements(path: string, given: string, keys: readonly HistoryKey[]): void {
  const text = keys.map((key) => `${key.secret}==><${key.envVar}>\n`).join('');
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    throw new KeyguardError(
      `cannot create --replace-file ${given} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'Check the path',
    );
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function historySteps(keys: readonly HistoryKey[], unread: number, replaceFile: string | undefined): string {
  // replaceFile is absolute: the commands run in another folder (the mirror clone).
  const lines: string[] = [];
  lines.push(`Keys in git history: ${keys.length} distinct (every branch and tag). Each one has leaked: anyone with a clone has it.`);
  for (const key of keys) {
    lines.push(`  ${key.secret}  in ${key.commit.slice(0, 12)} ${key.place}${key.count > 1 ? ` (${key.count} places)` : ''}`);
  }
  if (unread > 0)
    lines.push(
      `  and ${unread} finding${unread === 1 ? '' : 's'} whose key could not be read back from git: run keyguard scan --git --all to see them.`,
    );
  const file = replaceFile ?? '../keyguard-replacements.txt';
  lines.push(
    '',
    'In this order (it keeps the evidence, and rewriting first would not stop anyone who already has a key):',
    '  1. Revoke each key now: https://platform.openai.com/api-keys (or with an admin key, through the Admin API).',
    '  2. Check what each key was used for while it was exposed: https://platform.openai.com/usage, before anything is deleted.',
    '  3. Then rewrite history, in a fresh mirror clone (git filter-repo: https://github.com/newren/git-filter-repo):',
    ...(replaceFile
      ? []
      : [`       keyguard fix --history --replace-file ${file}   (writes the replacements: the keys, whole, mode 0600)`]),
    '       git clone --mirror <repository URL> rewrite.git && cd rewrite.git',
    `       git filter-repo --replace-text ${file}`,
    '       git remote add origin <repository URL> && git push --force --mirror origin',
    '  4. Everyone deletes their clone and clones again; forks and pull-request refs keep the old commits (ask the host to purge them).',
    `  5. Delete ${file}: it holds the whole keys (shred -u ${file}).`,
    '',
  );
  return lines.join('\n');
}
