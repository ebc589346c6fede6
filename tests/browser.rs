//! The page at `/`, driven in a real headless browser (Debian's `chromium` through
//! `chromedriver`): paste the seed article, press Extract, and find its headline and a quote's
//! speaker on the page.
//!
//! Without chromedriver on the machine the test says so and passes, unless
//! `COPYDESK_REQUIRE_BROWSER=1` (set by CI, which installs both), where it fails instead.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

mod common;
use common::{Server, root};

/// A chromedriver on a free port, killed when dropped.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Option<Driver> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Wait until it listens.
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver(child, port))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_extracts_a_pasted_article_and_shows_who_is_quoted() {
    let Some(driver) = chromedriver() else {
        assert!(
            std::env::var_os("COPYDESK_REQUIRE_BROWSER").is_none(),
            "COPYDESK_REQUIRE_BROWSER is set but chromedriver is not installed"
        );
        eprintln!(
            "skipped: chromedriver is not installed (apt-get install chromium chromium-driver)"
        );
        return;
    };
    let server = Server::start(&[]);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        serde_json::json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a browser session");

    client
        .goto(&format!("http://{}/", server.addr))
        .await
        .expect("the page loads");
    let seed = std::fs::read_to_string(root().join("fixtures/text/foxnews-russia-us-brink.txt"))
        .expect("seed");
    // Paste: set the textarea's value as a paste would, then fire its input event.
    client
        .execute(
            "const t = document.getElementById('input'); t.value = arguments[0]; \
             t.dispatchEvent(new Event('input')); return t.value.length;",
            vec![serde_json::Value::String(seed.clone())],
        )
        .await
        .expect("pastes");
    client
        .find(Locator::Id("go"))
        .await
        .expect("the Extract button")
        .click()
        .await
        .expect("clicks");

    let headline = client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("headline"))
        .await
        .expect("a headline appears")
        .text()
        .await
        .expect("headline text");
    assert_eq!(
        headline,
        "Russia says US relations 'on the brink of a breakup,' won't confirm Trump-Putin talk"
    );
    let speakers = client
        .find_all(Locator::Css("#quotes .speaker"))
        .await
        .expect("quote speakers");
    let mut names = Vec::new();
    for s in speakers {
        names.push(s.text().await.expect("speaker text"));
    }
    assert!(
        names.iter().any(|n| n.starts_with("Sergei Ryabkov")),
        "speakers on the page: {names:?}"
    );
    // The quote is highlighted in the body with its speaker as the tooltip.
    let marks = client
        .find_all(Locator::Css("#body mark.q"))
        .await
        .expect("highlighted quotes");
    assert!(!marks.is_empty(), "quotes are highlighted in the body");
    let removed = client
        .find(Locator::Id("removed"))
        .await
        .expect("the removed section")
        .text()
        .await
        .expect("text");
    assert!(
        removed.contains("related"),
        "what was removed is listed: {removed}"
    );
    client.close().await.expect("session closes");
    drop(server);
}
