// A tiny helper to build DOM nodes. Text always goes through `textContent`,
// never `innerHTML`, so a message such as `<img src=x onerror=alert(1)>`
// shows up as the characters the learner typed.

/** Options for `el`: a class name, text, attributes. */
export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Creates an element with optional class, text, attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined) {
    node.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

/** Sets an element's text only when it changed (cheap to call every frame). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

/** Removes the `<p class="live-fallback">` a page puts inside a live element. */
export function removeFallback(host: HTMLElement): void {
  for (const fallback of Array.from(host.querySelectorAll(".live-fallback"))) {
    fallback.remove();
  }
}

/** Formats a byte count: 512 B, 3.4 kB, 1.2 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) {
    return `${Math.round(bytes)} B`;
  }
  if (bytes < 1_000_000) {
    return `${(bytes / 1000).toFixed(1)} kB`;
  }
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Formats a delay in milliseconds, or a dash when nothing was measured. */
export function formatDelay(ms: number | null): string {
  if (ms === null) {
    return "–";
  }
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A live custom element: builds its content when it enters the page
 * (`mount`, which returns how to tear it down, or `undefined` when there is
 * nothing to show) and tears it down when it leaves, once each way.
 */
export abstract class LiveElement extends HTMLElement {
  private unmount: (() => void) | undefined;

  protected abstract mount(): (() => void) | undefined;

  connectedCallback(): void {
    this.unmount ??= this.mount();
  }

  disconnectedCallback(): void {
    this.unmount?.();
    this.unmount = undefined;
  }
}
