import type { ReactNode } from 'react';

/** The one <h1> of a screen, with optional actions on the right. */
export function ScreenHeading({ title, children, lead }: { title: ReactNode; children?: ReactNode; lead?: ReactNode }) {
  return (
    <div className="screen-heading">
      <div>
        <h1>{title}</h1>
        {lead ? <p className="screen-lead">{lead}</p> : null}
      </div>
      {children ? <div className="screen-actions">{children}</div> : null}
    </div>
  );
}
