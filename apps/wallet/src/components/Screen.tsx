import { type ReactNode, useEffect, useRef } from 'react';
import { shellMessages } from '../i18n/shell.messages.ts';
import { useT } from '../i18n/use-t.ts';
import { hasNavigatedInApp } from '../router.ts';

export interface ScreenProps {
  /** The page's one h1, also used for the document title. */
  title: string;
  /** Set when the h1 differs from what the tab should say. */
  documentTitle?: string;
  /** Focus the heading on mount even without a navigation (a state that replaces another). */
  focusHeading?: boolean;
  className?: string;
  children?: ReactNode;
}

/**
 * One screen: sets the document title and, after an in-app navigation, moves focus to the heading
 * so screen reader users hear where they landed (a full page load needs no help).
 */
export function Screen({ title, documentTitle, focusHeading = false, className, children }: ScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const productName = useT(shellMessages)('productName');
  const tabTitle = documentTitle ?? title;
  useEffect(() => {
    document.title = tabTitle === productName ? productName : `${tabTitle} · ${productName}`;
  }, [tabTitle, productName]);
  useEffect(() => {
    if (focusHeading || hasNavigatedInApp()) heading.current?.focus();
  }, [focusHeading]);
  return (
    <div className={className ? `screen ${className}` : 'screen'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
