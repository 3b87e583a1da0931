// Each screen's h1. After a navigation it takes focus, so keyboard and screen-reader users
// start reading the new screen from its top instead of staying on the button they pressed.

import { useEffect, useRef, type ReactNode } from 'react';
import { useApp } from '../app/stores';

export function ScreenHeading({ children, intro }: { children: ReactNode; intro?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focusRequest = useApp((state) => state.focusRequest);
  useEffect(() => {
    // 0: the first screen of a fresh start; leave the focus where the browser put it.
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  return (
    <header className="screen-header">
      <h1 id="screen-title" ref={heading} tabIndex={-1}>
        {children}
      </h1>
      {intro ? <p className="intro">{intro}</p> : null}
    </header>
  );
}
