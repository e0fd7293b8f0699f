/**
 * The suite board for the wall display: every suite as a large tile — who is in it and in
 * which phase until when, who is next, and how much of its day is booked — readable from
 * across the room. Refreshes on schedule changes and every half minute for the clock.
 */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { localTimeAt } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { errorText } from '../../lib/errors';
import { boardTiles, floorShare, type SuiteTile } from './board-model';

/** board.today: the one read the wall-board role may make (patients by initials). */
type CalendarData = MethodOutput<'board.today'>;
const PHASE_WORD = { prep: 'IV preparation', infusing: 'Infusing', recovery: 'Recovery' } as const;

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

function Strip({ tile, now, zone }: { tile: SuiteTile; now: number; zone: string }) {
  const span = tile.dayEnd - tile.dayStart;
  if (span <= 0) return null;
  const pos = (t: number) => `${Math.min(100, Math.max(0, ((t - tile.dayStart) / span) * 100)).toFixed(2)}%`;
  return (
    <div className="board-strip" aria-hidden="true" title={`${localTimeAt(zone, tile.dayStart)}-${localTimeAt(zone, tile.dayEnd)}`}>
      {tile.blocks.map((b) => (
        <span
          key={`${b.startsAt}-${b.endsAt}`}
          className={`board-block board-block-${b.status}`}
          style={{ left: pos(b.startsAt), width: `calc(${pos(b.endsAt)} - ${pos(b.startsAt)})` }}
        />
      ))}
      {now >= tile.dayStart && now <= tile.dayEnd ? <span className="board-now" style={{ left: pos(now) }} /> : null}
    </div>
  );
}

function Tile({ tile, now, zone }: { tile: SuiteTile; now: number; zone: string }) {
  return (
    <article className={`board-tile board-${tile.state}`} aria-label={tile.name}>
      <header className="board-tile-head">
        <h2>{tile.name}</h2>
        <span className="board-share">{pct(tile.share)} booked</span>
      </header>
      {tile.now ? (
        <div className="board-now-block">
          <p className="board-patient">
            {tile.now.session.patientLabel} <span className="board-seq">{tile.now.session.position}</span>
          </p>
          <p className={`board-phase board-phase-${tile.now.phase}`}>
            {PHASE_WORD[tile.now.phase]} until {localTimeAt(zone, tile.now.phaseEndsAt)}
          </p>
          <p className="board-status">
            {tile.now.statusWord}
            {tile.now.session.supervisorName ? ` · ${tile.now.session.supervisorName}` : ''}
          </p>
        </div>
      ) : (
        <p className="board-idle">{tile.state === 'closed' ? `Closed${tile.closedReason ? ` · ${tile.closedReason}` : ''}` : 'Free'}</p>
      )}
      <p className="board-next">
        {tile.next ? (
          <>
            Next {localTimeAt(zone, tile.next.startsAt)} · {tile.next.patientLabel} ({tile.next.position})
          </>
        ) : (
          'No one else today'
        )}
      </p>
      <Strip tile={tile} now={now} zone={zone} />
    </article>
  );
}

export function BoardScreen() {
  const [now, setNow] = useState(() => Date.now());
  const [data, setData] = useState<CalendarData | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The clinic's zone and "today" come with the board's data: the board role reads nothing else.
  const zone = data?.floor.timeZone ?? 'UTC';
  const date = data?.date ?? '';
  // Past midnight in the clinic, the next half-minute tick loads the new day.
  const [day, setDay] = useState(0);

  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('board.today', {}).then(
        (d) => live && (setData(d), setError(null)),
        (e: unknown) => live && setError(errorText(e)),
      );
    void load();
    const off = api.subscribe('schedule.changed', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [day]);
  useEffect(() => {
    const t = setInterval(() => {
      setNow(Date.now());
      setDay((d) => d + 1);
    }, 30_000);
    return () => clearInterval(t);
  }, []);

  const tiles = data ? boardTiles(data, date, now) : [];
  const inUse = tiles.filter((t) => t.state === 'in_use').length;
  return (
    <section className="screen board-screen">
      <ScreenHeading
        title="Board"
        lead={
          <>
            <span className="board-clock">{localTimeAt(zone, now)}</span> · {inUse} of {tiles.length} suites in use · {pct(data ? floorShare(data, date) : null)} of
            today’s suite time booked
          </>
        }
      />
      {error ? (
        <p className="form-alert" role="alert">
          The board could not be updated. {error}
        </p>
      ) : null}
      {data && tiles.length === 0 ? <p className="notice">No active suites. Add suites in Settings → Suites.</p> : null}
      <div className="board-grid">
        {tiles.map((t) => (
          <Tile key={t.suiteId} tile={t} now={now} zone={zone} />
        ))}
      </div>
    </section>
  );
}
