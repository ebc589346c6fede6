//! Options that steer extraction, with their defaults.

/// How to read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Sniff: HTML if it looks like markup, plain text otherwise.
    #[default]
    Auto,
    /// Always parse as HTML.
    Html,
    /// Always read as plain text.
    Text,
}

/// Options for [`extract`](crate::extract).
#[derive(Debug, Clone)]
pub struct Options {
    /// How to read the input (default: sniff).
    pub input: InputFormat,
    /// The page's URL, used to resolve links and reported in `source.url`.
    pub url: Option<String>,
    /// The input's file path, reported in `source.path`.
    pub path: Option<String>,
    /// The caller's id for the input, reported in `source.id`.
    pub id: Option<String>,
    /// The `WARC-Record-ID` of the record the input came from, reported in `source.warc_record_id`.
    pub warc_record_id: Option<String>,
    /// A charset declared outside the document (an HTTP `Content-Type`), used before the
    /// document's own declaration; a BOM still wins.
    pub charset: Option<String>,
    /// Largest input accepted, in bytes (default 64 MiB); larger gives [`Error::InputTooLarge`](crate::Error::InputTooLarge).
    pub max_input_bytes: usize,
    /// Largest size a gzip input may inflate to (default 64 MiB); larger gives
    /// [`Error::DecompressedTooLarge`](crate::Error::DecompressedTooLarge).
    pub max_decompressed_bytes: usize,
    /// Longest block kept whole, in bytes (default 1 MiB); longer blocks are cut with a warning.
    pub max_block_bytes: usize,
    /// Deepest HTML nesting read (default 512): tags nested deeper are left out and their
    /// text kept, with a warning.
    pub max_depth: usize,
    /// Most HTML elements read (default 500,000): the page is cut there, with a warning.
    pub max_elements: usize,
    /// Most attributes on one HTML tag (default 256): a tag with more keeps only its name,
    /// with a warning.
    pub max_attributes: usize,
    /// Most blocks (paragraphs, headings, list items, ...) read from one page (default
    /// 50,000): the work budget of every stage after parsing. The rest is dropped, with a
    /// warning.
    pub max_blocks: usize,
    /// Find quotes with their speakers and the people, organisations and places named
    /// (default on); off leaves `quotes` and `entities` empty.
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            input: InputFormat::Auto,
            url: None,
            path: None,
            id: None,
            warc_record_id: None,
            charset: None,
            max_input_bytes: 64 << 20,
            max_decompressed_bytes: 64 << 20,
            max_block_bytes: 1 << 20,
            max_depth: 512,
            max_elements: 500_000,
            max_attributes: 256,
            max_blocks: 50_000,
            annotate: true,
        }
    }
}
