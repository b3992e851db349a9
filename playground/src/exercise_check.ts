// `<exercise-check exercise="ex03">` on the /exercises page: a "Check"
// button that asks the server to run that exercise's grader and shows the
// grader's output live, line by line, over Socket.IO (namespace /grade).
// The server answers only on loopback; the element is `disabled` otherwise.

import { io, type Socket } from "socket.io-client";

import { el } from "./dom";
import { pageLanguage } from "./i18n";

/** `line` events: one line of the grader's output. */
interface GradeLine {
  exercise: string;
  line: string;
}

/** `done` events: the verdict, or why there is none. */
interface GradeDone {
  exercise: string | null;
  status?: "passed" | "not-started" | "failed" | "does-not-compile";
  error?: string;
}

const STRINGS = {
  en: {
    check: "Check",
    checking: "Checking…",
    passed: "passed",
    "not-started": "not started",
    failed: "not yet",
    "does-not-compile": "does not compile",
    error: "could not grade",
  },
  es: {
    check: "Comprobar",
    checking: "Comprobando…",
    passed: "superado",
    "not-started": "sin empezar",
    failed: "todavía no",
    "does-not-compile": "no compila",
    error: "no se pudo corregir",
  },
} as const;

/** One Socket.IO connection shared by every button of the page. */
let shared: Socket | null = null;
function gradeSocket(): Socket {
  shared ??= io("/grade");
  return shared;
}

export class ExerciseCheckElement extends HTMLElement {
  connectedCallback(): void {
    if (this.hasAttribute("disabled") || this.dataset.ready) {
      return;
    }
    this.dataset.ready = "true";
    const strings = STRINGS[pageLanguage()];
    const exercise = this.getAttribute("exercise") ?? "";
    const button = el("button", { className: "button check-button", text: strings.check, attrs: { type: "button" } });
    const output = el("pre", { className: "check-output", attrs: { "aria-live": "polite" } });
    output.hidden = true;
    this.replaceChildren(button, output);

    const socket = gradeSocket();
    socket.on("line", (message: GradeLine) => {
      if (message.exercise !== exercise) {
        return;
      }
      output.append(`${message.line}\n`);
      output.scrollTop = output.scrollHeight;
    });
    socket.on("done", (message: GradeDone) => {
      if (message.exercise !== exercise) {
        return;
      }
      button.disabled = false;
      button.textContent = strings.check;
      const card = this.closest<HTMLElement>("[data-exercise]");
      const badge = card?.querySelector(".exercise-status");
      const status = message.status ?? "error";
      if (message.error) {
        output.append(`${message.error}\n`);
      }
      if (card && badge) {
        card.dataset.status = status;
        badge.className = `exercise-status status-${status}`;
        badge.textContent = strings[status];
      }
    });
    button.addEventListener("click", () => {
      button.disabled = true;
      button.textContent = strings.checking;
      output.hidden = false;
      output.textContent = "";
      socket.emit("check", exercise);
    });
  }
}
