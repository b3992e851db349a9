// `<exercise-check exercise="ex03">` on the /exercises page: a "Check"
// button that asks the server to run that exercise's grader and shows the
// grader's output live, line by line, over Socket.IO (namespace /grade).
// The server answers only on loopback; the element is `disabled` otherwise.

import { io, type Socket } from "socket.io-client";

import { el } from "./dom";
import { StringKey, t } from "./i18n";
import { asGradeDone, asGradeLine, GradeStatus } from "./types";

/** The badge text of each status. */
const STATUS_LABELS: Record<GradeStatus, StringKey> = {
  passed: "grade_passed",
  "not-started": "grade_not_started",
  failed: "grade_failed",
  "does-not-compile": "grade_does_not_compile",
};

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
    const exercise = this.getAttribute("exercise") ?? "";
    const button = el("button", { className: "button check-button", text: t("check"), attrs: { type: "button" } });
    const output = el("pre", { className: "check-output", attrs: { "aria-live": "polite" } });
    output.hidden = true;
    this.replaceChildren(button, output);

    const socket = gradeSocket();
    socket.on("line", (value: unknown) => {
      const message = asGradeLine(value);
      if (message?.exercise !== exercise) {
        return;
      }
      output.append(`${message.line}\n`);
      output.scrollTop = output.scrollHeight;
    });
    socket.on("done", (value: unknown) => {
      const message = asGradeDone(value);
      if (message?.exercise !== exercise) {
        return;
      }
      button.disabled = false;
      button.textContent = t("check");
      const card = this.closest<HTMLElement>("[data-exercise]");
      const badge = card?.querySelector(".exercise-status");
      if (message.error) {
        output.append(`${message.error}\n`);
      }
      if (card && badge) {
        const status = message.status ?? "error";
        card.dataset.status = status;
        badge.className = `exercise-status status-${status}`;
        badge.textContent = t(message.status ? STATUS_LABELS[message.status] : "grade_error");
      }
    });
    button.addEventListener("click", () => {
      button.disabled = true;
      button.textContent = t("checking");
      output.hidden = false;
      output.textContent = "";
      socket.emit("check", exercise);
    });
  }
}
