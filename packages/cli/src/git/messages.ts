import { PINNED_LOG } from './log';
import { spawnGit, type GitOptions } from './run';

/** One commit's message, with what a history finding carries about its commit. */
export interface CommitMessage {
  commit: string;
  author: string;
  date: string;
  message: string;
}

/**
 * The messages of the commits `git log` lists over the revisions (the history walk's own),
 * newest first, one at a time: `-z` ends each record with a NUL, which a message cannot hold;
 * the commit id, author and date are the record's first three lines. The generator pauses git
 * while the caller is busy, so memory holds one message at a time.
 */
export async function* streamCommitMessages(options: GitOptions, revisions: readonly string[]): AsyncGenerator<CommitMessage> {
  const log = spawnGit([...PINNED_LOG, '-z', '--format=%H%n%an <%ae>%n%aI%n%B', ...revisions, '--'], {
    ...options,
    hint: 'Check the revisions, or run: git log --oneline to see the history',
  });
  log.child.stdin.end();
  let finished = false;
  let pending = '';
  const parse = (record: string): CommitMessage => {
    const first = record.indexOf('\n');
    const second = record.indexOf('\n', first + 1);
    const third = record.indexOf('\n', second + 1);
    return {
      commit: record.slice(0, first),
      author: record.slice(first + 1, second),
      date: record.slice(second + 1, third === -1 ? record.length : third),
      message: third === -1 ? '' : record.slice(third + 1),
    };
  };
  try {
    log.child.stdout.setEncoding('utf8');
    for await (const chunk of log.child.stdout as AsyncIterable<string>) {
      pending += chunk;
      let end = pending.indexOf('\0');
      while (end !== -1) {
        yield parse(pending.slice(0, end).replace(/^\n/, ''));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\0');
      }
    }
    const code = await log.exited;
    finished = true;
    if (code !== 0) throw log.failure(code);
    if (pending.replace(/^\n/, '') !== '') yield parse(pending.replace(/^\n/, ''));
  } finally {
    if (!finished) log.child.kill();
  }
}
