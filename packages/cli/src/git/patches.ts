import { PINNED_LOG } from './log';
/**
 * The patch stream of a history scan (issue 16): `git log -p -U0` over the same revisions and
 * with the same diff options as the `--raw` listing (log.ts), so both list the same commits in
 * the same order and pair the same blobs (renames listed by both, or by neither: then an
 * inexact rename is a file added whole in both, and the walk finds its source where it
 * matters). Every knob that could change what git prints is pinned on the command line, as the
 * staged scan pins its diff: no colour, no external diff, no textconv, fixed prefixes, rename
 * detection and limit, no context lines, full blob ids, deletions without their content.
 */
export function patchArguments(revisions: readonly string[], renames: boolean): string[] {
  return [
    ...PINNED_LOG,
    '--format=%x01%H',
    '-p',
    '-U0',
    '--inter-hunk-context=0',
    '--diff-algorithm=myers',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '--full-index',
    '--irreversible-delete',
    // As log.ts: combined merges (the walk judges merges from their blobs), the same renames.
    '-c',
    renames ? '-M' : '--no-renames',
    '--root',
    ...revisions,
    '--',
  ];
}

/** One file of a commit's patch: its blob pair, its path and the lines it added. */
interface PatchSection {
  /** `<old blob>..<new blob>` (the old one all zeros for an added file), as `index` says. */
  key: string;
  path: string;
  /** The added lines, LF-joined; undefined when the section cannot be judged from its text. */
  added: Buffer | undefined;
}

/** One commit of the stream: its id and the sections of its (non-combined) patch. */
export interface PatchCommit {
  commit: string;
  sections: PatchSection[];
}

const NEWLINE = 0x0a;
const HUNK = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const INDEX = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(?: |$)/;

/**
 * Parses `git log -p` output line by line. Only a section's added lines are kept, at most
 * `maxAdded` bytes of them: past that (or for a binary file, a NUL byte, a hunk that does not
 * add up) the section's `added` is undefined and the walk reads the blob instead.
 */
export class PatchParser {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private commit: PatchCommit | undefined;
  private section: { key: string | undefined; path: string; parts: Buffer[]; bytes: number; ok: boolean; combined: boolean } | undefined;
  private removed = 0;
  private adding = 0;
  private overlong = false;

  constructor(private readonly maxAdded: number) {}

  /** Feeds a chunk; returns the commits it completed. */
  push(chunk: Buffer): PatchCommit[] {
    const done: PatchCommit[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      let line = chunk.subarray(start, end);
      if (this.partial.length > 0 || this.overlong) {
        line = this.overlong ? Buffer.alloc(0) : Buffer.concat([...this.partial, line]);
        this.partial = [];
        this.partialBytes = 0;
        if (this.overlong) this.failOverlong();
        this.overlong = false;
      }
      this.take(line, done);
      start = end + 1;
    }
    if (start < chunk.length) {
      // A line longer than the section may hold is not kept: its section is read whole instead.
      this.partialBytes += chunk.length - start;
      if (this.partialBytes > this.maxAdded) this.overlong = true;
      if (!this.overlong) this.partial.push(Buffer.from(chunk.subarray(start)));
      else this.partial = [];
    }
    return done;
  }

  /** Ends the stream; returns the last commit. */
  end(): PatchCommit[] {
    const done: PatchCommit[] = [];
    if (this.partial.length > 0) this.take(Buffer.concat(this.partial), done);
    this.closeSection();
    if (this.commit) done.push(this.commit);
    this.commit = undefined;
    return done;
  }

  /** An overlong line was a content line of the open section (or junk): the section cannot be judged. */
  private failOverlong(): void {
    if (this.section) this.section.ok = false;
    if (this.adding > 0) this.adding--;
    else if (this.removed > 0) this.removed--;
  }

  private take(line: Buffer, done: PatchCommit[]): void {
    // Inside a hunk: exactly the lines its header counts, then "\ No newline" markers.
    if (this.removed > 0 || this.adding > 0) {
      const first = line[0];
      if (first === 0x2d && this.removed > 0) {
        this.removed--;
        return;
      }
      if (first === 0x2b && this.adding > 0) {
        this.adding--;
        this.addLine(line.subarray(1));
        return;
      }
      // Not what the header promised: this section is read whole.
      if (this.section) this.section.ok = false;
      this.removed = 0;
      this.adding = 0;
    }
    if (line[0] === 0x5c) return; // "\ No newline at end of file"
    if (line[0] === 0x01) {
      this.closeSection();
      if (this.commit) done.push(this.commit);
      this.commit = { commit: line.toString('latin1', 1).trim(), sections: [] };
      return;
    }
    const text = line.toString('latin1');
    if (text.startsWith('diff --')) {
      this.closeSection();
      this.section = { key: undefined, path: '', parts: [], bytes: 0, ok: true, combined: !text.startsWith('diff --git ') };
      return;
    }
    const section = this.section;
    if (!section || section.combined) return;
    if (text.startsWith('@@ ')) {
      const hunk = HUNK.exec(text);
      if (!hunk) {
        section.ok = false;
        return;
      }
      this.removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      this.adding = hunk[2] === undefined ? 1 : Number(hunk[2]);
      return;
    }
    const index = INDEX.exec(text);
    if (index) section.key = `${index[1]}..${index[2]}`;
    else if (text.startsWith('+++ ')) section.path = pathOf(line.toString('utf8', 4));
    else if (text.startsWith('Binary files ')) section.ok = false;
  }

  private addLine(content: Buffer): void {
    const section = this.section;
    if (!section || !section.ok) return;
    // A NUL: binary content git was told to diff as text (a `diff` attribute): read it whole.
    if (content.includes(0) || section.bytes + content.length + 1 > this.maxAdded) {
      section.ok = false;
      section.parts = [];
      return;
    }
    section.parts.push(Buffer.from(content), NEWLINE_BYTE);
    section.bytes += content.length + 1;
  }

  private closeSection(): void {
    const section = this.section;
    this.section = undefined;
    // A hunk cut short (git stopped mid-way) says nothing about the lines it did not print.
    if (section && (this.removed > 0 || this.adding > 0)) section.ok = false;
    this.removed = 0;
    this.adding = 0;
    if (!section || section.combined || !section.key || !this.commit) return;
    this.commit.sections.push({
      key: section.key,
      path: section.path,
      added: section.ok ? Buffer.concat(section.parts, section.bytes) : undefined,
    });
  }
}

const NEWLINE_BYTE = Buffer.from([NEWLINE]);

/** `b/path` or git's C-quoted `"b/pa\tth"`, without the prefix; '' when it cannot be read. */
function pathOf(field: string): string {
  if (field === '/dev/null') return '';
  if (!field.startsWith('"')) return field.startsWith('b/') ? field.slice(2) : '';
  try {
    // C quoting: \t \n \" \\ and octal bytes; decoded as bytes, then read as UTF-8.
    const bytes: number[] = [];
    for (let i = 1; i < field.length - 1; i++) {
      const ch = field[i];
      if (ch !== '\\') {
        bytes.push(...Buffer.from(ch, 'utf8'));
        continue;
      }
      const next = field[++i];
      if (/[0-7]/.test(next)) {
        bytes.push(Number.parseInt(field.slice(i, i + 3), 8));
        i += 2;
      } else bytes.push(({ t: 9, n: 10, r: 13, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
    const path = Buffer.from(bytes).toString('utf8');
    return path.startsWith('b/') ? path.slice(2) : '';
  } catch {
    return '';
  }
}
