// The publish box: type a message, choose the transport it goes through,
// and see the id the server gave it — then watch that id arrive in every
// panel. Each panel publishes its own way: the HTTP ones with
// `POST /api/publish`, WebSocket and Socket.IO over their open connection,
// waiting for an acknowledgement.

import { el } from "./dom";
import { t } from "./i18n";
import { Panel } from "./panel";
import { transportTitle } from "./panel_view";
import { PublishResult } from "./types";

/** Builds a publish form for the given panels. */
export function publishBox(panels: Panel[], compact: boolean): HTMLFormElement {
  const input = el("input", {
    className: "lab-input",
    attrs: { type: "text", maxlength: "4096", placeholder: t("publish_placeholder"), "aria-label": t("publish") },
  });
  const choice = el("select", { className: "lab-select", attrs: { "aria-label": t("publish_through") } });
  for (const panel of panels) {
    choice.append(el("option", { text: transportTitle(panel.transport), attrs: { value: panel.transport } }));
  }
  const button = el("button", { className: "lab-button", text: t("publish"), attrs: { type: "submit" } });
  const result = el("output", { className: "lab-publish-result", attrs: { "aria-live": "polite" } });
  const form = el("form", { className: compact ? "lab-publish is-compact" : "lab-publish" }, [
    input,
    el("label", { className: "lab-through", text: t("publish_through") }, [choice]),
    button,
    result,
  ]);
  form.addEventListener("submit", (submit) => {
    submit.preventDefault();
    const text = input.value;
    const panel = panels.find((candidate) => candidate.transport === choice.value);
    button.disabled = true;
    void publishThrough(panel, text).then((answer) => {
      button.disabled = false;
      if ("id" in answer) {
        result.textContent = `${t("published")} #${answer.id}`;
        result.dataset.tone = "ok";
        result.dataset.eventId = String(answer.id);
        input.value = "";
      } else {
        result.textContent = answer.error;
        result.dataset.tone = "error";
        delete result.dataset.eventId;
      }
    });
  });
  return form;
}

function publishThrough(panel: Panel | undefined, text: string): Promise<PublishResult> {
  return panel ? panel.publish(text) : Promise.resolve({ error: t("not_connected") });
}
