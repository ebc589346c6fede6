//! Prometheus metrics: requests by route and status, latency, bytes in, extraction time.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};

/// Labels of a finished request.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteStatus {
    route: String,
    status: u16,
}

/// Labels of a route.
#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    route: String,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

/// Buckets from 0.5 ms to about 16 s, doubling.
fn seconds() -> Histogram {
    Histogram::new(exponential_buckets(0.0005, 2.0, 16))
}

/// The server's metrics and the registry that prints them.
#[derive(Debug)]
pub(crate) struct Metrics {
    registry: Registry,
    requests: Family<RouteStatus, Counter>,
    latency: HistogramFamily<Route>,
    bytes_in: Family<Route, Counter>,
    extraction: Histogram,
}

impl Metrics {
    /// Registers every metric under the `copydesk` prefix.
    pub(crate) fn new() -> Self {
        let mut registry = Registry::with_prefix("copydesk");
        let requests = Family::<RouteStatus, Counter>::default();
        let latency = HistogramFamily::<Route>::new_with_constructor(seconds);
        let bytes_in = Family::<Route, Counter>::default();
        let extraction = seconds();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route and status",
            requests.clone(),
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time from request to response head, by route",
            Unit::Seconds,
            latency.clone(),
        );
        registry.register_with_unit(
            "http_request_body",
            "Request body bytes received, by route",
            Unit::Bytes,
            bytes_in.clone(),
        );
        registry.register_with_unit(
            "extraction_duration",
            "Time spent in one extraction on the blocking pool",
            Unit::Seconds,
            extraction.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            bytes_in,
            extraction,
        }
    }

    /// Counts one answered request.
    pub(crate) fn request(&self, route: &str, status: u16, bytes_in: u64, elapsed: Duration) {
        let route = route.to_owned();
        self.requests
            .get_or_create(&RouteStatus {
                route: route.clone(),
                status,
            })
            .inc();
        let route = Route { route };
        self.latency
            .get_or_create(&route)
            .observe(elapsed.as_secs_f64());
        self.bytes_in.get_or_create(&route).inc_by(bytes_in);
    }

    /// Records one extraction's duration.
    pub(crate) fn extraction(&self, elapsed: Duration) {
        self.extraction.observe(elapsed.as_secs_f64());
    }

    /// The metrics in the `OpenMetrics` text format.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
