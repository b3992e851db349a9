//! Quizzes: the questions that end every chapter.
//!
//! A quiz is a TOML file beside the lessons (`lessons/en/quizzes/<slug>.toml`),
//! placed in a lesson by the line `{{#quiz quizzes/<slug>.toml}}`. Three kinds
//! of question:
//!
//! * **choice**: one right option (or several, with `multiple = true`);
//!   every option carries its own `why`, because a wrong option is a common
//!   misconception and deserves its own explanation;
//! * **short**: a typed answer (a number, a frame such as `42/lab,["x"]`,
//!   or a word), normalised before it is compared;
//! * **predict**: the learner predicts what the live server will do (a
//!   number, or one of several outcomes), then presses *Run*: the page runs
//!   a named experiment against this server and compares what it observed
//!   with the prediction. `accept` (or the `correct` option) is what the
//!   experiment observes under the default settings; a test runs every
//!   experiment to keep those keys true.
//!
//! Quizzes are parsed and checked when the course loads: a malformed one is
//! an error naming the file and the question. [`render_form`] makes the
//! interactive form the playground bundle drives; [`render_static`] the
//! collapsible blocks of the static book (`realtime-lab mdbook-quiz`).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::Deserialize;

use super::highlight::escape;
use super::source::{join_relative, SourceFiles};
use super::{CourseError, Lang};

/// The experiments a "predict" question may run (playground/src/quiz_experiments.ts).
pub const EXPERIMENTS: [&str; 12] = [
    "polling-requests",
    "websocket-requests",
    "sse-requests",
    "long-poll-wakeup",
    "upgrade-frames",
    "socketio-overhead",
    "room-broadcast",
    "chat-recipients",
    "missed-without-cursor",
    "retry-with-message-id",
    "publish-burst",
    "ws-oversized",
];

/// A chapter's quiz.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// The questions, in order.
    #[serde(rename = "question")]
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Question {
    /// Pick the right option(s).
    Choice(Choice),
    /// Type the answer.
    Short(Short),
    /// Predict, then observe on the live server.
    Predict(Predict),
}

/// A multiple-choice question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Unique in the quiz, the same in every language.
    pub id: String,
    /// The question (inline Markdown).
    pub prompt: String,
    /// True when several options are right.
    #[serde(default)]
    pub multiple: bool,
    /// The options, in the order shown.
    pub options: Vec<Opt>,
}

/// An option of a choice or predict question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opt {
    /// For predict questions: the outcome the experiment reports.
    #[serde(default)]
    pub key: Option<String>,
    /// The option (inline Markdown).
    pub text: String,
    /// Whether it is right.
    #[serde(default)]
    pub correct: bool,
    /// Why it is right, or the misconception behind it.
    pub why: String,
}

/// How a typed answer is normalised before comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    /// Compared as numbers.
    Number,
    /// Every whitespace removed, then compared exactly.
    Frame,
    /// Trimmed; case and repeated spaces ignored.
    Text,
}

impl Match {
    fn name(self) -> &'static str {
        match self {
            Match::Number => "number",
            Match::Frame => "frame",
            Match::Text => "text",
        }
    }

    /// `answer` normalised, or `None` when it cannot be (not a number).
    pub fn normalise(self, answer: &str) -> Option<String> {
        match self {
            Match::Number => answer
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|n| n.to_string()),
            Match::Frame => Some(answer.split_whitespace().collect()),
            Match::Text => Some(
                answer
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            ),
        }
    }
}

/// A typed-answer question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Short {
    /// Unique in the quiz.
    pub id: String,
    /// The question (inline Markdown).
    pub prompt: String,
    /// How answers are normalised.
    #[serde(rename = "match")]
    pub matching: Match,
    /// Any of these is right.
    pub answers: Vec<String>,
    /// Shown after checking.
    pub explanation: String,
}

/// A predict-then-observe question.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    /// Unique in the quiz.
    pub id: String,
    /// The question (inline Markdown).
    pub prompt: String,
    /// One of [`EXPERIMENTS`].
    pub experiment: String,
    /// A number prediction: what the experiment observes under the default
    /// settings, as an inclusive range.
    #[serde(default)]
    pub accept: Option<[f64; 2]>,
    /// The unit of a number prediction.
    #[serde(default)]
    pub unit: Option<String>,
    /// An outcome prediction: the possible outcomes, the observed one correct.
    #[serde(default)]
    pub options: Vec<Opt>,
    /// Shown after the run.
    pub explanation: String,
}

impl Question {
    /// The question's id.
    pub fn id(&self) -> &str {
        match self {
            Question::Choice(q) => &q.id,
            Question::Short(q) => &q.id,
            Question::Predict(q) => &q.id,
        }
    }

    /// The question's kind, as written in the file.
    pub fn kind(&self) -> &'static str {
        match self {
            Question::Choice(_) => "choice",
            Question::Short(_) => "short",
            Question::Predict(_) => "predict",
        }
    }
}

/// A quiz that could not be used, naming the file and the question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {place}: {reason}")]
pub struct QuizError {
    /// The quiz file.
    pub file: String,
    /// The question (`question 3 "comet-why"`) or the file as a whole.
    pub place: String,
    /// What is wrong.
    pub reason: String,
}

/// Parses and checks a quiz file.
pub fn parse(file: &str, text: &str) -> Result<Quiz, QuizError> {
    let error = |place: String, reason: String| QuizError {
        file: file.to_owned(),
        place,
        reason,
    };
    let quiz: Quiz = toml::from_str(text).map_err(|e| {
        // toml's message names the line and the question's field.
        error("TOML".to_owned(), e.to_string().trim().replace('\n', " "))
    })?;
    if quiz.questions.is_empty() {
        return Err(error(
            "the file".into(),
            "a quiz needs at least one [[question]]".into(),
        ));
    }
    let mut ids = BTreeSet::new();
    for (index, question) in quiz.questions.iter().enumerate() {
        let place = format!("question {} {:?}", index + 1, question.id());
        check_question(question, &mut ids).map_err(|reason| error(place, reason))?;
    }
    Ok(quiz)
}

fn check_question(question: &Question, ids: &mut BTreeSet<String>) -> Result<(), String> {
    let id = question.id();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("the id must be lowercase letters, digits and dashes".into());
    }
    if !ids.insert(id.to_owned()) {
        return Err("this id is used twice".into());
    }
    let prompt = match question {
        Question::Choice(q) => &q.prompt,
        Question::Short(q) => &q.prompt,
        Question::Predict(q) => &q.prompt,
    };
    if prompt.trim().is_empty() {
        return Err("the prompt is empty".into());
    }
    match question {
        Question::Choice(q) => check_options(&q.options, q.multiple, false),
        Question::Short(q) => {
            if q.answers.is_empty() {
                return Err("a short question needs at least one answer".into());
            }
            if let Some(bad) = q.answers.iter().find(|a| q.matching.normalise(a).is_none()) {
                return Err(format!("the answer {bad:?} is not a {}", q.matching.name()));
            }
            non_empty(&q.explanation, "explanation")
        }
        Question::Predict(q) => {
            if !EXPERIMENTS.contains(&q.experiment.as_str()) {
                return Err(format!(
                    "unknown experiment {:?}: use one of {EXPERIMENTS:?}",
                    q.experiment
                ));
            }
            non_empty(&q.explanation, "explanation")?;
            match (q.accept, q.options.is_empty()) {
                (Some([low, high]), true) if low <= high => Ok(()),
                (Some(_), true) => Err("accept must be [low, high] with low <= high".into()),
                (None, false) => check_options(&q.options, false, true),
                (Some(_), false) => Err(
                    "a predict question has either accept (a number) or options, not both".into(),
                ),
                (None, true) => {
                    Err("a predict question needs accept = [low, high] or options".into())
                }
            }
        }
    }
}

fn non_empty(text: &str, what: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        Err(format!("the {what} is empty"))
    } else {
        Ok(())
    }
}

fn check_options(options: &[Opt], multiple: bool, keyed: bool) -> Result<(), String> {
    if options.len() < 2 {
        return Err("a question needs at least two options".into());
    }
    let right = options.iter().filter(|o| o.correct).count();
    if right == 0 {
        return Err("no option is marked correct = true".into());
    }
    if right > 1 && !multiple {
        return Err(format!(
            "{right} options are correct: set multiple = true or keep one"
        ));
    }
    let mut keys = BTreeSet::new();
    for (index, option) in options.iter().enumerate() {
        non_empty(&option.text, &format!("text of option {}", index + 1))?;
        non_empty(&option.why, &format!("why of option {}", index + 1))?;
        match (&option.key, keyed) {
            (Some(key), true) if keys.insert(key.clone()) => {}
            (Some(key), true) => return Err(format!("the key {key:?} is used twice")),
            (None, true) => {
                return Err(format!(
                    "option {} needs a key (the outcome it names)",
                    index + 1
                ))
            }
            (Some(_), false) => {
                return Err(format!(
                    "option {}: only predict options have a key",
                    index + 1
                ))
            }
            (None, false) => {}
        }
    }
    Ok(())
}

/// The directive that places a quiz in a lesson, on a line of its own.
const DIRECTIVE: &str = "{{#quiz ";

/// Replaces the `{{#quiz path}}` line of the lesson at `lesson_path` with
/// the interactive quiz, and returns the quiz (a lesson has at most one).
pub(crate) fn expand(
    markdown: &str,
    lesson_path: &str,
    chapter: &str,
    lang: Lang,
    files: &SourceFiles,
) -> Result<(String, Option<Quiz>), CourseError> {
    let mut output = String::with_capacity(markdown.len());
    let mut found: Option<Quiz> = None;
    for line in markdown.split_inclusive('\n') {
        let Some(argument) = line
            .trim()
            .strip_prefix(DIRECTIVE)
            .and_then(|rest| rest.strip_suffix("}}"))
        else {
            output.push_str(line);
            continue;
        };
        let quiz_error = |reason: String| {
            CourseError::Quiz(QuizError {
                file: lesson_path.to_owned(),
                place: line.trim().to_owned(),
                reason,
            })
        };
        if found.is_some() {
            return Err(quiz_error("a lesson has one quiz".into()));
        }
        let path = join_relative(lesson_path, argument.trim())
            .ok_or_else(|| CourseError::OutsideProject(argument.trim().to_owned()))?;
        let quiz = parse(&path, &files.read(&path)?).map_err(CourseError::Quiz)?;
        output.push_str(&render_form(&quiz, chapter, &labels(lang)));
        output.push('\n');
        found = Some(quiz);
    }
    Ok((output, found))
}

/// The form's labels in `lang`.
pub fn labels(lang: Lang) -> FormLabels {
    match lang {
        Lang::En => FormLabels {
            title: "Answer, or predict and then run it against this server. Your answers stay in this browser.",
            check: "Check",
            run: "Run",
            your_prediction: "Your prediction:",
            your_answer: "Your answer:",
            score: "Score",
            retry: "Retry",
            predict_badge: "predict, then observe",
        },
        Lang::Es => FormLabels {
            title: "Responde, o predice y después ejecútalo contra este servidor. Tus respuestas se quedan en este navegador.",
            check: "Comprobar",
            run: "Ejecutar",
            your_prediction: "Tu predicción:",
            your_answer: "Tu respuesta:",
            score: "Puntuación",
            retry: "Reintentar",
            predict_badge: "predice y observa",
        },
    }
}

/// The static book's labels in `lang`.
pub fn static_labels(lang: Lang) -> StaticLabels {
    match lang {
        Lang::En => StaticLabels {
            answer: "Answer:",
            right: "✓",
            wrong: "✗",
            run_on_server: "On the course server (cargo run --release) this question runs live and checks your prediction.",
        },
        Lang::Es => StaticLabels {
            answer: "Respuesta:",
            right: "✓",
            wrong: "✗",
            run_on_server: "En el servidor del curso (cargo run --release) esta pregunta se ejecuta en vivo y comprueba tu predicción.",
        },
    }
}

/// Labels of the interactive form, in the page's language.
#[derive(Debug, Clone, Copy)]
pub struct FormLabels {
    /// Above the quiz.
    pub title: &'static str,
    /// The check button.
    pub check: &'static str,
    /// The run button of a predict question.
    pub run: &'static str,
    /// The prediction field's label.
    pub your_prediction: &'static str,
    /// The answer field's label.
    pub your_answer: &'static str,
    /// "Score".
    pub score: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Marks a predict question.
    pub predict_badge: &'static str,
}

/// Inline Markdown (`code`, *emphasis*) to HTML, on one line.
fn inline(text: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new(text.trim());
    pulldown_cmark::html::push_html(&mut html, parser);
    let html = html.trim();
    let html = html.strip_prefix("<p>").unwrap_or(html);
    let html = html.strip_suffix("</p>").unwrap_or(html);
    // No blank line may reach the page: it would end the HTML block.
    html.replace('\n', " ")
}

fn format_number(n: f64) -> String {
    n.to_string()
}

/// The interactive quiz of chapter `chapter`: one `<form>` per question,
/// carrying its answer key in `data-*` attributes (this is a self-check,
/// not an exam), explanations hidden until checked. Written without blank
/// lines, so Markdown passes it through as one HTML block.
pub fn render_form(quiz: &Quiz, chapter: &str, labels: &FormLabels) -> String {
    let mut html = String::new();
    let chapter = escape(chapter);
    let _ = write!(
        html,
        // The opening tag alone on its line: Markdown then takes the
        // whole quiz as one HTML block (a custom element is not one of
        // the block tags it knows).
        "<lab-quiz class=\"quiz\" data-quiz=\"{chapter}\" data-questions=\"{}\">\n<p class=\"quiz-title\">{}</p>",
        quiz.questions.len(),
        escape(labels.title)
    );
    for (index, question) in quiz.questions.iter().enumerate() {
        let id = escape(question.id());
        let number = index + 1;
        let name = format!("{chapter}-{id}");
        match question {
            Question::Choice(q) => {
                let kind = if q.multiple { "checkbox" } else { "radio" };
                let _ = write!(
                    html,
                    r#"<form class="quiz-question" data-question="{id}" data-kind="choice" data-multiple="{}"><fieldset><legend><span class="quiz-number">{number}.</span> {}</legend>"#,
                    q.multiple,
                    inline(&q.prompt)
                );
                options_html(&mut html, &q.options, kind, &name);
                let _ = write!(
                    html,
                    r#"</fieldset><div class="quiz-actions"><button type="submit" class="quiz-check">{}</button><output class="quiz-verdict" aria-live="polite"></output></div></form>"#,
                    escape(labels.check)
                );
            }
            Question::Short(q) => {
                let answers: Vec<String> = q
                    .answers
                    .iter()
                    .filter_map(|a| q.matching.normalise(a))
                    .collect();
                let answers = serde_json::to_string(&answers).unwrap_or_default();
                let _ = write!(
                    html,
                    r#"<form class="quiz-question" data-question="{id}" data-kind="short" data-match="{}" data-answers="{}"><fieldset><legend><span class="quiz-number">{number}.</span> {}</legend><label class="quiz-field"><span>{}</span> <input type="text" name="{name}" autocomplete="off" spellcheck="false"></label><p class="quiz-explanation" hidden>{}</p></fieldset><div class="quiz-actions"><button type="submit" class="quiz-check">{}</button><output class="quiz-verdict" aria-live="polite"></output></div></form>"#,
                    q.matching.name(),
                    escape(&answers),
                    inline(&q.prompt),
                    escape(labels.your_answer),
                    inline(&q.explanation),
                    escape(labels.check)
                );
            }
            Question::Predict(q) => {
                let _ = write!(
                    html,
                    r#"<form class="quiz-question is-predict" data-question="{id}" data-kind="predict" data-predict="{}""#,
                    escape(&q.experiment)
                );
                if let Some([low, high]) = q.accept {
                    let _ = write!(
                        html,
                        r#" data-accept="{},{}""#,
                        format_number(low),
                        format_number(high)
                    );
                }
                let _ = write!(
                    html,
                    r#"><fieldset><legend><span class="quiz-number">{number}.</span> <span class="quiz-badge">{}</span> {}</legend>"#,
                    escape(labels.predict_badge),
                    inline(&q.prompt)
                );
                if q.options.is_empty() {
                    let unit = q.unit.as_deref().map(escape).unwrap_or_default();
                    let _ = write!(
                        html,
                        r#"<label class="quiz-field"><span>{}</span> <input type="number" name="{name}" min="0" step="any" inputmode="decimal"> <span class="quiz-unit">{unit}</span></label>"#,
                        escape(labels.your_prediction)
                    );
                } else {
                    options_html(&mut html, &q.options, "radio", &name);
                }
                let _ = write!(
                    html,
                    r#"<p class="quiz-explanation" hidden>{}</p></fieldset><div class="quiz-actions"><button type="submit" class="quiz-check">{}</button><output class="quiz-verdict" aria-live="polite"></output></div></form>"#,
                    inline(&q.explanation),
                    escape(labels.run)
                );
            }
        }
    }
    let _ = write!(
        html,
        r#"<p class="quiz-score"><span>{}</span> <output class="quiz-score-value">0 / {}</output> <button type="button" class="quiz-retry">{}</button></p></lab-quiz>"#,
        escape(labels.score),
        quiz.questions.len(),
        escape(labels.retry)
    );
    html
}

fn options_html(html: &mut String, options: &[Opt], kind: &str, name: &str) {
    html.push_str(r#"<ul class="quiz-options">"#);
    for (index, option) in options.iter().enumerate() {
        let value = option
            .key
            .as_deref()
            .map_or_else(|| index.to_string(), escape);
        let _ = write!(
            html,
            r#"<li><label class="quiz-option"><input type="{kind}" name="{name}" value="{value}" data-correct="{}"> <span>{}</span></label><p class="quiz-why" hidden>{}</p></li>"#,
            option.correct,
            inline(&option.text),
            inline(&option.why)
        );
    }
    html.push_str("</ul>");
}

/// The quiz for the static book: each question a `<details>` block with the
/// answer and every option's explanation, since there is no server to run
/// an experiment or keep a score.
pub fn render_static(quiz: &Quiz, labels: &StaticLabels) -> String {
    let mut html = String::from(r#"<div class="quiz quiz-static">"#);
    for (index, question) in quiz.questions.iter().enumerate() {
        let number = index + 1;
        let _ = write!(
            html,
            r#"<details data-question="{}"><summary>{number}. "#,
            escape(question.id())
        );
        match question {
            Question::Choice(q) => {
                let _ = write!(html, "{}</summary>", inline(&q.prompt));
                static_options(&mut html, &q.options, labels);
            }
            Question::Short(q) => {
                let answers: Vec<String> = q
                    .answers
                    .iter()
                    .map(|a| format!("<code>{}</code>", escape(a)))
                    .collect();
                let _ = write!(
                    html,
                    "{}</summary><p><strong>{}</strong> {}</p><p>{}</p>",
                    inline(&q.prompt),
                    escape(labels.answer),
                    answers.join(", "),
                    inline(&q.explanation)
                );
            }
            Question::Predict(q) => {
                let _ = write!(html, "{}</summary>", inline(&q.prompt));
                if let Some([low, high]) = q.accept {
                    let range = if low == high {
                        format_number(low)
                    } else {
                        format!("{}–{}", format_number(low), format_number(high))
                    };
                    let unit = q.unit.as_deref().map(escape).unwrap_or_default();
                    let _ = write!(
                        html,
                        "<p><strong>{}</strong> {range} {unit}</p>",
                        escape(labels.answer)
                    );
                } else {
                    static_options(&mut html, &q.options, labels);
                }
                let _ = write!(
                    html,
                    "<p>{}</p><p><em>{}</em></p>",
                    inline(&q.explanation),
                    escape(labels.run_on_server)
                );
            }
        }
        html.push_str("</details>");
    }
    html.push_str("</div>");
    html
}

/// Labels of the static quiz.
#[derive(Debug, Clone, Copy)]
pub struct StaticLabels {
    /// "Answer:".
    pub answer: &'static str,
    /// Marks the right option.
    pub right: &'static str,
    /// Marks a wrong option.
    pub wrong: &'static str,
    /// Says that predictions are checked live on the course server.
    pub run_on_server: &'static str,
}

fn static_options(html: &mut String, options: &[Opt], labels: &StaticLabels) {
    html.push_str("<ul>");
    for option in options {
        let mark = if option.correct {
            labels.right
        } else {
            labels.wrong
        };
        let _ = write!(
            html,
            "<li><strong>{}</strong> {} — {}</li>",
            escape(mark),
            inline(&option.text),
            inline(&option.why)
        );
    }
    html.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[question]]
id = "why-timeout"
kind = "choice"
prompt = "Why does a long-poll need a `timeout`?"
options = [
  { text = "Proxies cut idle requests", correct = true, why = "They do." },
  { text = "HTTP forbids it", why = "It does not." },
]

[[question]]
id = "open"
kind = "short"
prompt = "Open packet type?"
match = "number"
answers = ["0"]
explanation = "Zero opens."

[[question]]
id = "ten-seconds"
kind = "predict"
experiment = "polling-requests"
prompt = "How many requests?"
accept = [5, 6]
unit = "requests"
explanation = "One every 2 s."
"#;

    fn problem(text: &str) -> String {
        parse("quizzes/x.toml", text)
            .expect_err("a bad quiz")
            .to_string()
    }

    #[test]
    fn a_good_quiz_parses_with_its_three_kinds() {
        let quiz = parse("quizzes/x.toml", GOOD).expect("parses");
        let kinds: Vec<_> = quiz.questions.iter().map(Question::kind).collect();
        assert_eq!(kinds, ["choice", "short", "predict"]);
    }

    #[test]
    fn mistakes_name_the_file_and_the_question() {
        let no_why = GOOD.replace(r#", why = "It does not." "#, " ");
        assert!(
            problem(&no_why).starts_with("quizzes/x.toml: TOML:"),
            "{}",
            problem(&no_why)
        );
        let two_right = GOOD.replace(
            r#"{ text = "HTTP forbids it","#,
            r#"{ text = "HTTP forbids it", correct = true,"#,
        );
        assert!(problem(&two_right).contains(r#"question 1 "why-timeout": 2 options are correct"#));
        let bad_experiment = GOOD.replace("polling-requests", "guessing");
        assert!(problem(&bad_experiment)
            .contains(r#"question 3 "ten-seconds": unknown experiment "guessing""#));
        let twice = GOOD.replace(r#"id = "open""#, r#"id = "why-timeout""#);
        assert!(problem(&twice).contains("used twice"));
        let not_number = GOOD.replace(r#"answers = ["0"]"#, r#"answers = ["zero"]"#);
        assert!(problem(&not_number).contains(r#"the answer "zero" is not a number"#));
        let unknown_kind = GOOD.replace(r#"kind = "short""#, r#"kind = "essay""#);
        assert!(problem(&unknown_kind).contains("TOML"));
    }

    #[test]
    fn answers_are_normalised_by_their_kind() {
        assert_eq!(Match::Number.normalise(" 25.0 "), Some("25".into()));
        assert_eq!(Match::Number.normalise("0,5"), Some("0.5".into()));
        assert_eq!(Match::Number.normalise("five"), None);
        assert_eq!(
            Match::Frame.normalise(r#" 42/lab, ["x"] "#),
            Some(r#"42/lab,["x"]"#.into())
        );
        assert_eq!(
            Match::Text.normalise("  Long   Polling "),
            Some("long polling".into())
        );
    }

    #[test]
    fn the_form_carries_the_hooks_and_no_blank_line() {
        let quiz = parse("quizzes/x.toml", GOOD).expect("parses");
        let labels = FormLabels {
            title: "Quiz",
            check: "Check",
            run: "Run",
            your_prediction: "Prediction",
            your_answer: "Answer",
            score: "Score",
            retry: "Retry",
            predict_badge: "predict",
        };
        let html = render_form(&quiz, "02-x", &labels);
        assert!(!html.contains("\n\n"));
        assert_eq!(html.matches("data-question=").count(), 3);
        assert!(html.contains(r#"data-predict="polling-requests" data-accept="5,6""#));
        assert!(html.contains("<code>timeout</code>"));
        let statics = render_static(
            &quiz,
            &StaticLabels {
                answer: "Answer:",
                right: "✓",
                wrong: "✗",
                run_on_server: "Run it on the server.",
            },
        );
        assert_eq!(statics.matches("<details").count(), 3);
        assert!(statics.contains("5–6 requests"));
    }
}
