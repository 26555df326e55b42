import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message';
import type { ResourceState } from './use-api-resource';

interface ResourceStatesProps<T> {
  state: ResourceState<T>;
  reload: () => void;
  /**
   * Whether loaded data has nothing to show (then the empty state is shown). Left out where
   * loaded data is always shown (a form's choices: none is still a form).
   */
  isEmpty?: (data: T) => boolean;
  /** Already translated: what is loading, what failed to load, and, with isEmpty, what "nothing" means here. */
  messages: { loading: string; loadFailed: string; empty?: string; emptyHint?: string };
}

/**
 * Everything a list shows while it is not a list: "loading" (announced), a failure with its reason
 * and a "Try again" that reloads, and an empty state that says what would appear here. Renders
 * nothing once there is data to show; the caller renders that.
 */
export function ResourceStates<T>({ state, reload, isEmpty, messages }: ResourceStatesProps<T>) {
  const { t, i18n } = useTranslation();
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {messages.loading}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="notice notice--error" role="alert">
        <p>
          {messages.loadFailed} {errorMessage(state.error, i18n)}
        </p>
        <button type="button" className="button button--secondary" onClick={reload}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (isEmpty?.(state.data)) {
    return (
      <div className="empty-state">
        <p className="empty-state__title">{messages.empty}</p>
        <p className="muted">{messages.emptyHint}</p>
      </div>
    );
  }
  return null;
}
