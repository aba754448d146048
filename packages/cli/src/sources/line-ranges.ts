/** A set of line numbers: a Set, or ranges (a staged file's hunks, a UTF-16 blob's mapped lines). */
export interface LineSet extends Iterable<number> {
  has(line: number): boolean;
  readonly size: number;
}

/**
 * 1-based line numbers kept as ranges, added in ascending order: a `-U0` hunk's lines
 * (sources/staged.ts) or, one by one, the lines mapped from git's count to core's
 * (utf16-lines.ts). A run that continues the last one extends it, so memory follows the
 * number of runs, not of lines.
 */
export class LineRanges implements LineSet {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  size = 0;

  /** Adds lines `start` to `start + count - 1`; `start` is past every line added before. */
  add(start: number, count = 1): void {
    if (count <= 0) return;
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last] === start - 1) this.ends[last] = start + count - 1;
    else {
      this.starts.push(start);
      this.ends.push(start + count - 1);
    }
    this.size += count;
  }

  has(line: number): boolean {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (line < this.starts[middle]) high = middle - 1;
      else if (line > this.ends[middle]) low = middle + 1;
      else return true;
    }
    return false;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.starts.length; i++) for (let line = this.starts[i]; line <= this.ends[i]; line++) yield line;
  }
}
