//! Syntax highlighting of code blocks, done once on the server.
//!
//! syntect turns code into `<span class="hl-…">` runs; the colours live in a
//! stylesheet generated from two themes (light and dark), so switching the
//! page theme recolours code without re-rendering anything and without any
//! script from a CDN.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Renders a fenced code block as `<pre><code>` with highlighting when the
/// language is known, plain escaped text otherwise.
///
/// Highlighting is most of the server's start-up time, and every block is
/// there twice (the English and the Spanish chapter quote the same code),
/// so each distinct block is highlighted once per process.
pub(crate) fn code_block(language: &str, code: &str) -> String {
    static RENDERED: OnceLock<Mutex<HashMap<(String, String), String>>> = OnceLock::new();
    let rendered = RENDERED.get_or_init(Mutex::default);
    let key = (language.to_owned(), code.to_owned());
    let cached = rendered
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&key)
        .cloned();
    if let Some(html) = cached {
        return html;
    }
    let html = highlight(language, code);
    rendered
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(key, html.clone());
    html
}

/// A code block escaped but not highlighted (for outlines, never shown).
pub(crate) fn plain_code_block(language: &str, code: &str) -> String {
    let label = escape(language);
    format!(
        "<pre class=\"code\" data-lang=\"{label}\"><code class=\"language-{label}\">{}</code></pre>\n",
        escape(code)
    )
}

fn highlight(language: &str, code: &str) -> String {
    let syntaxes = syntaxes();
    let token = match language {
        "ts" | "typescript" | "js" | "javascript" | "mjs" => "js",
        "sh" | "shell" | "console" => "bash",
        other => other,
    };
    let label = escape(language);
    let highlighted = syntaxes
        .find_syntax_by_token(token)
        .filter(|_| !token.is_empty())
        .and_then(|syntax| {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
            for line in LinesWithEndings::from(code) {
                generator
                    .parse_html_for_line_which_includes_newline(line)
                    .ok()?;
            }
            Some(generator.finalize())
        });
    let body = highlighted.unwrap_or_else(|| escape(code));
    format!("<pre class=\"code\" data-lang=\"{label}\"><code class=\"language-{label}\">{body}</code></pre>\n")
}

/// The stylesheet for highlighted code: a light theme, and a dark one that
/// applies under `html[data-theme="dark"]`. Made on first use (loading the
/// themes takes a while), then shared.
pub(crate) fn stylesheet() -> &'static str {
    static STYLESHEET: OnceLock<String> = OnceLock::new();
    STYLESHEET.get_or_init(make_stylesheet)
}

fn make_stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let mut css = String::new();
    for (name, scope) in [
        ("InspiredGitHub", ""),
        ("base16-ocean.dark", "html[data-theme=\"dark\"] "),
    ] {
        let Some(theme) = themes.themes.get(name) else {
            continue;
        };
        let Ok(rules) = css_for_theme_with_class_style(theme, CLASS_STYLE) else {
            continue;
        };
        css.push_str(&scoped(&rules, scope));
    }
    css
}

/// Prefixes every selector of `css` with `scope`, and drops background
/// colours: the site's own `--code-bg` paints code blocks.
fn scoped(css: &str, scope: &str) -> String {
    let mut out = String::new();
    for line in css.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("background-color") {
            continue;
        }
        if trimmed.ends_with('{') && !trimmed.starts_with("/*") {
            let selectors = trimmed
                .trim_end_matches('{')
                .split(',')
                .map(|selector| format!("{scope}{}", selector.trim()));
            out.push_str(&selectors.collect::<Vec<_>>().join(", "));
            out.push_str(" {\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// HTML-escapes text for element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_is_highlighted_and_unknown_languages_are_escaped() {
        let rust = code_block("rust", "fn main() { let x = 1; }\n");
        assert!(
            rust.contains("hl-keyword") || rust.contains("hl-storage"),
            "{rust}"
        );
        let plain = code_block("http", "GET /<script> HTTP/1.1\n");
        assert!(plain.contains("GET /&lt;script&gt;"), "{plain}");
        assert!(!plain.contains("<script>"));
    }

    #[test]
    fn stylesheet_has_both_themes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("html[data-theme=\"dark\"] .hl-"));
        assert!(!css.contains("background-color"));
    }
}
