/**
 * Settings › Wall board: how the suite board on a wall display is set up. Settings that change
 * what the board shows are mounted here, each in its own component file.
 */
import { paths } from '../../../app/router';
import { useCan } from '../../auth/store';
import { BoardSettings } from '../../board/BoardSettings';

export function BoardPage() {
  const managesUsers = useCan('users.manage');
  return (
    <>
      <section className="panel" aria-labelledby="board-setup-heading">
        <h2 id="board-setup-heading">Setting up a wall display</h2>
        <p>
          The board shows today’s suites and sessions, large enough to read across the room. A wall display signs in with an account whose
          role is <strong>Wall board</strong>: that account sees the board and nothing else, and is never locked for being idle.
        </p>
        <ol className="plain-steps">
          <li>{managesUsers ? <a href={paths.users}>Add a user</a> : 'Ask an administrator to add a user'} with the role Wall board.</li>
          <li>On the display’s computer, sign in with that account. The board opens by itself.</li>
        </ol>
        <p>
          <a className="button" href="#/board">
            Open the board here
          </a>
        </p>
      </section>
      <BoardSettings />
    </>
  );
}
