/**
 * Moves focus to the first heading inside `container` once it appears (screens load their data first),
 * so keyboard and screen-reader users land on the new screen. Returns a function that gives up.
 */
export function focusHeadingWhenReady(container: HTMLElement, timeoutMs = 3000): () => void {
  const give = { up: false };
  const deadline = performance.now() + timeoutMs;
  const attempt = (): void => {
    if (give.up || performance.now() > deadline) return;
    const heading = container.querySelector<HTMLElement>('h1');
    if (heading) heading.focus();
    else requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
  return () => {
    give.up = true;
  };
}
