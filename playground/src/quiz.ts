// `<lab-quiz>`: the quiz that ends a chapter. The server renders it
// (src/course/quiz.rs) as one form per question, each carrying its answer
// key in data attributes; this element checks answers, reveals the
// explanation of every option the learner picked and of the right ones,
// keeps the score, and remembers answers in the browser (localStorage,
// `realtime-lab-quiz`), where the home page reads each chapter's score.
//
// A "predict" question asks for a prediction first; Run then drives an
// experiment against this server (quiz_experiments.ts) and shows the
// prediction next to what was observed. A prediction is right when it
// matches the observation, or when both lie in the range the question
// accepts (timing makes "5 or 6 requests" equally right).

import { t } from "./i18n";
import { experimentSeconds, Observation, runExperiment } from "./quiz_experiments";

const STORE_KEY = "realtime-lab-quiz";

/** One answered question, as stored. */
interface Answer {
  value: string | string[];
  right: boolean;
  observed?: string;
}

/** Per chapter: how many questions, and the answers so far. */
interface ChapterRecord {
  total: number;
  answers: Record<string, Answer>;
}

function loadAll(): Record<string, ChapterRecord> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORE_KEY) ?? "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, ChapterRecord>) : {};
  } catch {
    return {};
  }
}

function saveAll(records: Record<string, ChapterRecord>): void {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(records));
  } catch {
    // Private mode or full storage: the quiz still works, it only forgets.
  }
}

/** Normalises a typed answer like the server does (quiz.rs `Match::normalise`). */
export function normalise(kind: string, answer: string): string | null {
  if (kind === "number") {
    const text = answer.trim().replace(",", ".");
    if (text === "") {
      return null;
    }
    const value = Number(text);
    return Number.isFinite(value) ? String(value) : null;
  }
  if (kind === "frame") {
    return answer.replace(/\s+/g, "");
  }
  return answer.trim().split(/\s+/).join(" ").toLowerCase();
}

/** The accepted range of a number prediction, from `data-accept="5,6"`. */
function acceptRange(form: HTMLFormElement): [number, number] | null {
  const parts = (form.dataset.accept ?? "").split(",").map(Number);
  const [low, high] = parts;
  return parts.length === 2 && low !== undefined && high !== undefined && Number.isFinite(low) && Number.isFinite(high) ? [low, high] : null;
}

function inputs(form: HTMLFormElement): HTMLInputElement[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>("input"));
}

/** The `<lab-quiz>` custom element. */
export class LabQuizElement extends HTMLElement {
  private chapter = "";
  private forms: HTMLFormElement[] = [];

  connectedCallback(): void {
    if (this.chapter) {
      return;
    }
    this.chapter = this.dataset.quiz ?? "";
    this.forms = Array.from(this.querySelectorAll<HTMLFormElement>("form.quiz-question"));
    this.classList.add("is-live");
    for (const form of this.forms) {
      form.addEventListener("submit", (submit) => {
        submit.preventDefault();
        void this.check(form);
      });
      form.addEventListener("change", () => {
        const verdict = form.querySelector("output.quiz-verdict");
        if (verdict && form.dataset.state === undefined) {
          verdict.textContent = "";
        }
      });
    }
    this.querySelector(".quiz-retry")?.addEventListener("click", () => this.retry());
    this.restore();
  }

  private record(): ChapterRecord {
    const all = loadAll();
    return all[this.chapter] ?? { total: this.forms.length, answers: {} };
  }

  private store(id: string, answer: Answer | null): void {
    const all = loadAll();
    const record = all[this.chapter] ?? { total: this.forms.length, answers: {} };
    record.total = this.forms.length;
    if (answer) {
      record.answers[id] = answer;
    } else {
      delete record.answers[id];
    }
    all[this.chapter] = record;
    saveAll(all);
    this.showScore();
  }

  private showScore(): void {
    const record = this.record();
    const right = this.forms.filter((form) => record.answers[form.dataset.question ?? ""]?.right).length;
    const output = this.querySelector("output.quiz-score-value");
    if (output) {
      output.textContent = `${right} / ${this.forms.length}`;
    }
    this.dataset.score = String(right);
    this.dataset.answered = String(Object.keys(record.answers).length);
  }

  /** Shows the saved answers again (after a reload). */
  private restore(): void {
    const record = this.record();
    for (const form of this.forms) {
      const answer = record.answers[form.dataset.question ?? ""];
      if (!answer) {
        continue;
      }
      const values = Array.isArray(answer.value) ? answer.value : [answer.value];
      for (const input of inputs(form)) {
        if (input.type === "radio" || input.type === "checkbox") {
          input.checked = values.includes(input.value);
        } else {
          input.value = values[0] ?? "";
        }
      }
      this.reveal(form, answer.right, answer.observed);
    }
    this.showScore();
  }

  private retry(): void {
    const all = loadAll();
    delete all[this.chapter];
    saveAll(all);
    for (const form of this.forms) {
      form.reset();
      delete form.dataset.state;
      form.querySelectorAll<HTMLElement>(".quiz-why, .quiz-explanation").forEach((node) => {
        node.hidden = true;
      });
      form.querySelectorAll("li").forEach((item) => item.classList.remove("is-right", "is-wrong", "is-picked", "is-observed"));
      const verdict = form.querySelector("output.quiz-verdict");
      if (verdict) {
        verdict.textContent = "";
      }
      form.querySelector<HTMLButtonElement>("button.quiz-check")?.removeAttribute("disabled");
    }
    this.showScore();
  }

  private async check(form: HTMLFormElement): Promise<void> {
    const id = form.dataset.question ?? "";
    const kind = form.dataset.kind;
    const verdict = form.querySelector<HTMLOutputElement>("output.quiz-verdict");
    const say = (text: string): void => {
      if (verdict) {
        verdict.textContent = text;
      }
    };
    const picked = inputs(form).filter((input) => (input.type === "radio" || input.type === "checkbox") && input.checked);
    const typed = form.querySelector<HTMLInputElement>('input[type="text"], input[type="number"]');
    if (kind === "choice") {
      if (picked.length === 0) {
        say(t("quiz_pick_first"));
        return;
      }
      const right = inputs(form).every((input) => input.checked === (input.dataset.correct === "true"));
      this.store(id, { value: picked.map((input) => input.value), right });
      this.reveal(form, right);
      return;
    }
    if (kind === "short") {
      const answer = normalise(form.dataset.match ?? "text", typed?.value ?? "");
      if (answer === null || typed?.value.trim() === "") {
        say(t(form.dataset.match === "number" ? "quiz_type_number" : "quiz_type_first"));
        return;
      }
      const accepted = JSON.parse(form.dataset.answers ?? "[]") as string[];
      const right = accepted.includes(answer);
      this.store(id, { value: typed?.value ?? "", right });
      this.reveal(form, right);
      return;
    }
    // Predict: a prediction first, then the experiment.
    const prediction = typed ? normalise("number", typed.value) : picked[0]?.value ?? null;
    if (prediction === null) {
      say(t(typed ? "quiz_predict_number" : "quiz_predict_first"));
      return;
    }
    const experiment = form.dataset.predict ?? "";
    const button = form.querySelector<HTMLButtonElement>("button.quiz-check");
    button?.setAttribute("disabled", "");
    form.dataset.state = "running";
    say(`${t("quiz_running")} (~${experimentSeconds(experiment)} s)…`);
    let observation: Observation;
    try {
      observation = await runExperiment(experiment);
    } catch (error) {
      delete form.dataset.state;
      button?.removeAttribute("disabled");
      say(`${t("quiz_run_failed")}: ${String(error)}`);
      return;
    }
    button?.removeAttribute("disabled");
    const observed = "value" in observation ? String(observation.value) : observation.key;
    form.dataset.observed = observed;
    let right: boolean;
    if ("value" in observation) {
      const range = acceptRange(form);
      const guess = Number(prediction);
      const inRange = (n: number): boolean => range !== null && n >= range[0] && n <= range[1];
      right = guess === observation.value || (inRange(guess) && inRange(observation.value));
    } else {
      right = prediction === observation.key;
    }
    this.store(id, { value: typed ? typed.value : prediction, right, observed: `${observed} — ${observation.detail}` });
    this.reveal(form, right, `${observed} — ${observation.detail}`);
  }

  /** Marks the picked and right options, shows explanations and the verdict. */
  private reveal(form: HTMLFormElement, right: boolean, observed?: string): void {
    form.dataset.state = right ? "right" : "wrong";
    const observedKey = observed?.split(" — ")[0];
    for (const input of inputs(form)) {
      const item = input.closest("li");
      if (!item || (input.type !== "radio" && input.type !== "checkbox")) {
        continue;
      }
      const isPredict = form.dataset.kind === "predict";
      // For a prediction, "right" is what the server did, not the answer key.
      const correct = isPredict ? input.value === observedKey : input.dataset.correct === "true";
      item.classList.toggle("is-picked", input.checked);
      item.classList.toggle("is-right", correct);
      item.classList.toggle("is-wrong", input.checked && !correct);
      item.classList.toggle("is-observed", isPredict && correct);
      const why = item.querySelector<HTMLElement>(".quiz-why");
      if (why) {
        why.hidden = !(input.checked || correct);
      }
    }
    const explanation = form.querySelector<HTMLElement>(".quiz-explanation");
    if (explanation) {
      explanation.hidden = false;
    }
    const verdict = form.querySelector<HTMLOutputElement>("output.quiz-verdict");
    if (verdict) {
      const head = right ? `✓ ${t("quiz_right")}` : `✗ ${t("quiz_wrong")}`;
      verdict.textContent = observed ? `${head} · ${t("quiz_observed")}: ${observed}` : head;
      verdict.dataset.tone = right ? "ok" : "error";
    }
  }
}
