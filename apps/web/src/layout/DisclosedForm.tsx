import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ResourceStates } from '../api/ResourceStates';
import { useApiResource } from '../api/use-api-resource';

interface DisclosedFormSectionProps<T> {
  /** The section's own class, beside `panel`. */
  className: string;
  /** Already translated: the heading, a line on what the form is for, the disclosure's label. */
  heading: string;
  intro: string;
  openLabel: string;
  /** What is loading, what failed to load (the choices the form offers). */
  messages: { loading: string; loadFailed: string };
  /** Loads the form's choices; stable (a module function or a useCallback). */
  load: (signal: AbortSignal) => Promise<T>;
  children: (choices: T) => ReactNode;
}

/**
 * A section with a form behind a disclosure (list a hearing, add a participant): its choices load
 * only when the person opens it, so a page costs nothing until they do, with the loading and
 * failed states every list has.
 */
export function DisclosedFormSection<T>({ className, heading, intro, openLabel, messages, load, children }: DisclosedFormSectionProps<T>) {
  const headingId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section className={`panel ${className}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p className="muted">{intro}</p>
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{openLabel}</summary>
        {open && (
          <Choices load={load} messages={messages}>
            {children}
          </Choices>
        )}
      </details>
    </section>
  );
}

function Choices<T>({ load, messages, children }: Pick<DisclosedFormSectionProps<T>, 'load' | 'messages' | 'children'>) {
  const { state, reload } = useApiResource(load);
  if (state.status !== 'loaded') return <ResourceStates state={state} reload={reload} messages={messages} />;
  return <>{children(state.data)}</>;
}

/**
 * What a form's action came to: a status, or an alert when it `failed`. It takes the focus each
 * time `outcome` changes, so a screen reader hears it at once.
 */
export function FocusedOutcome({ outcome, failed, children }: { outcome: unknown; failed: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [outcome]);
  return (
    <div ref={ref} className={failed ? 'notice notice--error' : 'notice'} role={failed ? 'alert' : 'status'} tabIndex={-1}>
      {children}
    </div>
  );
}
