import type { ReactNode } from 'react';

/** The centred card of sign-in, setup and invite pages. */
export function AuthFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <div className="auth-brand" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="32" height="32">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M8 20l6-8 4 5 3-4 3 7"
              fill="none"
              stroke="#fff"
              strokeWidth="2.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          Auto-Flow
        </div>
        <h1>{title}</h1>
        {intro && <div className="muted">{intro}</div>}
        {children}
      </div>
    </main>
  );
}
