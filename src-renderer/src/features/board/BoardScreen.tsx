/**
 * The suite board. In board mode (always, for a wall-board account; by the Board mode button for
 * others) it fills the whole screen with no app chrome, and its type scales with the screen
 * (container units: the same board is readable on a 1080p and a 4K display from across the
 * room). Per suite: who is in it as the clinic chose to show them (initials or the day's code),
 * the recorded status with when it was recorded and the plan beside it, late when behind plan,
 * and who is next; above, the clock, suites in use and "Updated hh:mm"; below, today's
 * utilization with its denominators. It asks again every 30 seconds and at once on a schedule
 * change; with no answer for 90 seconds it says so in red, so a frozen board is never trusted.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { entryWords, utilizationWords } from '../../../../src-shared/domain/board/board-words';
import { formatTime, type TimeFormat } from '../../../../src-shared/domain/clock-display';
import { api } from '../../api/client';
import { showsNavigation } from '../../app/access';
import { NAV_ITEMS } from '../../app/Nav';
import { ScreenHeading } from '../../components/ScreenHeading';
import { errorText } from '../../lib/errors';
import { useGranted } from '../auth/store';
import { boardGrid, isStale, REFRESH_MS, STATE_WORD, type BoardData, type BoardTileData } from './board-model';
import './board.css';

/** The clinic's zone and time format, and a time written in them. */
interface Clock {
  zone: string;
  format: TimeFormat;
  t(instant: number): string;
}
const clockOf = (zone: string, format: TimeFormat): Clock => ({ zone, format, t: (instant) => formatTime(instant, zone, format) });

function Strip({ tile, now, clock }: { tile: BoardTileData; now: number; clock: Clock }) {
  const span = tile.dayEnd - tile.dayStart;
  if (span <= 0) return null;
  const pos = (t: number) => `${Math.min(100, Math.max(0, ((t - tile.dayStart) / span) * 100)).toFixed(2)}%`;
  return (
    <div className="board-strip" aria-hidden="true" title={`${clock.t(tile.dayStart)}–${clock.t(tile.dayEnd)}`}>
      {tile.blocks.map((b) => (
        <span
          key={`${b.startsAt}-${b.endsAt}`}
          className={`board-block board-block-${b.status}`}
          style={{ left: pos(b.startsAt), width: `calc(${pos(b.endsAt)} - ${pos(b.startsAt)})` }}
        />
      ))}
      {now >= tile.dayStart && now <= tile.dayEnd ? <span className="board-now-mark" style={{ left: pos(now) }} /> : null}
    </div>
  );
}

function Tile({ tile, now, clock }: { tile: BoardTileData; now: number; clock: Clock }) {
  const words = tile.now ? entryWords(tile.now, clock.zone, clock.format) : null;
  return (
    <article className={`board-tile board-${tile.state}${words?.late ? ' board-is-late' : ''}`} aria-label={tile.name}>
      <header className="board-tile-head">
        <h2>{tile.name}</h2>
        {/* The coloured edge and the big words say in use / free / closed; a late session says so here. */}
        {words?.late ? <span className="board-late">{words.late}</span> : <span className="visually-hidden">{STATE_WORD[tile.state]}</span>}
      </header>
      {tile.now && words ? (
        <div className="board-current">
          <p className="board-patient">
            <span className="board-label">{tile.now.label}</span> <span className="board-seq">{tile.now.position}</span>
          </p>
          <p className={`board-status board-phase-${tile.now.phase.phase}`}>{words.status}</p>
          <p className="board-times">{words.when ?? '—'}</p>
          <p className="board-plan">{words.plan}</p>
          {tile.alsoInSuite ? <p className="board-warn">+{tile.alsoInSuite} more recorded in this suite</p> : null}
        </div>
      ) : (
        <p className="board-idle">{tile.state === 'closed' ? (tile.closedReason ? `Closed · ${tile.closedReason}` : 'Closed') : 'Free'}</p>
      )}
      <p className="board-next">
        {tile.next ? (
          <>
            Next {clock.t(tile.next.startsAt)} · <strong>{tile.next.label}</strong> ({tile.next.position})
          </>
        ) : (
          'No one else today'
        )}
      </p>
      <Strip tile={tile} now={now} clock={clock} />
    </article>
  );
}

/** The board itself, sized by its box: the whole screen in board mode, a 16:9 preview in the app. */
function Board({ data, now, receivedAt, error }: { data: BoardData | null; now: number; receivedAt: number | null; error: string | null }) {
  const clock = clockOf(data?.timeZone ?? 'UTC', data?.timeFormat ?? '12h');
  const stale = data !== null && isStale(receivedAt, now);
  const grid = boardGrid(data?.tiles.length ?? 0);
  const util = data ? utilizationWords(data.utilization) : null;
  return (
    <div className={`board${stale ? ' board-is-stale' : ''}`} style={{ '--board-cols': grid.cols, '--board-rows': grid.rows, '--board-scale': grid.scale } as React.CSSProperties}>
      <header className="board-bar">
        <p className="board-heading">
          <span className="board-clock">{clock.t(now)}</span>
          <span className="board-clinic">{data?.clinicName ?? ''}</span>
        </p>
        <p className="board-summary">
          {data ? (
            <>
              <strong>{data.inUse}</strong> of {data.tiles.length} suites in use
            </>
          ) : null}
        </p>
        {data ? (
          stale ? (
            <p className="board-updated board-stale" role="alert">
              Not updated since {clock.t(data.asOf)} — check the connection
            </p>
          ) : (
            <p className="board-updated">Updated {clock.t(data.asOf)}</p>
          )
        ) : null}
      </header>
      {error && !data ? (
        <p className="board-error" role="alert">
          The board could not be loaded. {error}
        </p>
      ) : null}
      {data && data.tiles.length === 0 ? <p className="board-error">No active suites. Add suites in Settings → Suites and closures.</p> : null}
      <div className="board-grid">
        {data?.tiles.map((t) => (
          <Tile key={t.suiteId} tile={t} now={now} clock={clock} />
        ))}
      </div>
      {util ? (
        <footer className="board-util" aria-label="Today’s utilization">
          <span>{util.scheduled}</span>
          <span>{util.actual}</span>
        </footer>
      ) : null}
    </div>
  );
}

function useBoardData() {
  const [data, setData] = useState<BoardData | null>(null);
  const [receivedAt, setReceivedAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('board.today', {}).then(
        (d) => {
          if (!live) return;
          setData(d);
          setReceivedAt(Date.now());
          setError(null);
        },
        (e: unknown) => live && setError(errorText(e)),
      );
    void load();
    const off = api.subscribe('schedule.changed', () => void load());
    // The refresh brings the clinic's new day after midnight and any change another computer made.
    const refresh = setInterval(() => void load(), REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), 5_000);
    return () => {
      live = false;
      off();
      clearInterval(refresh);
      clearInterval(tick);
    };
  }, []);
  return { data, receivedAt, error, now };
}

const NAV_SCREENS = NAV_ITEMS.map((n) => n.key);

export function BoardScreen() {
  const granted = useGranted();
  // A wall-board account has nothing but the board: it opens in board mode.
  const boardOnly = !showsNavigation(NAV_SCREENS, granted);
  const [mode, setMode] = useState(boardOnly);
  const { data, receivedAt, error, now } = useBoardData();
  const wentFullscreen = useRef(false);

  const enter = useCallback(() => {
    setMode(true);
    const el = document.documentElement;
    if (el.requestFullscreen && !document.fullscreenElement) {
      el.requestFullscreen().then(
        () => (wentFullscreen.current = true),
        () => undefined, // Full screen refused (no user gesture, or a kiosk already): the board still fills the window.
      );
    }
  }, []);
  const leave = useCallback(() => {
    setMode(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    wentFullscreen.current = false;
  }, []);

  useEffect(() => {
    if (!mode) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && leave();
    // Leaving the browser's full screen (Esc, F11) leaves board mode too.
    const onFs = () => !document.fullscreenElement && wentFullscreen.current && leave();
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFs);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFs);
    };
  }, [mode, leave]);

  if (mode) {
    return (
      <section className="board-mode" aria-label="Suite board">
        <h1 className="visually-hidden">Board</h1>
        <Board data={data} now={now} receivedAt={receivedAt} error={error} />
        <button type="button" className="board-leave" onClick={leave}>
          {boardOnly ? 'Show the menu' : 'Leave board mode'}
        </button>
      </section>
    );
  }
  return (
    <section className="screen board-screen">
      <ScreenHeading
        title="Board"
        lead="Today’s suites as the wall display shows them. Board mode fills the screen, with type sized for reading across the room."
      />
      <p>
        <button type="button" className="button button-primary" onClick={enter}>
          Board mode (full screen)
        </button>
      </p>
      <div className="board-preview">
        <Board data={data} now={now} receivedAt={receivedAt} error={error} />
      </div>
    </section>
  );
}
