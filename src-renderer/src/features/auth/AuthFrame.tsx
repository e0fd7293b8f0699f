/** The card the sign-in, set-up and password screens sit in, alone on the page. */
import type { ReactNode } from 'react';
import './auth.css';

export function AuthFrame({ title, intro, wide, children }: { title: string; intro?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main className={`auth-card${wide ? ' auth-card-wide' : ''}`} aria-labelledby="auth-title">
        <p className="auth-brand">Infusion Desk</p>
        <h1 id="auth-title">{title}</h1>
        {intro ? <div className="auth-intro">{intro}</div> : null}
        {children}
      </main>
    </div>
  );
}
