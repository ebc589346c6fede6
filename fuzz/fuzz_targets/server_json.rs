//! Fuzzes the server's JSON request bodies: `/v1/extract` with `application/json` and the
//! NDJSON batch route. Any body must get an answer, never a panic.
#![no_main]

use std::sync::LazyLock;

use axum::body::{Body, to_bytes};
use axum::http::{Request, header};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime")
});

static APP: LazyLock<axum::Router> =
    LazyLock::new(|| copydesk_server::app(copydesk_server::Config::default()));

fuzz_target!(|data: &[u8]| {
    let (batch, body) = match data.split_first() {
        Some((first, rest)) => (first & 1 == 1, rest),
        None => (false, data),
    };
    let (path, content_type) = if batch {
        ("/v1/extract/batch", "application/x-ndjson")
    } else {
        ("/v1/extract", "application/json")
    };
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_vec()))
        .expect("request builds");
    RUNTIME.block_on(async {
        let response = APP.clone().oneshot(request).await.expect("infallible");
        assert_ne!(response.status(), 500, "a body made the server fail");
        let _ = to_bytes(response.into_body(), usize::MAX).await;
    });
});
