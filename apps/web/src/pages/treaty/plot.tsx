// The counted deposits (or the weighted share) over time, as an SVG step line against the threshold.
import { INSTRUMENTS, todayUtc, type EntryIntoForceRule } from '@depositary/domain';
import type { ParticipantView } from '@depositary/contracts';
import { countryName, direction, formatDay, formatNumber, t, treatyTitle } from '../../i18n';
import type { TreatyData } from './load';
import { instrumentWord } from '../../rule-in-words';
import { ordinalText } from './words';

const dayNumber = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;
const maxDay = (...days: (string | null | undefined)[]): string =>
  days.filter((day): day is string => Boolean(day)).reduce((a, b) => (a > b ? a : b), '');

interface Point {
  date: string;
  amount: number;
  value: number;
  n: number;
  participant: ParticipantView;
  kind: 'deposit' | 'withdrawal';
}

/** Counted deposits (or the weighted share) after each change, from the chart's rows. */
export function depositSeries(participants: ParticipantView[], rule: EntryIntoForceRule) {
  // What the domain counts when the rule names nothing: every instrument of consent.
  const counted = new Set<string>(rule.countedInstruments ?? INSTRUMENTS);
  const weights = rule.weights;
  const total = weights ? (weights.total ?? Object.values(weights.values).reduce((a, b) => a + b, 0)) : 1;
  const measure: 'share' | 'count' = rule.minimumParties === undefined && weights ? 'share' : 'count';
  const changes: Omit<Point, 'value' | 'n'>[] = [];
  for (const p of participants) {
    if (!p.instrument || !p.depositedOn || !counted.has(p.instrument)) continue;
    const amount = measure === 'share' && weights ? ((weights.values[p.country.code] ?? 0) / total) * 100 : 1;
    changes.push({ date: p.depositedOn, amount, participant: p, kind: 'deposit' });
    if (p.withdrawnOn) changes.push({ date: p.withdrawnOn, amount: -amount, participant: p, kind: 'withdrawal' });
  }
  changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.amount - a.amount));
  let value = 0;
  let n = 0;
  const points: Point[] = changes.map((change) => {
    value += change.amount;
    if (change.kind === 'deposit') n++;
    return { ...change, value, n };
  });
  const threshold = measure === 'share' ? (weights?.minimumShare ?? null) : (rule.minimumParties ?? null);
  return { measure, points, threshold };
}

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? raw;
  return Math.max(step, 1);
}

export function Plot({ data }: { data: TreatyData }) {
  const { treaty, status, participants } = data;
  const { measure, points, threshold } = depositSeries(participants, treaty.entryIntoForce);
  const rtl = direction() === 'rtl';
  const start = treaty.openedForSignatureOn;
  const end = maxDay(data.asOf ?? todayUtc(), status.entryIntoForceOn, ...points.map((point) => point.date));
  const W = 960;
  const H = 300;
  const m = { start: 56, end: 24, top: 28, bottom: 40 };
  const maxValue = Math.max(threshold ?? 0, ...points.map((point) => point.value), 1);
  const yStep = measure === 'share' ? niceStep(maxValue * 1.1, 5) : niceStep(Math.ceil(maxValue * 1.15), 6);
  const yMax = Math.ceil((maxValue * 1.1) / yStep) * yStep;
  const x0 = dayNumber(start);
  const x1 = Math.max(dayNumber(end), x0 + 1);
  // Time runs the way the page reads: left to right, or right to left in Arabic.
  const along = (date: string): number => m.start + ((dayNumber(date) - x0) / (x1 - x0)) * (W - m.start - m.end);
  const x = (date: string): number => (rtl ? W - along(date) : along(date));
  const y = (value: number): number => H - m.bottom - (value / yMax) * (H - m.top - m.bottom);
  const axisStart = rtl ? W - m.start : m.start;
  const axisEnd = rtl ? m.end : W - m.end;
  const unit = measure === 'share' ? '%' : '';
  const anchor = (toStart: boolean): string => (toStart !== rtl ? 'end' : 'start');

  let path = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
  let last = 0;
  for (const point of points) {
    path += ` H${x(point.date).toFixed(1)} V${y(point.value).toFixed(1)}`;
    last = point.value;
  }
  path += ` H${x(end).toFixed(1)}`;
  const area = `${path} V${y(0).toFixed(1)} Z`;

  const yTicks: number[] = [];
  for (let value = 0; value <= yMax + 1e-9; value += yStep) yTicks.push(value);
  const startYear = Number(start.slice(0, 4));
  const endYear = Number(end.slice(0, 4));
  const yearStep = Math.max(1, Math.ceil((endYear - startYear + 1) / 12));
  const xTicks: string[] = [];
  for (let year = startYear + 1; year <= endYear; year += yearStep) xTicks.push(`${year}-01-01`);

  const metOn = status.threshold.metOn;
  const markers: { date: string; label: string; kind: string }[] = [];
  if (metOn)
    markers.push({
      date: metOn,
      label: status.entryIntoForceOn === metOn ? t('treaty.plot.metInForce', { day: metOn }) : t('treaty.plot.met', { day: metOn }),
      kind: 'met',
    });
  if (status.entryIntoForceOn && status.entryIntoForceOn !== metOn)
    markers.push({ date: status.entryIntoForceOn, label: t('treaty.plot.inForce', { day: status.entryIntoForceOn }), kind: 'force' });

  const title = treatyTitle(treaty);
  const description = t(measure === 'share' ? 'treaty.plot.describeShare' : 'treaty.plot.describeCount', {
    from: formatDay(start),
    to: formatDay(end),
    value: `${formatNumber(last)}${unit}`,
    against: threshold !== null ? t('treaty.plot.against', { threshold: `${formatNumber(threshold)}${unit}` }) : '',
    met: metOn ? ` ${t('treaty.plot.metSentence', { day: formatDay(metOn) })}` : '',
  });
  const far = (date: string): boolean => along(date) > W * 0.7;

  return (
    <section id="treaty-plot" class="plot-section" aria-labelledby="plot-title">
      <h2 id="plot-title">{t('treaty.plot.title')}</h2>
      <figure class="plot-figure">
        <svg
          class="plot"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby="plot-svg-title plot-svg-desc"
          preserveAspectRatio="xMidYMid meet"
          direction="ltr"
        >
          <title id="plot-svg-title">{t(measure === 'share' ? 'treaty.plot.svgTitleShare' : 'treaty.plot.svgTitleCount', { title })}</title>
          {/* Anchors are physical (direction ltr); in Arabic the axis of time itself runs from the right. */}
          <desc id="plot-svg-desc">{description}</desc>
          <g class="plot__grid">
            {yTicks.map((value) => (
              <line key={value} x1={axisStart} x2={axisEnd} y1={y(value)} y2={y(value)} />
            ))}
          </g>
          <g class="plot__axis plot__axis--y">
            {yTicks.map((value) => (
              <text key={value} x={rtl ? axisStart + 8 : axisStart - 8} y={y(value) + 4} text-anchor={rtl ? 'start' : 'end'}>
                {`${formatNumber(value)}${unit}`}
              </text>
            ))}
          </g>
          <g class="plot__axis plot__axis--x">
            <line x1={axisStart} x2={axisEnd} y1={y(0)} y2={y(0)} />
            {xTicks.map((tick) => (
              <g key={tick}>
                <line x1={x(tick)} x2={x(tick)} y1={y(0)} y2={y(0) + 5} />
                <text x={x(tick)} y={y(0) + 20} text-anchor="middle">
                  {tick.slice(0, 4)}
                </text>
              </g>
            ))}
          </g>
          <path class="plot__area" d={area} />
          <path class="plot__line" d={path} />
          {threshold !== null && (
            <g class="plot__threshold">
              <line x1={axisStart} x2={axisEnd} y1={y(threshold)} y2={y(threshold)} />
              <text x={rtl ? axisEnd + 4 : axisEnd - 4} y={y(threshold) - 6} text-anchor={rtl ? 'start' : 'end'}>
                {t('treaty.plot.threshold', { threshold: `${formatNumber(threshold)}${unit}` })}
              </text>
            </g>
          )}
          {markers.map((marker, index) => (
            <g key={marker.kind} class={`plot__marker plot__marker--${marker.kind}`}>
              <line x1={x(marker.date)} x2={x(marker.date)} y1={m.top - 8 + index * 14} y2={y(0)} />
              <text
                x={x(marker.date) + (far(marker.date) !== rtl ? -6 : 6)}
                y={m.top - 2 + index * 14}
                text-anchor={anchor(far(marker.date))}
              >
                {marker.label}
              </text>
            </g>
          ))}
          <g class="plot__points">
            {points.map((point, index) => (
              <circle
                key={index}
                cx={x(point.date)}
                cy={y(point.value)}
                r={4}
                class={point.kind === 'withdrawal' ? 'plot__point--out' : undefined}
              >
                <title>
                  {t(point.kind === 'withdrawal' ? 'treaty.plot.pointOut' : 'treaty.plot.point', {
                    day: point.date,
                    country: countryName(point.participant.country.code, point.participant.country.name),
                    nth: ordinalText(point.n),
                    instrument: instrumentWord(point.participant.instrument ?? ''),
                    value: `${formatNumber(point.value)}${unit}`,
                  })}
                </title>
              </circle>
            ))}
          </g>
        </svg>
        <figcaption class="muted">{description}</figcaption>
      </figure>
    </section>
  );
}
