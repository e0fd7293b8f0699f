// The API client first: in the browser it takes the access token from the address before
// the router reads it.
import './api/client';
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AuthGate } from './features/auth/AuthGate';
import './styles.css';

// zod compiles object checks with new Function() unless told not to; the CSP (no 'unsafe-eval')
// refuses that, and the browser logs a violation each time zod falls back on its own.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AuthGate>
      <App />
    </AuthGate>
  </StrictMode>,
);
