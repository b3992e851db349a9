// A tiny inline-SVG chart of the latest delivery delays, so a glance shows
// whether a transport delivers steadily (a flat line near zero) or in bursts
// (a saw-tooth, as polling does).

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 200;
const HEIGHT = 36;
/** The chart never zooms in below this many milliseconds. */
const MIN_SCALE_MS = 50;

/** A sparkline of delays, newest on the right. */
export class Sparkline {
  readonly element: SVGSVGElement;
  private readonly line: SVGPolylineElement;
  private readonly scaleLabel: SVGTextElement;

  constructor(label: string) {
    this.element = document.createElementNS(SVG, "svg");
    this.element.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    this.element.setAttribute("preserveAspectRatio", "none");
    this.element.setAttribute("class", "lab-sparkline");
    this.element.setAttribute("role", "img");
    this.element.setAttribute("aria-label", label);
    const baseline = document.createElementNS(SVG, "line");
    baseline.setAttribute("x1", "0");
    baseline.setAttribute("x2", String(WIDTH));
    baseline.setAttribute("y1", String(HEIGHT - 1));
    baseline.setAttribute("y2", String(HEIGHT - 1));
    baseline.setAttribute("class", "lab-sparkline-base");
    this.line = document.createElementNS(SVG, "polyline");
    this.line.setAttribute("class", "lab-sparkline-line");
    this.scaleLabel = document.createElementNS(SVG, "text");
    this.scaleLabel.setAttribute("x", "2");
    this.scaleLabel.setAttribute("y", "9");
    this.scaleLabel.setAttribute("class", "lab-sparkline-scale");
    this.element.append(baseline, this.line, this.scaleLabel);
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
