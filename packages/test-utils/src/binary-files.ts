/**
 * Generated binary files that hold strings the way real ones do, for the binary-scan tests:
 * no committed binary fixture, and the keys come from the fake-key helper at run time.
 */

/**
 * A `.pyc`-like file: CPython's 16-byte header (magic, flags, mtime, size), then a marshalled
 * code object whose constants are short ASCII strings (`z`, one length byte, the bytes), with
 * the int32 fields and opcodes that fill real ones with NULs. Returns the bytes and the offset
 * of each string.
 */
export function pycLike(strings: readonly string[]): { bytes: Buffer; offsets: number[] } {
  const parts: Buffer[] = [Buffer.from([0xcb, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0x5e, 0x1c, 0x3a, 0x65, 0x2c, 0x01, 0, 0])];
  // TYPE_CODE with its int32 fields (argcount, posonlyargcount, kwonlyargcount, stacksize, flags).
  parts.push(Buffer.from([0xe3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0, 0, 0, 0x40, 0, 0, 0]));
  // A bytecode string: opcodes with NUL arguments.
  parts.push(Buffer.from([0x73, 0x1a, 0, 0, 0, 0x97, 0, 0x64, 0, 0x5a, 0, 0x64, 0x01, 0x5a, 0x01, 0x79, 0x02, 0x29, 0x03]));
  const offsets: number[] = [];
  let length = parts.reduce((sum, part) => sum + part.length, 0);
  for (const text of strings) {
    const body = Buffer.from(text, 'latin1');
    const head = Buffer.from([0xfa, body.length & 0xff]); // TYPE_SHORT_ASCII | FLAG_REF
    offsets.push(length + head.length);
    parts.push(head, body);
    length += head.length + body.length;
  }
  parts.push(Buffer.from([0x29, 0x02, 0xda, 0x04, 0x4e, 0, 0, 0, 0, 0x4e]));
  return { bytes: Buffer.concat(parts), offsets };
}

/**
 * An ELF-like file: the 64-byte header of an x86-64 executable, a stretch of machine code
 * with NULs, and a `.rodata` of NUL-terminated strings. Returns the bytes and each string's offset.
 */
export function elfLike(strings: readonly string[]): { bytes: Buffer; offsets: number[] } {
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]).copy(header);
  header.writeUInt16LE(2, 16); // ET_EXEC
  header.writeUInt16LE(0x3e, 18); // x86-64
  const code = Buffer.alloc(512);
  for (let i = 0; i < code.length; i += 8) Buffer.from([0x48, 0x89, 0xe5, 0x48, 0x83, 0xec, 0x10, 0]).copy(code, i);
  const parts: Buffer[] = [header, code];
  const offsets: number[] = [];
  let length = header.length + code.length;
  for (const text of strings) {
    offsets.push(length);
    const body = Buffer.from(`${text}\0`, 'latin1');
    parts.push(body);
    length += body.length;
  }
  parts.push(Buffer.alloc(256));
  return { bytes: Buffer.concat(parts), offsets };
}

/**
 * A .NET-assembly-like file: a PE's `MZ` header and DOS stub, metadata with NULs, and a `#US`
 * heap of user strings: each a compressed length (2 × characters + 1, in one or two bytes), the
 * string in UTF-16LE, and a final flag byte, so that strings fall at odd and even offsets alike.
 * Returns the bytes and the byte offset of each string.
 */
export function assemblyLike(strings: readonly string[]): { bytes: Buffer; offsets: number[] } {
  const header = Buffer.alloc(128);
  Buffer.from('MZ', 'latin1').copy(header);
  header.writeUInt32LE(0x80, 0x3c); // e_lfanew
  Buffer.from('This program cannot be run in DOS mode.', 'latin1').copy(header, 0x4e);
  const metadata = Buffer.alloc(256);
  Buffer.from('BSJB', 'latin1').copy(metadata);
  Buffer.from('#Strings\0\0\0\0#US\0#GUID\0\0\0#Blob', 'latin1').copy(metadata, 32);
  const parts: Buffer[] = [header, metadata, Buffer.from([0])];
  const offsets: number[] = [];
  let length = header.length + metadata.length + 1;
  for (const text of strings) {
    const body = Buffer.from(text, 'utf16le');
    // ECMA-335's compressed length: one byte below 0x80, two (0x80 | high, low) below 0x4000, so
    // a long string's prefix takes two bytes and shifts the strings after it to the other alignment.
    const size = body.length + 1;
    const head = size < 0x80 ? Buffer.from([size]) : Buffer.from([0x80 | (size >> 8), size & 0xff]);
    offsets.push(length + head.length);
    parts.push(head, body, Buffer.from([0]));
    length += head.length + body.length + 1;
  }
  parts.push(Buffer.alloc(64));
  return { bytes: Buffer.concat(parts), offsets };
}
