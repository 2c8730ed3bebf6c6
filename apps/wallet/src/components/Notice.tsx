import type { ReactNode } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/use-t.ts';
import { explain } from '../words.ts';
import { noticeMessages } from './Notice.messages.ts';

/** A failure in words, with what to do; `role="alert"` so it is announced when it appears. */
export function ErrorNotice({
  error,
  onRetry,
  retryLabel,
  children,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  retryLabel?: string;
  children?: ReactNode;
}) {
  const { locale } = useLocale();
  const t = useT(noticeMessages);
  const words = explain(error, locale);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{words.title}</p>
      <p>{words.detail}</p>
      {children}
      {onRetry && words.retry ? (
        <p className="notice-actions">
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {retryLabel ?? t('tryAgain')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

export function Loading({ children }: { children: ReactNode }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{children}</span>
    </div>
  );
}

/** A warning that must be seen (an unverified payee, say); text, icon and colour all say it. */
export function Warning({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="notice notice-warning">
      <p className="notice-title">
        <span aria-hidden="true">⚠ </span>
        {title}
      </p>
      {children}
    </div>
  );
}
