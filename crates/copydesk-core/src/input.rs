//! Stage 1, input: bytes to decoded text, with gzip, charset and HTML-or-text sniffing.

use std::borrow::Cow;
use std::io::Read;

use crate::{Error, Format, InputFormat, Options};

/// Decoded input, ready for the `html` or `text` stage.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The document as UTF-8 text, borrowed from the input where it already was.
    pub text: Cow<'a, str>,
    /// Whether to read it as HTML or as text.
    pub format: Format,
    /// Problems met while decoding.
    pub warnings: Vec<String>,
}

/// Decompresses, decodes and sniffs raw input bytes.
///
/// # Errors
///
/// Input over the size limits, corrupt gzip, and binary data.
pub fn decode<'a>(bytes: &'a [u8], options: &Options) -> Result<Decoded<'a>, Error> {
    if bytes.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            size: bytes.len(),
            limit: options.max_input_bytes,
        });
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let inflated = gunzip(bytes, options.max_decompressed_bytes)?;
        let decoded = decode_plain(&inflated, options)?;
        return Ok(Decoded {
            text: Cow::Owned(decoded.text.into_owned()),
            format: decoded.format,
            warnings: decoded.warnings,
        });
    }
    decode_plain(bytes, options)
}

/// [`decode`] for bytes that are not compressed.
fn decode_plain<'a>(bytes: &'a [u8], options: &Options) -> Result<Decoded<'a>, Error> {
    let mut warnings = Vec::new();
    check_binary(bytes)?;
    let format = match options.input {
        InputFormat::Html => Format::Html,
        InputFormat::Text => Format::Text,
        InputFormat::Auto => sniff(bytes),
    };
    let (mut text, lossy) = decode_charset(bytes, format, options.charset.as_deref());
    if lossy {
        warnings.push("input has bytes invalid in its charset; they were replaced".to_owned());
    }
    if text.contains('\0') {
        text = Cow::Owned(text.replace('\0', ""));
    }
    Ok(Decoded {
        text,
        format,
        warnings,
    })
}

/// Inflates a gzip stream, refusing to grow past `limit` bytes.
fn gunzip(bytes: &[u8], limit: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(limit as u64 + 1);
    reader.read_to_end(&mut out).map_err(Error::Gzip)?;
    if out.len() > limit {
        return Err(Error::DecompressedTooLarge { limit });
    }
    Ok(out)
}

/// Refuses input that is clearly not text: many control bytes near the start.
fn check_binary(bytes: &[u8]) -> Result<(), Error> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return Ok(()); // UTF-16 with a BOM is text.
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b) || b == 0x7f)
        .count();
    if !head.is_empty() && control * 10 > head.len() {
        return Err(Error::Binary {
            reason: "over 10% control bytes",
        });
    }
    Ok(())
}

/// Guesses whether bytes are HTML: markup near the start.
pub(crate) fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = head.trim_start_matches('\u{feff}').trim_start();
    let markers = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<!--",
        "<div",
        "<p>",
        "<article",
        "<title",
    ];
    if markers.iter().any(|m| start.starts_with(m)) {
        return Format::Html;
    }
    let tags = ["<p>", "<div", "<br", "</a>", "<html", "<body", "<span"]
        .iter()
        .filter(|t| head.contains(*t))
        .count();
    if tags >= 2 {
        Format::Html
    } else {
        Format::Text
    }
}

/// Decodes bytes by BOM, declared charset (HTML) or detection; returns whether any byte was malformed.
fn decode_charset<'a>(
    bytes: &'a [u8],
    format: Format,
    transport: Option<&str>,
) -> (Cow<'a, str>, bool) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, lossy) = encoding.decode(bytes);
        return (text, lossy);
    }
    if let Some(encoding) =
        transport.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
    {
        let (text, _, lossy) = encoding.decode(bytes);
        return (text, lossy);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), false);
    }
    let declared = if format == Format::Html {
        declared_charset(bytes)
    } else {
        None
    };
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    });
    let (text, _, lossy) = encoding.decode(bytes);
    (text, lossy && encoding == encoding_rs::UTF_8)
}

/// Finds a `<meta charset>` or http-equiv content-type charset in the first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    // A page that declares UTF-8 but is not valid UTF-8 declares wrongly: detect instead.
    (encoding != encoding_rs::UTF_8).then_some(encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_and_text() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff(b"  <html lang=en>"), Format::Html);
        assert_eq!(
            sniff(b"Headline\n\nBy Someone\n\nA paragraph <3 you."),
            Format::Text
        );
    }

    #[test]
    fn a_transport_charset_is_honoured() {
        let options = Options {
            charset: Some("windows-1251".to_owned()),
            ..Options::default()
        };
        let decoded = decode(b"\xcc\xee\xf1\xea\xe2\xe0", &options).expect("decodes");
        assert_eq!(decoded.text, "Москва");
    }

    #[test]
    fn decodes_latin1_declared_in_meta() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let decoded = decode(page, &Options::default()).expect("decodes");
        assert!(decoded.text.contains("café"));
    }

    #[test]
    fn detects_windows_1251_without_declaration() {
        let (text, _, _) =
            encoding_rs::WINDOWS_1251.encode("Москва — столица России, крупнейший город страны.");
        let decoded = decode(&text, &Options::default()).expect("decodes");
        assert!(decoded.text.starts_with("Москва"), "{}", decoded.text);
    }

    #[test]
    fn inflates_gzip_within_limit_and_refuses_bombs() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&vec![b'a'; 10_000]).expect("write");
        let gz = enc.finish().expect("finish");
        let options = Options {
            max_decompressed_bytes: 1000,
            ..Options::default()
        };
        assert!(matches!(
            decode(&gz, &options),
            Err(Error::DecompressedTooLarge { limit: 1000 })
        ));
        assert_eq!(
            decode(&gz, &Options::default())
                .expect("inflates")
                .text
                .len(),
            10_000
        );
    }

    #[test]
    fn refuses_binary_and_oversized_input() {
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 4, 5, 6, 7], &Options::default()),
            Err(Error::Binary { .. })
        ));
        let options = Options {
            max_input_bytes: 4,
            ..Options::default()
        };
        assert!(matches!(
            decode(b"hello", &options),
            Err(Error::InputTooLarge { size: 5, limit: 4 })
        ));
    }
}
