//! The interface's own words, in every course language.
//!
//! Lessons are Markdown files; these are the few strings around them (menus,
//! buttons, page titles). Keeping both languages in one struct literal each
//! makes a missing translation a compile error.

use crate::course::Lang;

/// Interface strings for one language.
#[derive(Debug)]
pub struct Ui {
    /// Link to the home page.
    pub home: &'static str,
    /// Heading of the sidebar's chapter list.
    pub chapters: &'static str,
    /// The playground link.
    pub playground: &'static str,
    /// The exercises link.
    pub exercises: &'static str,
    /// Placeholder of the search box.
    pub search_placeholder: &'static str,
    /// Title of the search page.
    pub search_title: &'static str,
    /// Shown when a search finds nothing.
    pub search_none: &'static str,
    /// Label of the search results count.
    pub search_results: &'static str,
    /// "On this page" (table of contents).
    pub on_this_page: &'static str,
    /// Previous chapter.
    pub previous: &'static str,
    /// Next chapter.
    pub next: &'static str,
    /// "Chapter" (as in "Chapter 2").
    pub chapter: &'static str,
    /// "min read".
    pub minutes_read: &'static str,
    /// Theme button label.
    pub toggle_theme: &'static str,
    /// Menu button label (phones).
    pub toggle_menu: &'static str,
    /// Language switch label.
    pub language: &'static str,
    /// Home page: the tagline.
    pub tagline: &'static str,
    /// Home page: the introduction.
    pub intro: &'static str,
    /// Home page: call to start reading.
    pub start: &'static str,
    /// Home page: "read" marker.
    pub read: &'static str,
    /// Home page: playground card text.
    pub playground_blurb: &'static str,
    /// Home page: exercises card text.
    pub exercises_blurb: &'static str,
    /// Home page: how the course works.
    pub how_title: &'static str,
    /// 404 title.
    pub not_found_title: &'static str,
    /// 404 text.
    pub not_found_text: &'static str,
    /// 404 link home.
    pub back_home: &'static str,
    /// Playground page: title.
    pub playground_title: &'static str,
    /// Playground page: introduction.
    pub playground_intro: &'static str,
    /// Shown where live parts need the bundle that was not built.
    pub playground_missing: &'static str,
    /// Footer text.
    pub footer: &'static str,
}

const EN: Ui = Ui {
    home: "Home",
    chapters: "Chapters",
    playground: "Playground",
    exercises: "Exercises",
    search_placeholder: "Search the course…",
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
    exercises_blurb: "Eleven graded exercises, from a push board to a Socket.IO chat with rooms. cargo test tells you how you are doing.",
    how_title: "How this course works",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. The chapter may have moved, or the link has a typo.",
    back_home: "Back to the course",
    playground_title: "The live playground",
    playground_intro: "Every panel below talks to this server with a different transport. The ticker and anything you publish go into one event log, and each transport delivers it its own way: compare the delays, the requests and the bytes, then inject a fault and watch who recovers.",
    playground_missing: "The live parts were not built into this binary. Install Node.js 18 or newer with npm, then run cargo run --release again.",
    footer: "Realtime Lab — an open course about real-time web applications.",
};

const ES: Ui = Ui {
    home: "Inicio",
    chapters: "Capítulos",
    playground: "Laboratorio",
    exercises: "Ejercicios",
    search_placeholder: "Buscar en el curso…",
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
    exercises_blurb: "Once ejercicios corregidos, desde un tablero que empuja cambios hasta un chat Socket.IO con salas. cargo test te dice cómo vas.",
    how_title: "Cómo funciona este curso",
    not_found_title: "Página no encontrada",
    not_found_text: "No hay ninguna página en esta dirección. Puede que el capítulo se haya movido o que el enlace tenga un error.",
    back_home: "Volver al curso",
    playground_title: "El laboratorio en vivo",
    playground_intro: "Cada panel habla con este servidor mediante un transporte distinto. El ticker y todo lo que publiques entran en un único registro de eventos, y cada transporte lo entrega a su manera: compara los retrasos, las peticiones y los bytes, después provoca un fallo y observa quién se recupera.",
    playground_missing: "Las partes en vivo no se incluyeron en este binario. Instala Node.js 18 o superior con npm y vuelve a ejecutar cargo run --release.",
    footer: "Realtime Lab — un curso abierto sobre aplicaciones web en tiempo real.",
};

/// The strings for `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}
