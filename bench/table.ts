/**
 * One line of the benchmark table: a measured rate or delay, its latencies, and the ceiling it is compared with.
 *
 * Two kinds of line share the table. A rate line (`opsPerSec` set) is compared with the rate of its ceiling:
 * ratio = rate ÷ ceiling rate. A delay line (`opsPerSec` absent, `maxMs` set) is compared with the time of
 * its floor: ratio = floor p50 ÷ p50. Either way the ratio is the share of the ceiling reached (1 = as fast
 * as the ceiling, smaller is slower).
 */
export interface BenchLine {
  name: string;
  /** Completed operations per second over the measured window; absent on a delay line. */
  opsPerSec?: number;
  /** A figure of another kind (e.g. "412 MB"), shown in the ops/s column of a line without a rate; p50/p99 NaN show as "-". */
  figure?: string;
  p50Ms: number;
  p99Ms: number;
  /** The slowest operation; shown when set. */
  maxMs?: number;
  /** How many operations were timed; shown on delay lines, where it is small. */
  count?: number;
  /** The line this one is compared with, measured in the same run on the same database. */
  ceiling?: { name: string; opsPerSec: number } | { name: string; p50Ms: number };
  /** What the issue asks of this line; absent for the ceilings themselves. */
  aim?: { minRatio?: number; maxP99Ms?: number; minOpsPerSec?: number };
}

export function ratioOf(line: BenchLine): number | undefined {
  const ceiling = line.ceiling;
  if (!ceiling) return undefined;
  if ('opsPerSec' in ceiling) return line.opsPerSec === undefined ? undefined : line.opsPerSec / ceiling.opsPerSec;
  return ceiling.p50Ms / line.p50Ms;
}

/** 'met', 'missed: ...' or '' when the line has no aim. */
export function verdict(line: BenchLine): string {
  if (!line.aim) return '';
  const misses: string[] = [];
  const ratio = ratioOf(line);
  if (line.aim.minRatio !== undefined && (ratio === undefined || ratio < line.aim.minRatio))
    misses.push(`ratio < ${line.aim.minRatio.toFixed(2)}`);
  if (line.aim.maxP99Ms !== undefined && line.p99Ms > line.aim.maxP99Ms) misses.push(`p99 > ${line.aim.maxP99Ms} ms`);
  if (line.aim.minOpsPerSec !== undefined && (line.opsPerSec === undefined || line.opsPerSec < line.aim.minOpsPerSec))
    misses.push(`< ${line.aim.minOpsPerSec} ops/s`);
  return misses.length ? `missed: ${misses.join(', ')}` : 'met';
}

const rate = (value: number): string => value.toFixed(0);
/** Milliseconds: one decimal from 1 ms up, three below, two significant digits under 0.01 ms (µs-scale work). */
const ms = (value: number): string =>
  !Number.isFinite(value) ? '-' : value >= 1 ? value.toFixed(1) : value >= 0.01 ? value.toFixed(3) : value.toPrecision(2);
const ceilingText = (line: BenchLine): string => {
  const ceiling = line.ceiling;
  if (!ceiling) return '-';
  return 'opsPerSec' in ceiling ? `${rate(ceiling.opsPerSec)} ops/s` : `${ms(ceiling.p50Ms)} ms`;
};
const aimText = (line: BenchLine): string => {
  if (!line.aim) return '';
  const parts: string[] = [];
  if (line.aim.minRatio !== undefined) parts.push(`ratio >= ${line.aim.minRatio.toFixed(2)}`);
  if (line.aim.maxP99Ms !== undefined) parts.push(`p99 <= ${line.aim.maxP99Ms} ms`);
  if (line.aim.minOpsPerSec !== undefined) parts.push(`>= ${line.aim.minOpsPerSec} ops/s`);
  return parts.join(', ');
};

const HEADER = ['line', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'ceiling', 'ratio', 'aim', 'verdict'];
const RIGHT_ALIGNED = new Set([1, 2, 3, 4, 5, 6]);

function cells(line: BenchLine): string[] {
  const ratio = ratioOf(line);
  return [
    line.count === undefined ? line.name : `${line.name} (n=${line.count})`,
    line.opsPerSec === undefined ? (line.figure ?? '-') : rate(line.opsPerSec),
    ms(line.p50Ms),
    ms(line.p99Ms),
    line.maxMs === undefined ? '-' : ms(line.maxMs),
    ceilingText(line),
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
      const figures = [
        ...(line.opsPerSec === undefined ? [] : [`${rate(line.opsPerSec)} ops/s`]),
        ...(line.figure === undefined ? [] : [line.figure]),
        ...(Number.isFinite(line.p50Ms) ? [`p50 ${ms(line.p50Ms)} ms`] : []),
        ...(Number.isFinite(line.p99Ms) ? [`p99 ${ms(line.p99Ms)} ms`] : []),
        ...(line.maxMs === undefined ? [] : [`max ${ms(line.maxMs)} ms`]),
      ];
      const head = `${line.name}${line.count === undefined ? '' : ` (${line.count} timed)`}: ${figures.join(', ')}`;
      const ceiling = line.ceiling;
      if (!ceiling || ratio === undefined) return `${head}.`;
      const aim = line.aim ? ` (aim: ${aimText(line)}: ${verdict(line)})` : '';
      const compared =
        'opsPerSec' in ceiling
          ? `${ratio.toFixed(2)}x of ${ceiling.name} at ${rate(ceiling.opsPerSec)} ops/s`
          : `p50 ${(1 / ratio).toFixed(1)}x the floor of ${ceiling.name} at p50 ${ms(ceiling.p50Ms)} ms`;
      return `${head}; ${compared}${aim}.`;
    })
    .join('\n');
}
