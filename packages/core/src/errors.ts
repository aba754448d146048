/**
 * A problem with what the user asked for or gave us (a path, a flag, a config, a baseline):
 * adapters print its one-line message and exit 2, never a stack trace.
 */
export class KeyguardError extends Error {
  constructor(
    message: string,
    /** What to do about it, appended to the message when printed. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'KeyguardError';
  }

  /** The message and the hint, on one line. */
  toLine(): string {
    return this.hint ? `${this.message}. ${this.hint}` : this.message;
  }
}
