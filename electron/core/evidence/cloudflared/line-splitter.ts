// Cuts a byte stream into text lines with bounded memory: a "line" of 100 MB without a
// newline (a binary file, a runaway log) costs MAX_LINE_CHARS, not 100 MB. Chunks are
// decoded up to their last newline in one go (much faster than a string per line), and a
// UTF-8 character split across chunks stays intact because the split is at a newline.

export type LineHandler = (line: string) => void;

const NEWLINE = 0x0a;

export class LineSplitter {
  /** Bytes of the line still open at the end of the last chunk, at most maxLineBytes. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly maxLineChars: number,
    private readonly onLine: LineHandler,
  ) {}

  push(chunk: Buffer): void {
    const lastNewline = chunk.lastIndexOf(NEWLINE);
    if (lastNewline < 0) {
      this.keepPending(chunk);
      return;
    }
    const firstNewline = chunk.indexOf(NEWLINE);
    // The open line ends at the first newline of this chunk.
    this.keepPending(chunk.subarray(0, firstNewline));
    this.emit(this.takePending());
    if (lastNewline > firstNewline) {
      const lines = chunk.toString('utf8', firstNewline + 1, lastNewline).split('\n');
      for (const line of lines) this.emit(line);
    }
    this.keepPending(chunk.subarray(lastNewline + 1));
  }

  /** Emits the last line if the stream did not end with a newline. */
  end(): void {
    if (this.pendingBytes > 0) this.emit(this.takePending());
  }

  private keepPending(bytes: Buffer): void {
    // A UTF-8 character is at most 4 bytes: this many bytes always hold maxLineChars characters.
    const room = this.maxLineChars * 4 - this.pendingBytes;
    if (room <= 0 || bytes.length === 0) return;
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    // Copy: the caller may reuse the chunk's memory.
    this.pending.push(Buffer.from(kept));
    this.pendingBytes += kept.length;
  }

  private takePending(): string {
    const text = this.pending.length === 1 ? this.pending[0]!.toString('utf8') : Buffer.concat(this.pending).toString('utf8');
    this.pending = [];
    this.pendingBytes = 0;
    return text;
  }

  private emit(line: string): void {
    const withoutCr = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.onLine(withoutCr.length > this.maxLineChars ? withoutCr.slice(0, this.maxLineChars) : withoutCr);
  }
}
