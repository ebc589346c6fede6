//! Helpers shared by the end-to-end tests: the workspace root, the built binaries and a
//! running server. Each test crate uses some of them.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Builds the workspace's binaries once (a tests crate cannot name another package's binary)
/// and returns the path of `name`.
pub fn binary(name: &str) -> PathBuf {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args([
                "build",
                "--quiet",
                "-p",
                "copydesk-cli",
                "-p",
                "copydesk-server",
            ])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the binaries failed");
    });
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from);
    target
        .join("debug")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// A `copydesk-server` started on a free loopback port; killed when dropped.
pub struct Server {
    /// The running process.
    pub child: Child,
    /// The address it bound, `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts the real binary on port 0 and reads the bound address from its log.
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(binary("copydesk-server"))
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
            .env("RUST_LOG", "info")
            .stderr(Stdio::piped())
            .spawn()
            .expect("server starts");
        let mut log = BufReader::new(child.stderr.take().expect("stderr"));
        let mut line = String::new();
        let mut addr = None;
        while log.read_line(&mut line).expect("log reads") > 0 {
            if let Some(at) = line.find("addr=") {
                addr = line[at + 5..].split_whitespace().next().map(str::to_owned);
                break;
            }
            line.clear();
        }
        // Keep draining the log so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = String::new();
            while log.read_line(&mut sink).is_ok_and(|n| n > 0) {
                sink.clear();
            }
        });
        let addr = addr.expect("the server logs the address it bound");
        Self { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
