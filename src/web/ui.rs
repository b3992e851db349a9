//! The interface's own words, in every course language: the one table of
//! server-rendered UI strings per language (the browser code has its own
//! single table in `playground/src/i18n.ts`).
//!
//! Lessons are Markdown files; these are the few strings around them (menus,
//! buttons, page titles, the exercises page, the grading statuses). Keeping
//! both languages in one struct literal each makes a missing translation a
//! compile error.

use crate::course::Lang;
use crate::grade::Status;

/// Interface strings for one language.
#[derive(Debug)]
pub(crate) struct Ui {
    /// Heading of the sidebar's chapter list.
    pub(crate) chapters: &'static str,
    /// Home page: the label before a chapter's quiz score.
    pub(crate) quiz_score: &'static str,
    /// Playground page: the cluster section's heading.
    pub(crate) playground_cluster_title: &'static str,
    /// Playground page: the cluster section's introduction.
    pub(crate) playground_cluster_intro: &'static str,
    /// Playground page: the rooms section's heading.
    pub(crate) playground_rooms_title: &'static str,
    /// Playground page: the rooms section's introduction.
    pub(crate) playground_rooms_intro: &'static str,
    /// The playground link.
    pub(crate) playground: &'static str,
    /// The exercises link.
    pub(crate) exercises: &'static str,
    /// Placeholder of the search box.
    pub(crate) search_placeholder: &'static str,
    /// The same, short enough for a phone's narrow search box.
    pub(crate) search_placeholder_short: &'static str,
    /// The skip link on a chapter.
    pub(crate) skip_to_lesson: &'static str,
    /// The skip link on every other page.
    pub(crate) skip_to_content: &'static str,
    /// The copy button of a code block.
    pub(crate) copy_code: &'static str,
    /// The copy button once the code was copied.
    pub(crate) copied: &'static str,
    /// Title of the search page.
    pub(crate) search_title: &'static str,
    /// Shown when a search finds nothing.
    pub(crate) search_none: &'static str,
    /// Label of the search results count.
    pub(crate) search_results: &'static str,
    /// "On this page" (table of contents).
    pub(crate) on_this_page: &'static str,
    /// Previous chapter.
    pub(crate) previous: &'static str,
    /// Next chapter.
    pub(crate) next: &'static str,
    /// "Chapter" (as in "Chapter 2").
    pub(crate) chapter: &'static str,
    /// "min read".
    pub(crate) minutes_read: &'static str,
    /// Theme button label.
    pub(crate) toggle_theme: &'static str,
    /// Menu button label (phones).
    pub(crate) toggle_menu: &'static str,
    /// Language switch label.
    pub(crate) language: &'static str,
    /// Home page: the tagline.
    pub(crate) tagline: &'static str,
    /// Home page: the introduction.
    pub(crate) intro: &'static str,
    /// Home page: call to start reading.
    pub(crate) start: &'static str,
    /// Home page: "read" marker.
    pub(crate) read: &'static str,
    /// Home page: playground card text.
    pub(crate) playground_blurb: &'static str,
    /// Home page: exercises card text.
    pub(crate) exercises_blurb: &'static str,
    /// Home page: how the course works.
    pub(crate) how_title: &'static str,
    /// 404 title.
    pub(crate) not_found_title: &'static str,
    /// 404 text.
    pub(crate) not_found_text: &'static str,
    /// 404 link home.
    pub(crate) back_home: &'static str,
    /// Playground page: title.
    pub(crate) playground_title: &'static str,
    /// Playground page: introduction.
    pub(crate) playground_intro: &'static str,
    /// Shown where live parts need the bundle that was not built.
    pub(crate) playground_missing: &'static str,
    /// Footer text.
    pub(crate) footer: &'static str,
    /// Exercises page: introduction.
    pub(crate) exercises_intro: &'static str,
    /// Exercises page: step 1 of the learner's loop.
    pub(crate) exercises_step_edit: &'static str,
    /// Exercises page: step 2.
    pub(crate) exercises_step_grade: &'static str,
    /// Exercises page: step 3.
    pub(crate) exercises_step_repeat: &'static str,
    /// Exercises page: "exercises pass" after the count.
    pub(crate) exercises_passed: &'static str,
    /// Exercises page: the hints' heading.
    pub(crate) exercises_hints: &'static str,
    /// Exercises page: the workspace was not found.
    pub(crate) exercises_no_workspace: &'static str,
    /// Exercises page: Check needs the bundle.
    pub(crate) exercises_check_needs_bundle: &'static str,
    /// Exercises page: Check needs a loopback listener.
    pub(crate) exercises_check_loopback_only: &'static str,
    /// Exercises page: the heading of the statuses' legend.
    pub(crate) exercises_legend: &'static str,
    /// Exercises page: what "not checked yet" means.
    pub(crate) status_not_checked_meaning: &'static str,
    /// Exercises page: what each status means, in [`Status::ALL`] order.
    pub(crate) status_meanings: [&'static str; Status::ALL.len()],
    /// Exercises page: before the time of the last grading.
    pub(crate) exercises_last_checked: &'static str,
    /// Exercises page: the summary of the last grader output.
    pub(crate) exercises_last_output: &'static str,
    /// Exercises page: the note beside Check (it runs cargo here).
    pub(crate) exercises_check_runs_cargo: &'static str,
    /// How long ago, under a minute.
    pub(crate) ago_just_now: &'static str,
    /// How long ago in minutes; `{n}` is the number.
    pub(crate) ago_minutes: &'static str,
    /// How long ago in hours; `{n}` is the number.
    pub(crate) ago_hours: &'static str,
    /// One day ago.
    pub(crate) ago_day: &'static str,
    /// How long ago in days; `{n}` is the number.
    pub(crate) ago_days: &'static str,
    /// Status of an exercise never graded.
    pub(crate) status_not_checked: &'static str,
    /// Status labels, in [`Status::ALL`] order.
    pub(crate) status_labels: [&'static str; Status::ALL.len()],
}

impl Ui {
    /// The label of a grading status (`None`: never graded).
    pub(crate) fn status_label(&self, status: Option<Status>) -> &'static str {
        status
            .and_then(|status| Status::ALL.iter().position(|known| *known == status))
            .map_or(self.status_not_checked, |index| self.status_labels[index])
    }

    /// How long ago something happened, `elapsed_ms` milliseconds back.
    pub(crate) fn ago(&self, elapsed_ms: u64) -> String {
        const MINUTE: u64 = 60_000;
        const HOUR: u64 = 60 * MINUTE;
        const DAY: u64 = 24 * HOUR;
        let (template, n) = match elapsed_ms {
            ms if ms < MINUTE => return self.ago_just_now.to_owned(),
            ms if ms < HOUR => (self.ago_minutes, ms / MINUTE),
            ms if ms < DAY => (self.ago_hours, ms / HOUR),
            ms if ms < 2 * DAY => (self.ago_day, 1),
            ms => (self.ago_days, ms / DAY),
        };
        template.replace("{n}", &n.to_string())
    }
}

const EN: Ui = Ui {
    chapters: "Chapters",
    playground: "Playground",
    exercises: "Exercises",
    search_placeholder: "Search the course…",
    search_placeholder_short: "Search…",
    skip_to_lesson: "Skip to the lesson",
    skip_to_content: "Skip to content",
    copy_code: "Copy",
    copied: "Copied",
    search_title: "Search",
    search_none: "Nothing found. Try fewer or different words.",
    search_results: "results for",
    on_this_page: "On this page",
    previous: "Previous",
    next: "Next",
    chapter: "Chapter",
    minutes_read: "min read",
    toggle_theme: "Switch light/dark theme",
    toggle_menu: "Show or hide the chapter list",
    language: "Language",
    tagline: "Learn how real-time web apps work by watching them work.",
    intro: "Polling, long-polling, Server-Sent Events, WebSockets and Socket.IO: read what each one does, then watch all of them carry the same events from this very server, side by side, and build them yourself in graded exercises.",
    start: "Start reading",
    read: "read",
    playground_blurb: "Five transports, one server: see every request, frame and delay live, and break things on purpose.",
    exercises_blurb: "Eighteen graded exercises, from a push board to rooms behind a token and a token-bucket rate limit. cargo test tells you how you are doing.",
    how_title: "How this course works",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. The chapter may have moved, or the link has a typo.",
    back_home: "Back to the course",
    quiz_score: "quiz",
    playground_cluster_title: "Several instances, one log",
    playground_cluster_intro: "With --redis, every instance on the same Redis shares one event log and one Socket.IO adapter. Each card is a client of one instance: publish on one and watch the same id reach all; stop an instance and watch its client move to another with its cursor. Chapter 6 explains the design.",
    playground_rooms_title: "Rooms and acknowledgements",
    playground_rooms_intro: "Socket.IO's second namespace on this server, /rooms: the server sends to rooms, never to everyone. Chapter 4 explains what happens here.",
    playground_title: "The live playground",
    playground_intro: "Every panel below talks to this server with a different transport. The ticker and anything you publish go into one event log, and each transport delivers it its own way: compare the delays, the requests and the bytes, then inject a fault and watch who recovers.",
    playground_missing: "The live parts were not built into this binary. Install Node.js 18 or newer with npm, then run cargo run --release again.",
    footer: "Realtime Lab — an open course about real-time web applications.",
    exercises_intro: "Eighteen exercises, easiest first, each tied to a section of the course. Each one is a Rust file with a todo!() to replace and a grader that tells you what it expected, what it got, and a hint.",
    exercises_step_edit: "Open the exercise's file under exercises/src/ and replace its todo!().",
    exercises_step_grade: "Grade it here with Check, or in a terminal:",
    exercises_step_repeat: "Read the message, fix, and check again until every bar is green.",
    exercises_passed: "exercises pass",
    exercises_hints: "Hints",
    exercises_no_workspace: "the exercises folder was not found next to this server, so progress cannot be shown",
    exercises_check_needs_bundle: "The Check button needs the playground bundle (Node.js and npm at build time). Grade in a terminal instead:",
    exercises_check_loopback_only: "Checking from the page is only offered when the server listens on a loopback address (127.0.0.1 or ::1). Grade in a terminal:",
    exercises_legend: "What the statuses mean",
    status_not_checked_meaning: "the grader has never run for this exercise on this machine, from this page or from a terminal.",
    status_meanings: [
        "every check of the grader passed.",
        "the grader ran, but the file still has its todo!(): replace it.",
        "the grader ran and at least one check failed: its message says what it expected.",
        "the exercises crate does not build, so nothing could be checked: read the compiler error.",
    ],
    exercises_last_checked: "Last checked",
    exercises_last_output: "Last grader output",
    exercises_check_runs_cargo: "Check runs cargo test on the machine this server runs on, in its exercises folder.",
    ago_just_now: "just now",
    ago_minutes: "{n} min ago",
    ago_hours: "{n} h ago",
    ago_day: "1 day ago",
    ago_days: "{n} days ago",
    status_not_checked: "not checked yet",
    status_labels: ["passed", "not started", "not yet", "does not compile"],
};

const ES: Ui = Ui {
    chapters: "Capítulos",
    playground: "Laboratorio",
    exercises: "Ejercicios",
    search_placeholder: "Buscar en el curso…",
    search_placeholder_short: "Buscar…",
    skip_to_lesson: "Saltar a la lección",
    skip_to_content: "Saltar al contenido",
    copy_code: "Copiar",
    copied: "Copiado",
    search_title: "Buscar",
    search_none: "No se encontró nada. Prueba con menos palabras o con otras.",
    search_results: "resultados para",
    on_this_page: "En esta página",
    previous: "Anterior",
    next: "Siguiente",
    chapter: "Capítulo",
    minutes_read: "min de lectura",
    toggle_theme: "Cambiar entre tema claro y oscuro",
    toggle_menu: "Mostrar u ocultar la lista de capítulos",
    language: "Idioma",
    tagline: "Aprende cómo funcionan las aplicaciones web en tiempo real viéndolas funcionar.",
    intro: "Polling, long-polling, Server-Sent Events, WebSockets y Socket.IO: lee qué hace cada uno, míralos transportar los mismos eventos desde este mismo servidor, uno al lado del otro, y constrúyelos tú en ejercicios con corrección automática.",
    start: "Empezar a leer",
    read: "leído",
    playground_blurb: "Cinco transportes, un servidor: mira en vivo cada petición, cada trama y cada retraso, y rompe cosas a propósito.",
    exercises_blurb: "Dieciocho ejercicios corregidos, desde un tablero que empuja cambios hasta salas tras un token y un límite con cubo de fichas. cargo test te dice cómo vas.",
    how_title: "Cómo funciona este curso",
    not_found_title: "Página no encontrada",
    not_found_text: "No hay ninguna página en esta dirección. Puede que el capítulo se haya movido o que el enlace tenga un error.",
    back_home: "Volver al curso",
    quiz_score: "test",
    playground_cluster_title: "Varias instancias, un registro",
    playground_cluster_intro: "Con --redis, todas las instancias sobre el mismo Redis comparten un registro de eventos y un adaptador de Socket.IO. Cada tarjeta es un cliente de una instancia: publica en una y mira cómo el mismo id llega a todas; para una instancia y mira cómo su cliente pasa a otra con su cursor. El capítulo 6 explica el diseño.",
    playground_rooms_title: "Salas y confirmaciones",
    playground_rooms_intro: "El segundo namespace de Socket.IO en este servidor, /rooms: el servidor envía a salas, nunca a todos. El capítulo 4 explica lo que pasa aquí.",
    playground_title: "El laboratorio en vivo",
    playground_intro: "Cada panel habla con este servidor mediante un transporte distinto. El ticker y todo lo que publiques entran en un único registro de eventos, y cada transporte lo entrega a su manera: compara los retrasos, las peticiones y los bytes, después provoca un fallo y observa quién se recupera.",
    playground_missing: "Las partes en vivo no se incluyeron en este binario. Instala Node.js 18 o superior con npm y vuelve a ejecutar cargo run --release.",
    footer: "Realtime Lab — un curso abierto sobre aplicaciones web en tiempo real.",
    exercises_intro: "Dieciocho ejercicios, del más fácil al más difícil, cada uno ligado a una sección del curso. Cada uno es un archivo Rust con un todo!() que reemplazar y un corrector que te dice qué esperaba, qué recibió y una pista.",
    exercises_step_edit: "Abre el archivo del ejercicio en exercises/src/ y reemplaza su todo!().",
    exercises_step_grade: "Corrígelo aquí con Comprobar, o en una terminal:",
    exercises_step_repeat: "Lee el mensaje, corrige y vuelve a comprobar hasta que todo esté en verde.",
    exercises_passed: "ejercicios superados",
    exercises_hints: "Pistas",
    exercises_no_workspace: "no se encontró la carpeta de ejercicios junto a este servidor, así que no se puede mostrar el progreso",
    exercises_check_needs_bundle: "El botón Comprobar necesita el paquete del laboratorio (Node.js y npm al compilar). Corrige en una terminal:",
    exercises_check_loopback_only: "Comprobar desde la página solo está disponible si el servidor escucha en una dirección local (127.0.0.1 o ::1). Corrige en una terminal:",
    exercises_legend: "Qué significa cada estado",
    status_not_checked_meaning: "el corrector nunca se ha ejecutado para este ejercicio en esta máquina, ni desde esta página ni desde una terminal.",
    status_meanings: [
        "todas las comprobaciones del corrector pasaron.",
        "el corrector se ejecutó, pero el archivo todavía tiene su todo!(): reemplázalo.",
        "el corrector se ejecutó y al menos una comprobación falló: su mensaje dice qué esperaba.",
        "el crate de ejercicios no compila, así que no se pudo comprobar nada: lee el error del compilador.",
    ],
    exercises_last_checked: "Última comprobación",
    exercises_last_output: "Última salida del corrector",
    exercises_check_runs_cargo: "Comprobar ejecuta cargo test en la máquina donde corre este servidor, en su carpeta de ejercicios.",
    ago_just_now: "hace un momento",
    ago_minutes: "hace {n} min",
    ago_hours: "hace {n} h",
    ago_day: "hace 1 día",
    ago_days: "hace {n} días",
    status_not_checked: "sin comprobar",
    status_labels: ["superado", "sin empezar", "todavía no", "no compila"],
};

/// The strings for `lang`.
pub(crate) fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_long_ago_reads_naturally_in_both_languages() {
        assert_eq!(EN.ago(5_000), "just now");
        assert_eq!(EN.ago(5 * 60_000 + 1), "5 min ago");
        assert_eq!(ES.ago(3 * 3_600_000), "hace 3 h");
        assert_eq!(ES.ago(2 * 86_400_000), "hace 2 días");
        assert_eq!(EN.ago(86_400_000 + 5), "1 day ago");
    }
}
