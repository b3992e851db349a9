// A tiny inline-SVG chart of the latest delivery delays, so a glance shows
// whether a transport delivers steadily (a flat line near zero) or in bursts
// (a saw-tooth, as polling does).

import { el } from "./dom";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 200;
const HEIGHT = 36;
/** The chart never zooms in below this many milliseconds. */
const MIN_SCALE_MS = 50;

/** A sparkline of delays, newest on the right. */
export class Sparkline {
  readonly element: HTMLElement;
  private readonly line: SVGPolylineElement;
  private readonly scaleLabel: HTMLElement;

  constructor(label: string) {
    // The chart stretches to the panel's width; the scale is HTML so its
    // text does not stretch with it.
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    const baseline = document.createElementNS(SVG, "line");
    baseline.setAttribute("x1", "0");
    baseline.setAttribute("x2", String(WIDTH));
    baseline.setAttribute("y1", String(HEIGHT - 1));
    baseline.setAttribute("y2", String(HEIGHT - 1));
    baseline.setAttribute("class", "lab-sparkline-base");
    this.line = document.createElementNS(SVG, "polyline");
    this.line.setAttribute("class", "lab-sparkline-line");
    svg.append(baseline, this.line);
    this.scaleLabel = el("span", { className: "lab-sparkline-scale" });
    this.element = el("div", { className: "lab-sparkline" }, [svg, this.scaleLabel]);
  }

  /** Redraws with `delays` (milliseconds, oldest first). */
  draw(delays: number[]): void {
    const scale = Math.max(MIN_SCALE_MS, ...delays);
    const step = delays.length > 1 ? WIDTH / (delays.length - 1) : WIDTH;
    const points = delays.map((delay, index) => {
      const x = delays.length > 1 ? index * step : WIDTH;
      const y = HEIGHT - 2 - (Math.min(delay, scale) / scale) * (HEIGHT - 12);
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    });
    this.line.setAttribute("points", points.join(" "));
    this.scaleLabel.textContent = delays.length > 0 ? `${Math.round(scale)} ms` : "";
  }
}
