//! The core's one error type.

/// Why an input could not be turned into an [`Article`](crate::Article).
///
/// "No article found" is not an error: it is an empty body with a warning.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    InputTooLarge {
        /// Size of the input.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The gzip stream inflates past [`Options::max_decompressed_bytes`](crate::Options::max_decompressed_bytes).
    #[error("gzip input inflates past the limit of {limit} bytes")]
    DecompressedTooLarge {
        /// The limit in force.
        limit: usize,
    },
    /// The gzip stream is corrupt.
    #[error("gzip input is corrupt: {0}")]
    Gzip(#[source] std::io::Error),
    /// The input is binary data, not text or HTML.
    #[error("input looks binary, not text or HTML ({reason})")]
    Binary {
        /// What gave it away.
        reason: &'static str,
    },
}
