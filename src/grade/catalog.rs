//! The catalog of graded exercises: what each one asks, where the course
//! teaches it, and the hints `realtime-lab grade` gives.
//!
//! Exercises are known by an [`ExerciseId`] (`ex01` to `ex18`), parsed once
//! at the edge. Only these ids can be graded, so the grader never runs a
//! command built from arbitrary text.

use std::fmt;
use std::str::FromStr;

use crate::course::Lang;

/// A text in both course languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Spanish.
    pub es: &'static str,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Es => self.es,
        }
    }
}

/// The number of an exercise, 1 to [`COUNT`]; written `ex01` to `ex18`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExerciseId(u8);

/// How many exercises there are.
pub const COUNT: u8 = 18;

impl ExerciseId {
    /// Every exercise id, easiest first.
    pub fn all() -> impl Iterator<Item = ExerciseId> {
        (1..=COUNT).map(ExerciseId)
    }

    /// The exercise's number, 1 to [`COUNT`].
    pub fn number(self) -> u8 {
        self.0
    }

    /// This exercise's catalog entry.
    pub fn exercise(self) -> &'static Exercise {
        &EXERCISES[usize::from(self.0 - 1)]
    }
}

impl fmt::Display for ExerciseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ex{:02}", self.0)
    }
}

/// The text names no exercise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown exercise {0:?}: use ex01 to ex18 (or just 1 to 18)")]
pub struct UnknownExercise(pub String);

impl serde::Serialize for ExerciseId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ExerciseId {
    /// Parsed like [`FromStr`]: `"ex03"`, `"03"` or `"3"`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for ExerciseId {
    type Err = UnknownExercise;

    /// Accepts `ex03`, `03` and `3`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let digits = text.strip_prefix("ex").unwrap_or(text);
        let valid_digits =
            !digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit());
        match digits.parse::<u8>() {
            Ok(number) if valid_digits && (1..=COUNT).contains(&number) => Ok(ExerciseId(number)),
            _ => Err(UnknownExercise(text.to_owned())),
        }
    }
}

/// One graded exercise.
#[derive(Debug)]
pub struct Exercise {
    /// `ex01` to `ex18`.
    pub id: ExerciseId,
    /// The file stem shared by the stub (`exercises/src/`), the grader
    /// (`exercises/tests/`) and the solution (`solutions/`).
    pub file_stem: &'static str,
    /// A short title.
    pub title: Text,
    /// The chapter that teaches it, as its lesson slug.
    pub chapter: &'static str,
    /// The English heading of the section that links to it.
    pub section: &'static str,
    /// What to do, in a sentence or two.
    pub statement: Text,
    /// Hints, from a nudge to nearly the answer.
    pub hints: &'static [Text],
}

impl Exercise {
    /// The stub the learner edits, relative to the workspace root.
    pub fn stub_path(&self) -> String {
        format!("exercises/src/{}.rs", self.file_stem)
    }
}

/// Every exercise, easiest first.
pub fn catalog() -> &'static [Exercise] {
    &EXERCISES
}

const CHAPTER_1: &str = "01-real-time-apps";
const CHAPTER_2: &str = "02-http-comet-websockets";
const CHAPTER_3: &str = "03-socket-io";
const CHAPTER_4: &str = "04-events-rooms";
const CHAPTER_5: &str = "05-delivery";
const CHAPTER_6: &str = "06-production";

static EXERCISES: [Exercise; COUNT as usize] = [
    Exercise {
        id: ExerciseId(1),
        file_stem: "ex01_board",
        title: Text { en: "A board that pushes changes", es: "Un tablero que empuja los cambios" },
        chapter: CHAPTER_1,
        section: "A running example: the team board",
        statement: Text {
            en: "Keep notes and a list of subscribers; post() numbers each note and pushes it to every subscriber, snapshot() lets clients pull.",
            es: "Guarda notas y una lista de suscriptores; post() numera cada nota y la envía a cada suscriptor, snapshot() permite consultarlas.",
        },
        hints: &[
            Text { en: "Put the notes and the subscribers' Senders in one struct behind a std Mutex.", es: "Pon las notas y los Sender de los suscriptores en un struct dentro de un Mutex de std." },
            Text { en: "subscribe() creates std::sync::mpsc::channel(), keeps the Sender, returns the Receiver.", es: "subscribe() crea std::sync::mpsc::channel(), guarda el Sender y devuelve el Receiver." },
            Text { en: "In post(), Vec::retain with sender.send(change.clone()).is_ok() delivers and forgets dropped subscribers at once.", es: "En post(), Vec::retain con sender.send(change.clone()).is_ok() entrega y olvida a la vez a los suscriptores que ya no están." },
        ],
    },
    Exercise {
        id: ExerciseId(2),
        file_stem: "ex02_polling_cursor",
        title: Text { en: "Polling cursor", es: "Cursor de sondeo" },
        chapter: CHAPTER_2,
        section: "What polling costs",
        statement: Text {
            en: "Return the events after a cursor id, at most a clamped limit, with the next cursor and whether more are waiting.",
            es: "Devuelve los eventos posteriores a un id, como mucho un límite acotado, con el siguiente cursor y si quedan más.",
        },
        hints: &[
            Text { en: "\"After 3\" means id > 3. Ids may have gaps, so compare ids instead of indexing by them.", es: "\"Después de 3\" significa id > 3. Puede haber huecos en los ids: compáralos, no los uses como índice." },
            Text { en: "limit.clamp(1, MAX_LIMIT) first; with nothing new, next_cursor stays `after`.", es: "Primero limit.clamp(1, MAX_LIMIT); si no hay nada nuevo, next_cursor se queda en `after`." },
            Text { en: "log.partition_point(|e| e.id <= after) finds the first new event; more = new events > returned events.", es: "log.partition_point(|e| e.id <= after) encuentra el primer evento nuevo; more = eventos nuevos > eventos devueltos." },
        ],
    },
    Exercise {
        id: ExerciseId(3),
        file_stem: "ex03_long_poll",
        title: Text { en: "Long-poll wait", es: "Espera de long-polling" },
        chapter: CHAPTER_2,
        section: "Why long-polling is called inefficient",
        statement: Text {
            en: "Answer at once if events exist after the cursor; otherwise wait for one or for the timeout, racing both with tokio::select!.",
            es: "Responde enseguida si hay eventos tras el cursor; si no, espera uno o el tiempo límite, compitiendo ambos con tokio::select!.",
        },
        hints: &[
            Text { en: "Check log.since(after) first: old news is answered without waiting.", es: "Mira primero log.since(after): las novedades ya existentes se responden sin esperar." },
            Text { en: "Call log.subscribe() before reading the log, so an event pushed in between is not missed.", es: "Llama a log.subscribe() antes de leer el log, para no perder un evento publicado entre medias." },
            Text { en: "Create tokio::time::sleep(timeout) once, pin it, and loop on select! { news.recv() => read again, &mut sleep => Timeout }.", es: "Crea tokio::time::sleep(timeout) una vez, fíjalo con pin y repite select! { news.recv() => vuelve a leer, &mut sleep => Timeout }." },
        ],
    },
    Exercise {
        id: ExerciseId(4),
        file_stem: "ex04_sse_resume",
        title: Text { en: "SSE stream that resumes", es: "Flujo SSE que se reanuda" },
        chapter: CHAPTER_2,
        section: "HTTP streaming and Server-Sent Events",
        statement: Text {
            en: "Format SSE frames, read Last-Event-ID, and serve GET /events: replay what the client missed, then live events, each once.",
            es: "Da formato a las tramas SSE, lee Last-Event-ID y sirve GET /events: repite lo que el cliente perdió y luego los eventos en vivo, cada uno una vez.",
        },
        hints: &[
            Text { en: "A frame is \"id: N\\n\", one \"data: line\\n\" per line of text, then \"\\n\".", es: "Una trama es \"id: N\\n\", una línea \"data: ...\\n\" por cada línea del texto y luego \"\\n\"." },
            Text { en: "headers.get(\"last-event-id\"), to_str().ok(), parse().ok(), unwrap_or(0): no panics on client input.", es: "headers.get(\"last-event-id\"), to_str().ok(), parse().ok(), unwrap_or(0): nada de pánicos con datos del cliente." },
            Text { en: "Subscribe, then read log.since(resume); chain stream::iter(replay) with BroadcastStream, skipping ids already replayed; wrap in axum's Sse.", es: "Suscríbete y luego lee log.since(resume); encadena stream::iter(replay) con BroadcastStream, saltando ids ya enviados; envuélvelo en Sse de axum." },
        ],
    },
    Exercise {
        id: ExerciseId(5),
        file_stem: "ex05_ws_broadcast",
        title: Text { en: "WebSocket broadcast", es: "Difusión por WebSocket" },
        chapter: CHAPTER_2,
        section: "Frames",
        statement: Text {
            en: "Serve GET /ws with axum's WebSocketUpgrade; every text message any client sends reaches every connected client.",
            es: "Sirve GET /ws con WebSocketUpgrade de axum; cada mensaje de texto de un cliente llega a todos los clientes conectados.",
        },
        hints: &[
            Text { en: "Create one tokio::sync::broadcast channel in router() and share its Sender as the router's state.", es: "Crea un canal tokio::sync::broadcast en router() y comparte su Sender como estado del router." },
            Text { en: "The handler takes WebSocketUpgrade and returns upgrade.on_upgrade(move |socket| ...).", es: "El handler recibe WebSocketUpgrade y devuelve upgrade.on_upgrade(move |socket| ...)." },
            Text { en: "Per connection, subscribe, then loop on select! { socket.recv() => publish text, receiver.recv() => socket.send }; return when either ends.", es: "Por conexión, suscríbete y repite select! { socket.recv() => publica el texto, receiver.recv() => socket.send }; termina cuando uno acabe." },
        ],
    },
    Exercise {
        id: ExerciseId(6),
        file_stem: "ex06_cost_model",
        title: Text { en: "Cost model", es: "Modelo de costes" },
        chapter: CHAPTER_2,
        section: "A worked example",
        statement: Text {
            en: "Requests and bytes per minute for polling at an interval, long-polling with a timeout, and an open WebSocket.",
            es: "Peticiones y bytes por minuto para sondeo con un intervalo, long-polling con un tiempo límite y un WebSocket abierto.",
        },
        hints: &[
            Text { en: "Work in f64 and use Duration::as_secs_f64: 500 ms is 0.5 s.", es: "Trabaja en f64 y usa Duration::as_secs_f64: 500 ms son 0,5 s." },
            Text { en: "HTTP: bytes = requests × overhead + events × payload. Long-polling requests = max(events, 60 / timeout).", es: "HTTP: bytes = peticiones × cabeceras + eventos × carga. Peticiones de long-polling = max(eventos, 60 / límite)." },
            Text { en: "WebSocket frames: header 2 bytes up to 125, 4 up to 65535, else 10; zero requests per minute.", es: "Tramas WebSocket: cabecera de 2 bytes hasta 125, 4 hasta 65535 y si no 10; cero peticiones por minuto." },
        ],
    },
    Exercise {
        id: ExerciseId(7),
        file_stem: "ex07_engineio_packets",
        title: Text { en: "Engine.IO packets", es: "Paquetes de Engine.IO" },
        chapter: CHAPTER_3,
        section: "Engine.IO packets",
        statement: Text {
            en: "Encode and decode Engine.IO v4 packets (types 0 to 6) and long-polling payloads joined by \\x1e.",
            es: "Codifica y decodifica paquetes de Engine.IO v4 (tipos 0 a 6) y cuerpos de long-polling unidos por \\x1e.",
        },
        hints: &[
            Text { en: "A packet is its type digit followed by its data: Message(\"hi\") is \"4hi\", a probe ping is \"2probe\".", es: "Un paquete es su dígito de tipo seguido de sus datos: Message(\"hi\") es \"4hi\" y un ping de sondeo es \"2probe\"." },
            Text { en: "Decode with text.chars(): next() is the type, as_str() is the rest; never slice text[1..].", es: "Decodifica con text.chars(): next() es el tipo y as_str() el resto; nunca cortes text[1..]." },
            Text { en: "Payloads: join with SEPARATOR; split(SEPARATOR).map(decode).collect::<Result<Vec<_>, _>>().", es: "Cuerpos: une con SEPARATOR; split(SEPARATOR).map(decode).collect::<Result<Vec<_>, _>>()." },
        ],
    },
    Exercise {
        id: ExerciseId(8),
        file_stem: "ex08_socketio_packets",
        title: Text { en: "Socket.IO packets", es: "Paquetes de Socket.IO" },
        chapter: CHAPTER_3,
        section: "Socket.IO packets",
        statement: Text {
            en: "Encode and decode Socket.IO v5 packets: type, namespace, ack id, event name and JSON arguments.",
            es: "Codifica y decodifica paquetes de Socket.IO v5: tipo, namespace, id de ack, nombre del evento y argumentos JSON.",
        },
        hints: &[
            Text { en: "Order: type digit, \"/ns,\" only when the namespace is not \"/\", ack id digits, JSON.", es: "Orden: dígito de tipo, \"/ns,\" solo si el namespace no es \"/\", dígitos del id de ack y JSON." },
            Text { en: "An event's JSON is one array: [name, ...args]. Build it with serde_json::Value::Array.", es: "El JSON de un evento es un array: [nombre, ...args]. Constrúyelo con serde_json::Value::Array." },
            Text { en: "Decode step by step: split the namespace at the first comma, take all leading digits as the ack id, parse the rest with serde_json.", es: "Decodifica por pasos: separa el namespace en la primera coma, toma todos los dígitos iniciales como id de ack y analiza el resto con serde_json." },
        ],
    },
    Exercise {
        id: ExerciseId(9),
        file_stem: "ex09_chat_rooms",
        title: Text { en: "Socket.IO chat with rooms", es: "Chat de Socket.IO con salas" },
        chapter: CHAPTER_3,
        section: "What it adds to a bare WebSocket",
        statement: Text {
            en: "A socketioxide server with join, leave and message events, rooms and acknowledgements, graded by real socket.io-client clients.",
            es: "Un servidor socketioxide con eventos join, leave y message, salas y acuses de recibo, evaluado con clientes reales de socket.io-client.",
        },
        hints: &[
            Text { en: "let (layer, io) = SocketIo::new_layer(); io.ns(\"/\", on_connect); Router::new().layer(layer).", es: "let (layer, io) = SocketIo::new_layer(); io.ns(\"/\", on_connect); Router::new().layer(layer)." },
            Text { en: "In on_connect(socket: SocketRef), register socket.on(\"join\", ...) and friends; handlers take Data<T> and AckSender.", es: "En on_connect(socket: SocketRef), registra socket.on(\"join\", ...) y los demás; los handlers reciben Data<T> y AckSender." },
            Text { en: "socket.join(room); socket.within(room).sockets().len() counts members; socket.to(room).emit(...) skips the sender.", es: "socket.join(room); socket.within(room).sockets().len() cuenta miembros; socket.to(room).emit(...) excluye al emisor." },
        ],
    },
    Exercise {
        id: ExerciseId(10),
        file_stem: "ex10_backoff",
        title: Text { en: "Reconnection backoff", es: "Espera de reconexión" },
        chapter: CHAPTER_3,
        section: "Reconnection with exponential backoff",
        statement: Text {
            en: "socket.io-client's reconnection delays: 1 s doubling up to 5 s, randomized by 0.5, with the client's exact formula.",
            es: "Las esperas de reconexión de socket.io-client: 1 s que se duplica hasta 5 s, con aleatoriedad 0,5 y la fórmula exacta del cliente.",
        },
        hints: &[
            Text { en: "Defaults: min_ms 1000, max_ms 5000, factor 2, jitter 0.5.", es: "Valores por defecto: min_ms 1000, max_ms 5000, factor 2, jitter 0.5." },
            Text { en: "ms = min_ms × factor^attempt in f64 (f64::powf), so attempt 60 does not overflow.", es: "ms = min_ms × factor^intento en f64 (f64::powf), así el intento 60 no desborda." },
            Text { en: "deviation = (r × jitter × ms).floor(); subtract it when (r × 10).floor() is even, add it when odd; then min with max_ms.", es: "desviación = (r × jitter × ms).floor(); réstala si (r × 10).floor() es par, súmala si es impar; luego el mínimo con max_ms." },
        ],
    },
    Exercise {
        id: ExerciseId(11),
        file_stem: "ex11_replay",
        title: Text { en: "Replay after reconnection", es: "Reenvío tras reconectar" },
        chapter: CHAPTER_3,
        section: "Reconnection with exponential backoff",
        statement: Text {
            en: "Number events with offsets, replay what a reconnecting client missed (or say it is too old), and drop duplicates on the client.",
            es: "Numera los eventos con offsets, reenvía lo que perdió un cliente que reconecta (o avisa de que es demasiado antiguo) y descarta duplicados en el cliente.",
        },
        hints: &[
            Text { en: "Keep a VecDeque<Event> and the last offset; pop_front when longer than the capacity.", es: "Guarda un VecDeque<Event> y el último offset; usa pop_front cuando supere la capacidad." },
            Text { en: "The client needs offset + 1 next: if that is older than the oldest kept event (and it is behind), answer TooOld.", es: "El cliente necesita offset + 1: si es anterior al evento más antiguo guardado (y va por detrás), responde TooOld." },
            Text { en: "ClientCursor::accept: id <= offset is a duplicate (false); otherwise store the id and return true.", es: "ClientCursor::accept: id <= offset es un duplicado (false); si no, guarda el id y devuelve true." },
        ],
    },
    Exercise {
        id: ExerciseId(12),
        file_stem: "ex12_room_auth",
        title: Text { en: "Rooms behind a token", es: "Salas tras un token" },
        chapter: CHAPTER_4,
        section: "Authentication on connect",
        statement: Text {
            en: "A socketioxide namespace whose connect middleware refuses sockets without auth.token \"s3cret\" (connect_error \"invalid token\"), with join, shout to the others in a room, and announce to everyone outside a room.",
            es: "Un namespace de socketioxide cuyo middleware de conexión rechaza los sockets sin auth.token \"s3cret\" (connect_error \"invalid token\"), con join, shout a los demás miembros de una sala y announce a todos los que están fuera de una sala.",
        },
        hints: &[
            Text { en: "io.ns(\"/\", on_connect.with(authenticate)): the middleware is an async fn returning Result<(), E>, and E's Display is the connect_error message.", es: "io.ns(\"/\", on_connect.with(authenticate)): el middleware es una async fn que devuelve Result<(), E>, y el Display de E es el mensaje de connect_error." },
            Text { en: "Read the auth with TryData<Auth>: Data<Auth> would refuse a missing or malformed auth with serde's message instead of \"invalid token\".", es: "Lee el auth con TryData<Auth>: Data<Auth> rechazaría un auth ausente o mal formado con el mensaje de serde en lugar de \"invalid token\"." },
            Text { en: "shout: socket.to(room) leaves the sender out; announce: take a SocketIo extractor and use io.except(room). Count receivers with .sockets().len() before emitting.", es: "shout: socket.to(room) deja fuera al emisor; announce: usa el extractor SocketIo e io.except(room). Cuenta los destinatarios con .sockets().len() antes de emitir." },
        ],
    },
    Exercise {
        id: ExerciseId(13),
        file_stem: "ex13_ack_retry",
        title: Text { en: "Acknowledgement with timeout and retry", es: "Confirmación con plazo y reintento" },
        chapter: CHAPTER_4,
        section: "Acknowledgements",
        statement: Text {
            en: "Send a message with the same id on every attempt, wait for its ack with tokio::time::timeout, and retry with a doubling delay until it is acknowledged or the attempts run out.",
            es: "Envía un mensaje con el mismo id en cada intento, espera su confirmación con tokio::time::timeout y reintenta con una pausa que se duplica hasta que llegue la confirmación o se acaben los intentos.",
        },
        hints: &[
            Text { en: "for number in 1..=retry.max_attempts, build Attempt { number, message_id } and call send(attempt).", es: "for number in 1..=retry.max_attempts, construye Attempt { number, message_id } y llama a send(attempt)." },
            Text { en: "tokio::time::timeout(retry.ack_timeout, send(attempt)).await is Ok(ack) in time and Err(_) otherwise; a late ack is dropped with its future.", es: "tokio::time::timeout(retry.ack_timeout, send(attempt)).await da Ok(ack) a tiempo y Err(_) si no; una confirmación tardía se descarta con su futuro." },
            Text { en: "Between attempts sleep base_delay.saturating_mul(2u32.saturating_pow(number - 1)), but not after the last one; then return Err(GaveUp { attempts: max_attempts }).", es: "Entre intentos duerme base_delay.saturating_mul(2u32.saturating_pow(number - 1)), pero no tras el último; después devuelve Err(GaveUp { attempts: max_attempts })." },
        ],
    },
    Exercise {
        id: ExerciseId(14),
        file_stem: "ex14_heartbeat",
        title: Text { en: "Heartbeat timeout detector", es: "Detector de latido perdido" },
        chapter: CHAPTER_5,
        section: "Heartbeats and dead peers",
        statement: Text {
            en: "Engine.IO v4's heartbeat as two state machines driven by explicit instants: the client expects a ping within ping_interval + ping_timeout; the server pings and expects the pong within ping_timeout.",
            es: "El latido de Engine.IO v4 como dos máquinas de estados movidas por instantes explícitos: el cliente espera un ping antes de ping_interval + ping_timeout; el servidor envía pings y espera el pong antes de ping_timeout.",
        },
        hints: &[
            Text { en: "The client needs its Heartbeat and one deadline: the handshake (or last ping) + ping_interval + ping_timeout; is_dead is now >= deadline.", es: "Al cliente le bastan su Heartbeat y un plazo: el handshake (o el último ping) + ping_interval + ping_timeout; is_dead es now >= plazo." },
            Text { en: "Model the server with an enum: PingDue(at) or AwaitingPong(deadline); poll answers WaitUntil(that instant) while now is before it.", es: "Modela el servidor con un enum: PingDue(at) o AwaitingPong(deadline); poll responde WaitUntil(ese instante) mientras now sea anterior." },
            Text { en: "poll when the ping is due: switch to AwaitingPong(now + ping_timeout) and answer SendPing; on_pong only counts in AwaitingPong with now < deadline: PingDue(now + ping_interval).", es: "poll cuando toca el ping: pasa a AwaitingPong(now + ping_timeout) y responde SendPing; on_pong solo cuenta en AwaitingPong con now < plazo: PingDue(now + ping_interval)." },
        ],
    },
    Exercise {
        id: ExerciseId(15),
        file_stem: "ex15_at_least_once",
        title: Text { en: "At least once, exactly once", es: "Al menos una vez, exactamente una vez" },
        chapter: CHAPTER_5,
        section: "At least once: acknowledgements and retries",
        statement: Text {
            en: "An outbox that numbers messages, keeps them until acknowledged and resends the overdue ones on tick, and an inbox that drops duplicate ids within a bounded window.",
            es: "Una bandeja de salida que numera los mensajes, los guarda hasta que se confirman y reenvía los vencidos en cada tick, y una bandeja de entrada que descarta ids repetidos dentro de una ventana acotada.",
        },
        hints: &[
            Text { en: "Outbox: a BTreeMap<u64, (payload, sent_at)> keeps messages in id order; ack is remove(&id).is_some().", es: "Outbox: un BTreeMap<u64, (payload, sent_at)> guarda los mensajes en orden de id; ack es remove(&id).is_some()." },
            Text { en: "tick: resend every message whose now - sent_at >= resend_after, and set its sent_at to now so it waits again.", es: "tick: reenvía cada mensaje con now - sent_at >= resend_after y pon su sent_at a now para que vuelva a esperar." },
            Text { en: "Inbox: a HashSet answers \"seen?\", a VecDeque keeps the ids in arrival order; past the window, pop_front and remove that id from the set.", es: "Inbox: un HashSet responde «¿visto?» y un VecDeque guarda los ids por orden de llegada; al pasar de la ventana, pop_front y quita ese id del conjunto." },
        ],
    },
    Exercise {
        id: ExerciseId(16),
        file_stem: "ex16_origin_check",
        title: Text { en: "Origin check on the upgrade", es: "Comprobar Origin en el upgrade" },
        chapter: CHAPTER_6,
        section: "Origin checks and cross-site WebSocket hijacking",
        statement: Text {
            en: "Serve an echoing WebSocket at GET /ws that refuses, before the upgrade, any Origin outside an allow-list (403 naming it), and a missing Origin unless the policy allows it.",
            es: "Sirve en GET /ws un WebSocket de eco que rechaza, antes del upgrade, cualquier Origin fuera de una lista de permitidos (403 que lo nombra) y la falta de Origin salvo que la política la admita.",
        },
        hints: &[
            Text { en: "The handler takes State<Arc<OriginPolicy>>, HeaderMap and WebSocketUpgrade; it returns the refusal before calling on_upgrade.", es: "El handler recibe State<Arc<OriginPolicy>>, HeaderMap y WebSocketUpgrade; devuelve el rechazo antes de llamar a on_upgrade." },
            Text { en: "headers.get(header::ORIGIN) is None when it is missing; to_str() fails on bytes that are not visible ASCII: refuse, never unwrap.", es: "headers.get(header::ORIGIN) es None si falta; to_str() falla con bytes que no son ASCII visible: rechaza, nunca hagas unwrap." },
            Text { en: "Compare whole strings, policy.allowed.iter().any(|allowed| allowed == origin), and refuse with (StatusCode::FORBIDDEN, format!(\"origin {origin} is not allowed\")).", es: "Compara cadenas enteras, policy.allowed.iter().any(|allowed| allowed == origin), y rechaza con (StatusCode::FORBIDDEN, format!(\"origin {origin} is not allowed\"))." },
        ],
    },
    Exercise {
        id: ExerciseId(17),
        file_stem: "ex17_accept_key",
        title: Text { en: "Computing Sec-WebSocket-Accept", es: "Calcular Sec-WebSocket-Accept" },
        chapter: CHAPTER_6,
        section: "Proving the handshake: Sec-WebSocket-Accept",
        statement: Text {
            en: "Write base64 encoding and strict decoding by hand, check that a Sec-WebSocket-Key decodes to 16 bytes, and answer base64(SHA-1(key + GUID)).",
            es: "Escribe a mano la codificación base64 y una decodificación estricta, comprueba que una Sec-WebSocket-Key decodifica a 16 bytes y responde base64(SHA-1(clave + GUID)).",
        },
        hints: &[
            Text { en: "Encode 3 bytes at a time: bits = b0 << 16 | b1 << 8 | b2; (bits >> 18, 12, 6, 0) & 63 index the alphabet; n bytes give n + 1 characters, then '='.", es: "Codifica de 3 en 3 bytes: bits = b0 << 16 | b1 << 8 | b2; (bits >> 18, 12, 6, 0) & 63 indexan el alfabeto; n bytes dan n + 1 caracteres y luego '='." },
            Text { en: "Decode 4 characters at a time; refuse a length that is not a multiple of 4, a character outside the alphabet, and '=' anywhere but the end.", es: "Decodifica de 4 en 4 caracteres; rechaza una longitud que no sea múltiplo de 4, un carácter fuera del alfabeto y '=' en cualquier sitio que no sea el final." },
            Text { en: "Sha1::new().chain_update(key).chain_update(WEBSOCKET_GUID).finalize() hashes the key's text, not its decoded bytes; base64_encode the 20 bytes.", es: "Sha1::new().chain_update(key).chain_update(WEBSOCKET_GUID).finalize() resume el texto de la clave, no sus bytes decodificados; pasa los 20 bytes por base64_encode." },
        ],
    },
    Exercise {
        id: ExerciseId(18),
        file_stem: "ex18_token_bucket",
        title: Text { en: "Token-bucket rate limit", es: "Límite con cubo de fichas" },
        chapter: CHAPTER_6,
        section: "Payload limits and rate limits",
        statement: Text {
            en: "A token bucket with explicit instants: it starts full, refills continuously up to its capacity, and try_take answers Ok or how long to wait for the next token.",
            es: "Un cubo de fichas con instantes explícitos: empieza lleno, se rellena de forma continua hasta su capacidad y try_take responde Ok o cuánto hay que esperar a la siguiente ficha.",
        },
        hints: &[
            Text { en: "Keep the tokens as an f64 and the instant they were last counted; new() starts with capacity tokens.", es: "Guarda las fichas en un f64 junto con el instante en que se contaron por última vez; new() empieza con tantas fichas como la capacidad." },
            Text { en: "On each call, if now is later, add elapsed.as_secs_f64() × refill_per_second, cap with .min(capacity) and move the instant to now.", es: "En cada llamada, si now es posterior, suma elapsed.as_secs_f64() × refill_per_second, limita con .min(capacity) y mueve el instante a now." },
            Text { en: "With at least 1 token, subtract exactly 1 and answer Ok; otherwise Err(Duration::from_secs_f64((1.0 - tokens) / refill_per_second)).", es: "Con al menos 1 ficha, resta exactamente 1 y responde Ok; si no, Err(Duration::from_secs_f64((1.0 - tokens) / refill_per_second))." },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_in_every_accepted_form_and_nothing_else() {
        for text in ["ex03", "03", "3"] {
            assert_eq!(text.parse::<ExerciseId>(), Ok(ExerciseId(3)), "{text}");
        }
        assert_eq!(
            "ex18".parse::<ExerciseId>().map(|id| id.to_string()),
            Ok("ex18".to_owned())
        );
        for bad in [
            "ex00",
            "ex19",
            "0",
            "",
            "ex",
            "ex3; rm -rf /",
            "+3",
            "003",
            "ex-1",
            "x03",
        ] {
            assert!(
                bad.parse::<ExerciseId>().is_err(),
                "{bad:?} must be refused"
            );
        }
    }

    #[test]
    fn the_catalog_is_in_id_order_with_matching_files() {
        for (exercise, id) in catalog().iter().zip(ExerciseId::all()) {
            assert_eq!(exercise.id, id);
            assert!(
                exercise.file_stem.starts_with(&format!("{id}_")),
                "{}",
                exercise.file_stem
            );
            assert_eq!(id.exercise().file_stem, exercise.file_stem);
        }
        assert_eq!(catalog().len(), usize::from(COUNT));
    }
}
