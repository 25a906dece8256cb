// Helpers both benchmarks print with: option parsing, a plain-text table and PASS/MISS goal lines.

/** A positive integer command-line option; exits 2 with a message otherwise. */
export function positiveInt(name, raw) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a positive integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/** Prints rows of strings under `head`, the first column left-aligned and the rest right-aligned. */
export function printTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

/** One goal line: `PASS` or `MISS`, what was asked, what was measured. */
export function goal(label, ok, actual) {
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${label}  (${actual})`);
}

/** The arithmetic mean. */
export function mean(list) {
  return list.reduce((sum, x) => sum + x, 0) / list.length;
}
