/**
 * A patient's pain over time (recharts): NRS on the left axis, VAS on the right, a marker
 * for every infusion session, and the baseline with the 30% and 50% reduction lines, so
 * "is this working?" is answered by the picture first.
 */
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dayTimeText } from '../series/format';
import { timeAxis } from './chart-ticks';
import type { PatientOutcomes } from './store';

type Chart = PatientOutcomes['chart'];

interface Row {
  at: number;
  nrs?: number;
  vas?: number;
  label: string;
}

function rows(chart: Chart): Row[] {
  const byAt = new Map<number, Row>();
  for (const p of chart.points) {
    const row = byAt.get(p.at) ?? { at: p.at, label: p.label };
    row[p.instrument] = p.value;
    byAt.set(p.at, row);
  }
  return [...byAt.values()].sort((a, b) => a.at - b.at);
}

export function TrendChart({ chart, zone }: { chart: Chart; zone: string }) {
  const data = rows(chart);
  if (data.length === 0) return <p className="muted">No NRS or VAS scores yet: the chart appears with the first score.</p>;
  const hasVas = data.some((r) => r.vas !== undefined);
  const hasNrs = data.some((r) => r.nrs !== undefined);
  const pad = 86_400_000;
  const domain: [number, number] = [data[0]!.at - pad, data[data.length - 1]!.at + pad];
  // A few ticks on day, month or year starts, each label with its year when not this year.
  const axis = timeAxis(domain[0], domain[1], zone);
  const nrs = chart.lines.nrs;
  return (
    <div className="trend-chart" role="img" aria-label="Pain scores over time with infusion sessions, baseline and 30% and 50% reduction lines">
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#e1e7eb" />
          <XAxis dataKey="at" type="number" scale="time" domain={domain} ticks={axis.ticks} tickFormatter={axis.label} interval="preserveStartEnd" minTickGap={12} />
          <YAxis yAxisId="nrs" domain={[0, 10]} ticks={[0, 2, 4, 6, 8, 10]} label={{ value: 'NRS', angle: -90, position: 'insideLeft' }} />
          {hasVas ? <YAxis yAxisId="vas" orientation="right" domain={[0, 100]} label={{ value: 'VAS', angle: 90, position: 'insideRight' }} /> : null}
          <Tooltip
            labelFormatter={(t) => {
              const row = data.find((r) => r.at === Number(t));
              return `${dayTimeText(zone, Number(t))}${row ? ` · ${row.label}` : ''}`;
            }}
          />
          <Legend />
          {chart.sessionMarkers.map((m) => (
            <ReferenceLine key={`${m.seriesId}-${m.seq}`} x={m.at} yAxisId="nrs" stroke="#9fb3bf" strokeDasharray="2 3" label={{ value: m.label, position: 'top', fontSize: 11 }} />
          ))}
          {nrs ? (
            <>
              <ReferenceLine y={nrs.baseline} yAxisId="nrs" stroke="#4a5a66" label={{ value: `Baseline ${nrs.baseline}`, position: 'insideTopLeft', fontSize: 12 }} />
              <ReferenceLine y={nrs.moderate} yAxisId="nrs" stroke="#d9a400" strokeDasharray="6 4" label={{ value: '30% lower', position: 'insideBottomLeft', fontSize: 12 }} />
              <ReferenceLine y={nrs.substantial} yAxisId="nrs" stroke="#1c6b3a" strokeDasharray="6 4" label={{ value: '50% lower', position: 'insideBottomLeft', fontSize: 12 }} />
            </>
          ) : null}
          {hasNrs ? <Line yAxisId="nrs" type="linear" dataKey="nrs" name="NRS (0-10)" stroke="#0b5b78" strokeWidth={2.5} dot={{ r: 4 }} connectNulls isAnimationActive={false} /> : null}
          {hasVas ? (
            <Line yAxisId="vas" type="linear" dataKey="vas" name="VAS (0-100)" stroke="#a4161a" strokeWidth={2} strokeDasharray="5 3" dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
