//! The HTTP front end of copydesk: requests in, [`copydesk_core::Article`] JSON out.
//!
//! No extraction logic lives here: handlers read options from the request, run
//! [`copydesk_core::extract`] on a bounded blocking pool and serialise what it returns.

mod metrics;
mod serve;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use copydesk_core::{Article, InputFormat, Options, RenderFormat};
use serde::{Deserialize, Serialize};
use tokio::sync::{Semaphore, mpsc};
use tower_http::catch_panic::CatchPanicLayer;
use utoipa::OpenApi;

use crate::metrics::Metrics;
pub use crate::serve::{ConnectionLimits, serve};

/// Server settings, all with defaults a small machine can take.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// Longest a request may take before it is answered 504.
    pub deadline: Duration,
    /// Extractions running at once (the blocking pool's share), normally the core count; one
    /// past the deadline is answered 504 but keeps its slot until it ends.
    pub workers: usize,
    /// Requests admitted at once, running or waiting; more are shed with 503.
    pub max_in_flight: usize,
    /// Longest a client may take to send a request body (408 beyond).
    pub read_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self {
            max_body: 10 << 20,
            deadline: Duration::from_secs(10),
            workers: cores,
            max_in_flight: 64 * cores,
            read_timeout: Duration::from_secs(10),
        }
    }
}

/// Shared state: the limits, the semaphores that enforce them, and the metrics.
#[derive(Debug)]
struct Shared {
    config: Config,
    /// Extraction slots: each permit goes into the blocking job, so that it is released when
    /// the extraction ends, not when the request is answered.
    workers: Arc<Semaphore>,
    admitted: Semaphore,
    metrics: Metrics,
}

/// The `OpenAPI` document of every route, generated from the handlers and the model types.
#[derive(Debug, OpenApi)]
#[openapi(
    info(
        title = "copydesk",
        description = "News articles (HTML or plain text) in, structured Article JSON out."
    ),
    paths(extract, batch, healthz, metrics, openapi_json, page),
    components(schemas(ErrorBody, BatchLine, BatchError))
)]
pub struct ApiDoc;

/// The router with every route and layer, for the binary and for tests.
pub fn app(config: Config) -> Router {
    let shared = Arc::new(Shared {
        workers: Arc::new(Semaphore::new(config.workers.max(1))),
        admitted: Semaphore::new(config.max_in_flight.max(1)),
        metrics: Metrics::new(),
        config,
    });
    Router::new()
        .route("/", get(page))
        .route("/v1/extract", post(extract))
        .route("/v1/extract/batch", post(batch))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi_json))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn_with_state(shared.clone(), read_body))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the server failed on this request",
            )
            .into_response()
        }))
        .layer(middleware::from_fn_with_state(shared.clone(), log_request))
        .with_state(shared)
}

/// A JSON error answer: `{"error": {"code", "message"}}` with a stable code.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            retry_after: None,
        }
    }
}

/// The body of every error answer.
#[derive(Serialize, utoipa::ToSchema)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

/// What went wrong: a stable code and a message for people.
#[derive(Serialize, utoipa::ToSchema)]
struct ErrorDetail<'a> {
    /// One of the codes listed in the README (`bad_json`, `timeout`, ...).
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: &self.message,
            },
        })
        .unwrap_or_default();
        let mut response = (self.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// Options a caller may set, as query parameters or in a JSON body's `options`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RequestOptions {
    /// `auto`, `html` or `text`.
    input: Option<String>,
    /// The page's URL.
    url: Option<String>,
    /// Find quotes and entities (default `true`; `false` is about a fifth faster).
    quotes: Option<bool>,
}

/// A JSON request, or one line of a batch: the document as `html` or `text`, with its URL.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
struct JsonDocument {
    /// Any JSON value, echoed in the batch answer's line.
    #[schema(value_type = Option<Object>)]
    id: Option<serde_json::Value>,
    /// The document as HTML (exactly one of `html` and `text`).
    html: Option<String>,
    /// The document as plain text.
    text: Option<String>,
    /// The page's URL, to resolve links.
    url: Option<String>,
    #[serde(default)]
    options: RequestOptions,
}

fn core_options(opts: &RequestOptions) -> Result<Options, ApiError> {
    let input = match opts.input.as_deref() {
        None | Some("auto") => InputFormat::Auto,
        Some("html") => InputFormat::Html,
        Some("text") => InputFormat::Text,
        Some(other) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_option",
                format!("input must be auto, html or text, not {other:?}"),
            ));
        }
    };
    Ok(Options {
        input,
        url: opts.url.clone(),
        annotate: opts.quotes.unwrap_or(true),
        ..Options::default()
    })
}

/// Extract one article.
///
/// The body is the document. The answer is the `Article` JSON, or the rendered article for
/// `Accept: text/markdown` or `text/plain`.
#[utoipa::path(
    post,
    path = "/v1/extract",
    params(RequestOptions),
    request_body(
        description = "The document: HTML, plain text (charset honoured, sniffed otherwise), or JSON",
        content(
            (String = "text/html"),
            (String = "text/plain"),
            (String = "application/octet-stream"),
            (JsonDocument = "application/json"),
        )
    ),
    responses(
        (status = 200, description = "The extracted article", content(
            (copydesk_core::Article = "application/json"),
            (String = "text/markdown"),
            (String = "text/plain"),
        )),
        (status = 400, description = "Malformed JSON, document or option", body = ErrorBody),
        (status = 413, description = "Body or document over the limits", body = ErrorBody),
        (status = 415, description = "Unsupported media type", body = ErrorBody),
        (status = 422, description = "Input rejected (binary data, corrupt gzip)", body = ErrorBody),
        (status = 500, description = "Extraction failed", body = ErrorBody),
        (status = 503, description = "Overloaded (with Retry-After) or shutting down", body = ErrorBody),
        (status = 504, description = "Over the deadline", body = ErrorBody),
    )
)]
async fn extract(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<RequestOptions>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| body_error(&e))?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_owned();
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_owned())
        .next();
    let mut options = core_options(&query)?;
    let bytes: Vec<u8> = match media.as_str() {
        "application/json" => {
            let doc: JsonDocument = serde_json::from_slice(&body).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_json",
                    format!("the JSON body is malformed: {e}"),
                )
            })?;
            let (bytes, input) = document_bytes(doc.html, doc.text)?;
            let from_json = core_options(&doc.options)?;
            options.input = if from_json.input == InputFormat::Auto {
                input
            } else {
                from_json.input
            };
            options.url = doc.url.or(from_json.url).or(options.url);
            options.annotate = options.annotate && from_json.annotate;
            bytes
        }
        "text/html" | "application/xhtml+xml" => {
            options.input = InputFormat::Html;
            options.charset = charset;
            body.to_vec()
        }
        "text/plain" => {
            options.input = InputFormat::Text;
            options.charset = charset;
            body.to_vec()
        }
        "" | "application/octet-stream" => body.to_vec(),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!("send text/html, text/plain or application/json, not {other}"),
            ));
        }
    };
    let render = rendering(&headers);
    let article = run(&shared, move || copydesk_core::extract(&bytes, &options)).await?;
    Ok(match render {
        Some(format) => (
            [(
                header::CONTENT_TYPE,
                if format == RenderFormat::Markdown {
                    "text/markdown; charset=utf-8"
                } else {
                    "text/plain; charset=utf-8"
                },
            )],
            copydesk_core::render(&article, format),
        )
            .into_response(),
        None => json_response(&article),
    })
}

/// The document of a JSON request and the format it names.
fn document_bytes(
    html: Option<String>,
    text: Option<String>,
) -> Result<(Vec<u8>, InputFormat), ApiError> {
    match (html, text) {
        (Some(h), None) => Ok((h.into_bytes(), InputFormat::Html)),
        (None, Some(t)) => Ok((t.into_bytes(), InputFormat::Text)),
        _ => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_document",
            "give exactly one of `html` or `text`",
        )),
    }
}

/// Markdown or plain text when the caller asks for it; JSON otherwise.
fn rendering(headers: &HeaderMap) -> Option<RenderFormat> {
    let accept = headers.get(header::ACCEPT)?.to_str().ok()?;
    if accept.contains("text/markdown") {
        Some(RenderFormat::Markdown)
    } else if accept.contains("text/plain") {
        Some(RenderFormat::Text)
    } else {
        None
    }
}

fn json_response(article: &Article) -> Response {
    let body = serde_json::to_vec_pretty(article).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn body_error(rejection: &BytesRejection) -> ApiError {
    unreadable_body(
        rejection.status() == StatusCode::PAYLOAD_TOO_LARGE,
        rejection.body_text(),
    )
}

/// A body that could not be read: 413 `body_too_large` over the limit, else 400 `bad_body`.
fn unreadable_body(too_large: bool, message: String) -> ApiError {
    if too_large {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            "the request body is over the server's limit",
        )
    } else {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_body", message)
    }
}

/// Reads a request's whole body within the read timeout and the size limit before the
/// handler runs: a client trickling its body is answered 408 and frees its place.
async fn read_body(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: middleware::Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let limit = shared.config.max_body;
    let read = tokio::time::timeout(
        shared.config.read_timeout,
        axum::body::to_bytes(body, limit),
    );
    match read.await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(error)) => {
            let too_large = std::error::Error::source(&error)
                .is_some_and(<dyn std::error::Error>::is::<http_body_util::LengthLimitError>);
            unreadable_body(too_large, error.to_string()).into_response()
        }
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "slow_body",
            format!(
                "the request body did not arrive within {} ms",
                shared.config.read_timeout.as_millis()
            ),
        )
        .into_response(),
    }
}

/// Runs one extraction on the blocking pool, within the admission limit and the deadline.
async fn run(
    shared: &Arc<Shared>,
    job: impl FnOnce() -> Result<Article, copydesk_core::Error> + Send + 'static,
) -> Result<Article, ApiError> {
    let Ok(_admitted) = shared.admitted.try_acquire() else {
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "too many requests in flight; retry shortly",
        );
        e.retry_after = Some(1);
        return Err(e);
    };
    let work = async {
        let worker = Arc::clone(&shared.workers)
            .acquire_owned()
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "shutting_down",
                    "the server is stopping",
                )
            })?;
        let timed = Arc::clone(shared);
        let job = move || {
            // The deadline drops this future, not the blocking job, which cannot be stopped:
            // the slot stays taken until the extraction ends, or slow inputs answered 504
            // would pile up running threads.
            let _worker = worker;
            let start = Instant::now();
            let result = job();
            timed.metrics.extraction(start.elapsed());
            result
        };
        tokio::task::spawn_blocking(job).await.map_err(|e| {
            let message = if e.is_panic() {
                "extraction failed on this document"
            } else {
                "extraction was cancelled"
            };
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
        })
    };
    match tokio::time::timeout(shared.config.deadline, work).await {
        Err(_) => Err(ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            format!(
                "extraction took over {} ms",
                shared.config.deadline.as_millis()
            ),
        )),
        Ok(Err(e)) => Err(e),
        Ok(Ok(Err(e))) => Err(core_error(&e)),
        Ok(Ok(Ok(article))) => Ok(article),
    }
}

fn core_error(e: &copydesk_core::Error) -> ApiError {
    let status = match e {
        copydesk_core::Error::InputTooLarge { .. }
        | copydesk_core::Error::DecompressedTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    ApiError::new(status, "input_rejected", e.to_string())
}

/// Extract a batch of documents.
///
/// NDJSON in, one `JsonDocument` a line; NDJSON out, streamed in order, one `BatchLine` per
/// document. A bad document gives an error line and never fails the batch.
#[utoipa::path(
    post,
    path = "/v1/extract/batch",
    request_body(content = JsonDocument, content_type = "application/x-ndjson"),
    responses(
        (status = 200, description = "One BatchLine per document", body = BatchLine, content_type = "application/x-ndjson"),
        (status = 413, description = "Body over the limit", body = ErrorBody),
    )
)]
async fn batch(
    State(shared): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|e| body_error(&e))?;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::convert::Infallible>>(16);
    tokio::spawn(async move {
        for line in body.split(|&b| b == b'\n') {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let out = batch_line(&shared, line).await;
            let mut bytes = serde_json::to_vec(&out).unwrap_or_default();
            bytes.push(b'\n');
            if tx.send(Ok(Bytes::from(bytes))).await.is_err() {
                break; // the client went away
            }
        }
    });
    let stream = tokio_stream::wrappers::ReceiverStream::new(rx);
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// One line of a batch answer: the document's `id` with its article or its error.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
enum BatchLine {
    /// The document was extracted.
    Ok {
        #[schema(value_type = Option<Object>)]
        id: Option<serde_json::Value>,
        article: Box<Article>,
    },
    /// The document failed; the batch goes on.
    Err {
        #[schema(value_type = Option<Object>)]
        id: Option<serde_json::Value>,
        error: BatchError,
    },
}

/// Why one document of a batch failed.
#[derive(Serialize, utoipa::ToSchema)]
struct BatchError {
    code: &'static str,
    message: String,
}

async fn batch_line(shared: &Arc<Shared>, line: &[u8]) -> BatchLine {
    let fail = |id, e: ApiError| BatchLine::Err {
        id,
        error: BatchError {
            code: e.code,
            message: e.message,
        },
    };
    let doc: JsonDocument = match serde_json::from_slice(line) {
        Ok(doc) => doc,
        Err(e) => {
            return fail(
                None,
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_json",
                    format!("malformed line: {e}"),
                ),
            );
        }
    };
    let id = doc.id.clone();
    let prepared = core_options(&doc.options).and_then(|mut options| {
        let (bytes, input) = document_bytes(doc.html, doc.text)?;
        if options.input == InputFormat::Auto {
            options.input = input;
        }
        options.url = doc.url.or(options.url);
        Ok((bytes, options))
    });
    let (bytes, options) = match prepared {
        Ok(p) => p,
        Err(e) => return fail(id, e),
    };
    match run(shared, move || copydesk_core::extract(&bytes, &options)).await {
        Ok(article) => BatchLine::Ok {
            id,
            article: Box::new(article),
        },
        Err(e) => fail(id, e),
    }
}

/// Liveness: `{"status":"ok"}`.
#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "The server is up", content_type = "application/json")))]
async fn healthz() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"status":"ok"}"#,
    )
}

/// Prometheus metrics: requests by route and status, latency, bytes in, extraction time.
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "OpenMetrics text", body = String, content_type = "application/openmetrics-text")))]
async fn metrics(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        shared.metrics.render(),
    )
}

/// This API's `OpenAPI` 3.1 document.
#[utoipa::path(get, path = "/openapi.json", responses((status = 200, description = "OpenAPI 3.1 JSON", content_type = "application/json")))]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        ApiDoc::openapi().to_pretty_json().unwrap_or_default(),
    )
}

/// A page to paste an article into or drop a file on, and see what copydesk makes of it.
#[utoipa::path(get, path = "/", responses((status = 200, description = "Self-contained HTML page", body = String, content_type = "text/html")))]
async fn page() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                 img-src * data:; connect-src 'self'; form-action 'none'",
            ),
        ],
        include_str!("page.html"),
    )
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}

/// One log line per request (method, path, status, bytes in, milliseconds), and its metrics.
async fn log_request(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    // The body's exact size where known (a buffered body), else its Content-Length.
    let bytes_in = axum::body::HttpBody::size_hint(request.body())
        .exact()
        .or_else(|| {
            request
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let start = Instant::now();
    let response = next.run(request).await;
    let elapsed = start.elapsed();
    shared
        .metrics
        .request(&route, response.status().as_u16(), bytes_in, elapsed);
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        bytes_in,
        ms = elapsed.as_secs_f64() * 1000.0,
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Server state with one worker, room for four requests, and the given deadline.
    fn one_worker(deadline: Duration) -> Arc<Shared> {
        Arc::new(Shared {
            workers: Arc::new(Semaphore::new(1)),
            admitted: Semaphore::new(4),
            metrics: Metrics::new(),
            config: Config {
                deadline,
                ..Config::default()
            },
        })
    }

    /// A panic inside an extraction is answered 500 `internal`, and the next request is served.
    #[tokio::test]
    async fn a_panic_in_extraction_is_a_500_and_the_server_goes_on() {
        let shared = one_worker(Config::default().deadline);
        let failed = run(&shared, || panic!("extraction bug")).await;
        let error = failed.expect_err("a panic is an error");
        assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(error.code, "internal");
        let next = run(&shared, || {
            copydesk_core::extract_str(
                "Headline\n\nA paragraph of text about the news.",
                &Options::default(),
            )
        })
        .await;
        assert!(next.is_ok(), "the worker slot was released");
    }

    /// An extraction past its deadline is answered 504 but keeps its worker slot until it
    /// really ends, so a request that comes meanwhile starts no second extraction.
    #[tokio::test]
    async fn an_extraction_past_its_deadline_keeps_its_worker_until_it_ends() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let shared = one_worker(Duration::from_millis(20));
        let small = || {
            copydesk_core::extract_str(
                "Headline\n\nA paragraph of text about the news.",
                &Options::default(),
            )
        };
        // The job waits for a message sent only after its request is answered, so it is
        // still running at the deadline however fast the machine.
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let slow = run(&shared, move || {
            let _ = hold.recv();
            small()
        })
        .await;
        assert_eq!(
            slow.expect_err("over the deadline").status,
            StatusCode::GATEWAY_TIMEOUT
        );
        assert_eq!(
            shared.workers.available_permits(),
            0,
            "the running extraction keeps its slot"
        );
        let started = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&started);
        let queued = run(&shared, move || {
            flag.store(true, Ordering::SeqCst);
            small()
        })
        .await;
        assert_eq!(
            queued.expect_err("no slot before the deadline").status,
            StatusCode::GATEWAY_TIMEOUT
        );
        assert!(!started.load(Ordering::SeqCst), "no second extraction ran");
        // When the slow extraction ends, its slot comes back.
        release.send(()).expect("the slow job holds the receiver");
        drop(
            shared
                .workers
                .acquire()
                .await
                .expect("the semaphore is open"),
        );
        assert_eq!(shared.workers.available_permits(), 1);
    }
}
