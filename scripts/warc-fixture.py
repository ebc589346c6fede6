#!/usr/bin/env python3
"""Writes fixtures/warc/sample.warc.gz, the small WARC file the CLI tests read.

One gzip member per record, as Common Crawl writes them: a warcinfo, a request, two HTML
responses (one ISO-8859-1 with accented text, its charset given only in the HTTP
Content-Type; one UTF-8 with relative links), an image response and a metadata record.
The output is byte-for-byte reproducible (gzip mtime 0). Run from anywhere:

    python3 scripts/warc-fixture.py
"""

import gzip
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "warc" / "sample.warc.gz"
DATE = "2024-05-01T12:00:00Z"


def record(kind, uuid, content, uri=None, content_type=None):
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Date: {DATE}",
        f"WARC-Record-ID: <urn:uuid:{uuid}>",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    headers.append(f"Content-Length: {len(content)}")
    block = ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + content + b"\r\n\r\n"
    return gzip.compress(block, mtime=0)


def http(status, content_type, body):
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


LATIN1_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><title>Le café de la gare rouvre | Journal de Lyon</title></head>
<body>
<nav><a href="/">Accueil</a> <a href="/ville">Ville</a></nav>
<article>
<h1>Le café de la gare rouvre</h1>
<p>Après trois années de travaux, le café de la gare a rouvert ses portes mardi matin, à la grande joie des habitués du quartier.</p>
<p>Les nouveaux gérants ont gardé le comptoir en zinc et les banquettes rouges, mais la carte a été entièrement renouvelée, a précisé la propriétaire.</p>
<p>« Nous voulions que les anciens clients s'y retrouvent », a-t-elle expliqué devant une foule venue déguster le premier café.</p>
</article>
</body></html>
""".encode("iso-8859-1")

UTF8_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Bridge opens after three years | City News</title><meta property="og:image" content="/img/bridge.jpg"></head>
<body>
<article>
<h1>Bridge opens after three years</h1>
<figure><img src="/img/bridge.jpg" alt="The new bridge"><figcaption>The new bridge at dawn.</figcaption></figure>
<p>The new bridge over the river opened on Tuesday after three years of work, the mayor said at a ceremony attended by hundreds of residents.</p>
<p>Engineers said the span, which cost €120 million, will carry 40,000 vehicles a day and cut the commute across town by a quarter of an hour.</p>
<p>Read more in our <a href="/transport">transport section</a>.</p>
</article>
</body></html>
""".encode("utf-8")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def main():
    members = [
        record(
            "warcinfo",
            "00000000-0000-4000-8000-000000000001",
            b"software: copydesk fixture\r\nformat: WARC File Format 1.0\r\n",
            content_type="application/warc-fields",
        ),
        record(
            "request",
            "00000000-0000-4000-8000-000000000002",
            b"GET /ville/cafe HTTP/1.1\r\nHost: journal.example.fr\r\n\r\n",
            uri="https://journal.example.fr/ville/cafe",
            content_type="application/http; msgtype=request",
        ),
        record(
            "response",
            "00000000-0000-4000-8000-000000000003",
            http("200 OK", "text/html; charset=iso-8859-1", LATIN1_PAGE),
            uri="https://journal.example.fr/ville/cafe",
            content_type="application/http; msgtype=response",
        ),
        record(
            "response",
            "00000000-0000-4000-8000-000000000004",
            http("200 OK", "image/png", PNG),
            uri="https://news.example.com/img/bridge.jpg",
            content_type="application/http; msgtype=response",
        ),
        record(
            "response",
            "00000000-0000-4000-8000-000000000005",
            http("200 OK", "text/html", UTF8_PAGE),
            uri="https://news.example.com/2024/05/bridge-opens",
            content_type="application/http; msgtype=response",
        ),
        record(
            "metadata",
            "00000000-0000-4000-8000-000000000006",
            b"fetchTimeMs: 120\r\n",
            uri="https://news.example.com/2024/05/bridge-opens",
            content_type="application/warc-fields",
        ),
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(b"".join(members))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(members)} records)")


if __name__ == "__main__":
    main()
