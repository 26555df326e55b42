import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../api/use-api-resource';
import { ResourceStates } from '../../api/ResourceStates';

/**
 * A panel listing hearings (the home page's, a case's): its heading, the list loading, failed (with a retry),
 * empty (with a hint) or loaded, and the table in a scrollable region named by the heading.
 * `load` must be stable (useCallback); `messages` is the translation prefix of the four states.
 */
export function HearingListPanel<T>(props: {
  title: string;
  load: (signal: AbortSignal) => Promise<T[]>;
  messages: 'hearingsList' | 'myHearings' | 'caseHearings';
  table: (caption: string, hearings: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const { state, reload } = useApiResource(props.load);
  return (
    <section className="panel" aria-labelledby={headingId} aria-busy={state.status === 'loading'}>
      <h2 id={headingId}>{props.title}</h2>
      <ResourceStates
        state={state}
        reload={reload}
        isEmpty={(data) => data.length === 0}
        messages={{
          loading: t(`${props.messages}.loading`),
          loadFailed: t(`${props.messages}.loadFailed`),
          empty: t(`${props.messages}.empty`),
          emptyHint: t(`${props.messages}.emptyHint`),
        }}
      />
      {state.status === 'loaded' && state.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          {props.table(props.title, state.data)}
        </div>
      )}
    </section>
  );
}
