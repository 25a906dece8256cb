// A one-line progress bar for the CLI, drawn on stderr only when it is a terminal.

const MIB = 1024 * 1024;

/** Redraws at most every 100 ms; `done()` ends the line. Silent when not a TTY. */
export class ProgressBar {
  #last = 0;
  readonly #stream: NodeJS.WriteStream;
  readonly #label: string;

  constructor(stream: NodeJS.WriteStream, label: string) {
    this.#stream = stream;
    this.#label = label;
  }

  update(done: number, total: number): void {
    if (!this.#stream.isTTY) return;
    const now = Date.now();
    if (now - this.#last < 100 && done < total) return;
    this.#last = now;
    const width = 28;
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    const amount = total >= MIB ? `${(done / MIB).toFixed(1)}/${(total / MIB).toFixed(1)} MiB` : `${done}/${total}`;
    this.#stream.write(
      `\r${this.#label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${amount}\x1b[K`,
    );
  }

  done(): void {
    if (this.#stream.isTTY && this.#last > 0) this.#stream.write('\n');
  }
}
