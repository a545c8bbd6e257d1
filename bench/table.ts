/** One line of the benchmark table: a measured rate, its latencies, and the ceiling it is compared with. */
export interface BenchLine {
  name: string;
  /** Completed operations per second over the measured window. */
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** The line this one is compared with, measured in the same run on the same database. */
  ceiling?: { name: string; opsPerSec: number };
  /** What the issue asks of this line; absent for the ceilings themselves. */
  aim?: { minRatio?: number; maxP99Ms?: number };
}

export const ratioOf = (line: BenchLine): number | undefined => (line.ceiling ? line.opsPerSec / line.ceiling.opsPerSec : undefined);

/** 'met', 'missed: ...' or '' when the line has no aim. */
export function verdict(line: BenchLine): string {
  if (!line.aim) return '';
  const misses: string[] = [];
  const ratio = ratioOf(line);
  if (line.aim.minRatio !== undefined && (ratio === undefined || ratio < line.aim.minRatio))
    misses.push(`ratio < ${line.aim.minRatio.toFixed(2)}`);
  if (line.aim.maxP99Ms !== undefined && line.p99Ms > line.aim.maxP99Ms) misses.push(`p99 > ${line.aim.maxP99Ms} ms`);
  return misses.length ? `missed: ${misses.join(', ')}` : 'met';
}

const rate = (value: number): string => value.toFixed(0);
const ms = (value: number): string => value.toFixed(1);
const aimText = (line: BenchLine): string => {
  if (!line.aim) return '';
  const parts: string[] = [];
  if (line.aim.minRatio !== undefined) parts.push(`ratio >= ${line.aim.minRatio.toFixed(2)}`);
  if (line.aim.maxP99Ms !== undefined) parts.push(`p99 <= ${line.aim.maxP99Ms} ms`);
  return parts.join(', ');
};

const HEADER = ['line', 'ops/s', 'p50 ms', 'p99 ms', 'ceiling ops/s', 'ratio', 'aim', 'verdict'];
const RIGHT_ALIGNED = new Set([1, 2, 3, 4, 5]);

function cells(line: BenchLine): string[] {
  const ratio = ratioOf(line);
  return [
    line.name,
    rate(line.opsPerSec),
    ms(line.p50Ms),
    ms(line.p99Ms),
    line.ceiling ? rate(line.ceiling.opsPerSec) : '-',
    ratio === undefined ? '-' : ratio.toFixed(2),
    aimText(line) || '-',
    verdict(line) || '-',
  ];
}

/** A fixed-width table for the terminal. */
export function formatTable(lines: BenchLine[]): string {
  const rows = [HEADER, ...lines.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const render = (row: string[]): string =>
    row
      .map((cell, column) => (RIGHT_ALIGNED.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(HEADER), rule, ...rows.slice(1).map(render)].join('\n');
}

/** The same lines as a Markdown table, to paste in a note or an issue. */
export function formatMarkdown(lines: BenchLine[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const rows = lines.map((line) => `| ${cells(line).map(escape).join(' | ')} |`);
  return [`| ${HEADER.join(' | ')} |`, `| ${HEADER.map((_, i) => (RIGHT_ALIGNED.has(i) ? '---:' : '---')).join(' | ')} |`, ...rows].join(
    '\n',
  );
}

/** One sentence per line, for a changelog or a commit message. */
export function formatSentences(lines: BenchLine[]): string {
  return lines
    .map((line) => {
      const ratio = ratioOf(line);
      const head = `${line.name}: ${rate(line.opsPerSec)} ops/s, p50 ${ms(line.p50Ms)} ms, p99 ${ms(line.p99Ms)} ms`;
      if (!line.ceiling || ratio === undefined) return `${head}.`;
      const aim = line.aim ? ` (aim: ${aimText(line)}: ${verdict(line)})` : '';
      return `${head}; ${ratio.toFixed(2)}x of ${line.ceiling.name} at ${rate(line.ceiling.opsPerSec)} ops/s${aim}.`;
    })
    .join('\n');
}
