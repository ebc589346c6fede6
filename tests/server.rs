//! The HTTP service: router tests without a socket, and the real binary on a loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use copydesk_server::{Config, app};
use tower::ServiceExt;

mod common;
use common::root;

const SEED: &str = "fixtures/text/foxnews-russia-us-brink.txt";

fn seed() -> Vec<u8> {
    std::fs::read(root().join(SEED)).expect("seed")
}

/// Sends one request to a fresh router; returns status, content type and body.
async fn call(config: Config, request: Request<Body>) -> (StatusCode, String, Vec<u8>) {
    let response = app(config).oneshot(request).await.expect("router answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = to_bytes(response.into_body(), 64 << 20)
        .await
        .expect("body reads");
    (status, content_type, body.to_vec())
}

fn post(path: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .expect("request builds")
}

fn error_code(body: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(body).expect("errors are JSON");
    v["error"]["code"].as_str().expect("a code").to_owned()
}

#[tokio::test]
async fn extract_answers_what_the_cli_prints() {
    let (status, content_type, body) =
        call(Config::default(), post("/v1/extract", "text/plain", seed())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    let served: serde_json::Value = serde_json::from_slice(&body).expect("JSON");

    let mut child = Command::new(common::binary("copydesk"))
        .args(["extract", "--input", "text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cli starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&seed())
        .expect("write");
    let out = child.wait_with_output().expect("cli ends");
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cli JSON");
    assert_eq!(
        served, printed,
        "same Article for the same input and options"
    );
    assert_eq!(
        served["title"],
        "Russia says US relations 'on the brink of a breakup,' won't confirm Trump-Putin talk"
    );
}

#[tokio::test]
async fn json_bodies_options_and_rendered_answers() {
    let doc = serde_json::json!({
        "html": "<html><body><article><h1>Bridge opens</h1><p>The new bridge opened on Monday after three years of work, the city said in a statement on its website.</p><img src=\"/b.jpg\" alt=\"The bridge\"><p>Traffic is expected to fall by a third in the old town, where the old crossing was closed to lorries.</p></article></body></html>",
        "url": "https://city.example/news/bridge"
    });
    let (status, _, body) = call(
        Config::default(),
        post("/v1/extract", "application/json", doc.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let a: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert_eq!(a["source"]["format"], "html");
    assert_eq!(a["media"][0]["url"], "https://city.example/b.jpg");

    let request = Request::post("/v1/extract?input=text")
        .header(header::CONTENT_TYPE, "text/plain")
        .header(header::ACCEPT, "text/markdown")
        .body(Body::from(seed()))
        .expect("request");
    let (status, content_type, body) = call(Config::default(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/markdown"));
    assert!(String::from_utf8_lossy(&body).contains("# Russia says"));
}

#[tokio::test]
async fn the_transport_charset_is_honoured() {
    let (status, _, body) = call(
        Config::default(),
        post(
            "/v1/extract",
            "text/plain; charset=windows-1251",
            &b"\xcc\xee\xf1\xea\xe2\xe0"[..],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let a: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(
        a["boilerplate"].to_string().contains("Москва") || a["text"] == "Москва",
        "{a}"
    );
}

#[tokio::test]
async fn errors_are_json_with_stable_codes() {
    let cases = [
        (
            post("/v1/extract", "image/png", "x"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            post("/v1/extract", "application/json", "{not json"),
            StatusCode::BAD_REQUEST,
            "bad_json",
        ),
        (
            post(
                "/v1/extract",
                "application/json",
                r#"{"html":"<p>a</p>","text":"b"}"#,
            ),
            StatusCode::BAD_REQUEST,
            "bad_document",
        ),
        (
            post("/v1/extract?input=pdf", "text/plain", "x"),
            StatusCode::BAD_REQUEST,
            "bad_option",
        ),
        (
            post("/v1/extract", "text/plain", vec![0u8; 4096]),
            StatusCode::UNPROCESSABLE_ENTITY,
            "input_rejected",
        ),
        (
            Request::get("/nowhere")
                .body(Body::empty())
                .expect("request"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
    ];
    for (request, status, code) in cases {
        let (got, content_type, body) = call(Config::default(), request).await;
        assert_eq!(got, status, "{}", String::from_utf8_lossy(&body));
        assert_eq!(content_type, "application/json");
        assert_eq!(error_code(&body), code);
    }
    let small = Config {
        max_body: 1000,
        ..Config::default()
    };
    let (status, _, body) = call(small, post("/v1/extract", "text/plain", seed())).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_code(&body), "body_too_large");
}

#[tokio::test]
async fn a_bad_document_never_fails_the_batch() {
    let lines = [
        serde_json::json!({"id": 1, "text": String::from_utf8(seed()).expect("utf-8")}).to_string(),
        "{broken".to_owned(),
        serde_json::json!({"id": "three", "html": "<p>Short page.</p>"}).to_string(),
        serde_json::json!({"id": 4}).to_string(),
    ];
    let (status, content_type, body) = call(
        Config::default(),
        post(
            "/v1/extract/batch",
            "application/x-ndjson",
            lines.join("\n"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/x-ndjson");
    let out: Vec<serde_json::Value> = body
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("each line is JSON"))
        .collect();
    assert_eq!(out.len(), 4, "one answer per document, in order");
    assert_eq!(out[0]["id"], 1);
    assert!(out[0]["article"]["title"].is_string());
    assert_eq!(out[1]["error"]["code"], "bad_json");
    assert_eq!(out[2]["id"], "three");
    assert_eq!(out[2]["article"]["source"]["format"], "html");
    assert_eq!(out[3]["error"]["code"], "bad_document");
}

#[tokio::test]
async fn healthz() {
    let (status, _, body) = call(
        Config::default(),
        Request::get("/healthz")
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, br#"{"status":"ok"}"#);
}

/// Starts the real binary on port 0, reads the bound address from its log, calls it over TCP,
/// then stops it with SIGTERM.
#[test]
fn the_binary_serves_on_a_loopback_port_and_stops_on_sigterm() {
    let mut child = Command::new(common::binary("copydesk-server"))
        .args(["--addr", "127.0.0.1:0"])
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .expect("server starts");
    let mut log = BufReader::new(child.stderr.take().expect("stderr"));
    let mut addr = None;
    let mut line = String::new();
    while log.read_line(&mut line).expect("log reads") > 0 {
        if let Some(at) = line.find("addr=") {
            addr = line[at + 5..].split_whitespace().next().map(str::to_owned);
            break;
        }
        line.clear();
    }
    let addr = addr.expect("the server logs the address it bound");

    let body = seed();
    let mut stream = TcpStream::connect(&addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "POST /v1/extract HTTP/1.1\r\nHost: {addr}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .expect("writes");
    stream.write_all(&body).expect("writes body");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("reads answer");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"title\": \"Russia says US relations"));

    #[cfg(unix)]
    {
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let exit = child.wait().expect("server exits");
        assert!(exit.success(), "a SIGTERM is a clean stop: {exit}");
    }
    #[cfg(not(unix))]
    {
        let _ = child.kill();
    }
}

/// Requests the server has taken when SIGTERM arrives are all answered before it exits.
#[cfg(unix)]
#[test]
fn sigterm_under_load_loses_no_accepted_request() {
    let server = common::Server::start(&["--workers", "1"]);
    // The largest bundled page, so the requests queue behind one worker.
    let page = std::fs::read(root().join(
        "fixtures/html/aeb-html-3c6d3381ef52ca26be2fbde19c1b0fe17d85682b726dfecf5e300c1ca34546b1.html.gz",
    ))
    .expect("page");
    let addr = server.addr.clone();
    let requests: Vec<_> = (0..16)
        .map(|_| {
            let addr = addr.clone();
            let page = page.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).expect("connects");
                stream
                    .set_read_timeout(Some(Duration::from_secs(60)))
                    .expect("timeout");
                write!(
                    stream,
                    "POST /v1/extract HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    page.len()
                )
                .expect("writes");
                stream.write_all(&page).expect("writes body");
                let mut answer = String::new();
                stream.read_to_string(&mut answer).expect("reads answer");
                answer.lines().next().unwrap_or("").to_owned()
            })
        })
        .collect();
    // Let every connection be accepted and queue, then ask the server to stop.
    std::thread::sleep(Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let statuses: Vec<String> = requests
        .into_iter()
        .map(|r| r.join().expect("request thread"))
        .collect();
    assert!(
        statuses.iter().all(|s| s.starts_with("HTTP/1.1 200")),
        "every accepted request is answered: {statuses:?}"
    );
}

/// The `OpenAPI` document covers every route and the `Article` schema.
#[tokio::test]
async fn openapi_documents_every_route() {
    let get = Request::get("/openapi.json")
        .body(Body::empty())
        .expect("request");
    let (status, content_type, body) = call(Config::default(), get).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    let doc: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(
        doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.1"))
    );
    for path in [
        "/",
        "/v1/extract",
        "/v1/extract/batch",
        "/healthz",
        "/metrics",
        "/openapi.json",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    let schemas = &doc["components"]["schemas"];
    for schema in ["Article", "Quote", "Entity", "ErrorBody", "BatchLine"] {
        assert!(schemas[schema].is_object(), "{schema} schema");
    }
    assert!(schemas["Article"]["properties"]["quotes"].is_object());
}

/// Requests are counted by route and status, and extractions timed.
#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let router = app(Config::default());
    for request in [
        post("/v1/extract", "text/plain", seed()),
        post("/v1/extract", "application/json", "{not json"),
        Request::get("/no/such/route")
            .body(Body::empty())
            .expect("request"),
    ] {
        let _ = router.clone().oneshot(request).await.expect("answers");
    }
    let response = router
        .oneshot(
            Request::get("/metrics")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let text = String::from_utf8(
        to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body")
            .to_vec(),
    )
    .expect("UTF-8");
    for line in [
        r#"copydesk_http_requests_total{route="/v1/extract",status="200"} 1"#,
        r#"copydesk_http_requests_total{route="/v1/extract",status="400"} 1"#,
        r#"copydesk_http_requests_total{route="unmatched",status="404"} 1"#,
        "copydesk_extraction_duration_seconds_count 1",
    ] {
        assert!(text.contains(line), "{line} in\n{text}");
    }
    let bytes = seed().len() + "{not json".len();
    assert!(
        text.contains(&format!(
            r#"copydesk_http_request_body_bytes_total{{route="/v1/extract"}} {bytes}"#
        )),
        "{text}"
    );
}

/// The page is self-contained: no script, style or font from anywhere else.
#[tokio::test]
async fn the_page_is_self_contained() {
    let response = app(Config::default())
        .oneshot(Request::get("/").body(Body::empty()).expect("request"))
        .await
        .expect("answers");
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .expect("a CSP")
        .to_owned();
    assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
    let page = String::from_utf8(
        to_bytes(response.into_body(), 1 << 20)
            .await
            .expect("body")
            .to_vec(),
    )
    .expect("UTF-8");
    assert!(page.contains("<textarea id=\"input\""));
    for external in ["<script src", "<link", "@import", "url(http", "src=\"http"] {
        assert!(!page.contains(external), "{external} in the page");
    }
}

/// Bytes that are not valid in the declared charset give a best-effort article with a warning.
#[tokio::test]
async fn undecodable_bytes_get_a_best_effort_answer_with_a_warning() {
    let mut body =
        b"Big news today\n\nThe council voted on Tuesday to approve the budget ".to_vec();
    body.extend_from_slice(b"\xff\xfe which raises spending on schools across the district.\n");
    let (status, _, answer) = call(
        Config::default(),
        post("/v1/extract", "text/plain; charset=utf-8", body),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let article: serde_json::Value = serde_json::from_slice(&answer).expect("JSON");
    assert!(
        article["text"]
            .as_str()
            .is_some_and(|t| t.contains("approve the budget \u{fffd}")),
        "{article}"
    );
    assert!(
        article["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .any(|w| w.as_str().is_some_and(|w| w.contains("invalid"))),
        "{article}"
    );
}

/// `quotes=false` skips quotes and entities, as a query parameter or a JSON option.
#[tokio::test]
async fn quotes_can_be_switched_off() {
    let (status, _, body) = call(
        Config::default(),
        post("/v1/extract?quotes=false", "text/plain", seed()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let article: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(article["quotes"].as_array().is_some_and(Vec::is_empty));
    assert!(article["entities"].as_array().is_some_and(Vec::is_empty));
    let json = serde_json::json!({
        "text": String::from_utf8(seed()).expect("UTF-8"),
        "options": {"quotes": false}
    });
    let (status, _, body) = call(
        Config::default(),
        post("/v1/extract", "application/json", json.to_string()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let article: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(article["quotes"].as_array().is_some_and(Vec::is_empty));
    let (_, _, body) = call(Config::default(), post("/v1/extract", "text/plain", seed())).await;
    let article: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
    assert!(!article["quotes"].as_array().expect("quotes").is_empty());
}

/// Peak resident memory of a process in KiB, where Linux reports it.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Sends `head` on a new connection, waits, and returns what the server answered (empty if
/// it closed without a word) and how long until it answered or closed.
fn trickle(addr: &str, head: &[u8], wait: Duration) -> (String, Duration) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream.set_read_timeout(Some(wait)).expect("read timeout");
    let started = std::time::Instant::now();
    stream.write_all(head).expect("writes");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn slow_clients_are_cut_off() {
    let server = common::Server::start(&["--read-timeout-ms", "500"]);
    let wait = Duration::from_secs(10);
    // Headers that never finish: the connection is closed.
    let (answer, took) = trickle(
        &server.addr,
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n",
        wait,
    );
    assert!(
        took < Duration::from_secs(5),
        "closed after {took:?}: {answer:?}"
    );
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
    // A connection that says nothing at all.
    let (_, took) = trickle(&server.addr, b"", wait);
    assert!(
        took < Duration::from_secs(5),
        "idle connection kept {took:?}"
    );
    // A body that never finishes: 408 with a JSON code.
    let (answer, took) = trickle(
        &server.addr,
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nOnly the first words",
        wait,
    );
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("\"slow_body\""), "{answer}");
    // The server is still well.
    let (answer, _) = trickle(
        &server.addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        wait,
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn oversized_headers_are_refused() {
    let server = common::Server::start(&["--max-header-bytes", "16384"]);
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(100_000)
    );
    let (answer, _) = trickle(&server.addr, head.as_bytes(), Duration::from_secs(10));
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer:.80}");
    // Headers within the limit are served.
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(8_000)
    );
    let (answer, _) = trickle(&server.addr, head.as_bytes(), Duration::from_secs(10));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.80}");
}

#[test]
fn a_burst_of_a_thousand_requests_is_answered_or_shed() {
    let server = common::Server::start(&["--workers", "1", "--max-in-flight", "32"]);
    let body = seed();
    let request = {
        let mut r = format!(
            "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(&body);
        std::sync::Arc::new(r)
    };
    let clients: Vec<_> = (0..1000)
        .map(|_| {
            let (addr, request) = (server.addr.clone(), request.clone());
            std::thread::Builder::new()
                .stack_size(64 << 10)
                .spawn(move || trickle(&addr, &request, Duration::from_secs(120)).0)
                .expect("client thread")
        })
        .collect();
    let answers: Vec<String> = clients
        .into_iter()
        .map(|c| c.join().expect("client"))
        .collect();
    let ok = answers
        .iter()
        .filter(|a| a.starts_with("HTTP/1.1 200"))
        .count();
    let shed = answers
        .iter()
        .filter(|a| a.starts_with("HTTP/1.1 503") && a.contains("\"overloaded\""))
        .count();
    eprintln!("burst of 1000: {ok} answered, {shed} shed with 503");
    assert_eq!(ok + shed, 1000, "every request is answered or shed");
    assert!(ok >= 32, "the admitted ones are answered: {ok}");
    let peak = peak_rss_kib(server.child.id()).expect("the server's memory");
    eprintln!("server peak RSS {} MiB", peak >> 10);
    assert!(peak < 512 << 10, "server peak RSS {peak} KiB");
    let (answer, _) = trickle(
        &server.addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(10),
    );
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
