"""Tests of the Indonesian formatting helpers."""

from __future__ import annotations

from datetime import date

import pytest

from generator.formatting import (
    PANGKAT,
    MonthYear,
    NipParts,
    canonical_pangkat,
    clean_lines,
    clean_text,
    count_words,
    diktum_ordinal,
    format_date,
    format_nip,
    invalid_xml_chars,
    join_words,
    letter_label,
    normalize_golongan,
    normalize_nip,
    number_words,
    pangkat_for,
    pangkat_matches,
    parse_date_text,
    parse_month_year,
    parse_nip,
    split_number_label,
)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2020, 5, 29), "29 Mei 2020"),
        (date(2021, 1, 1), "1 Januari 2021"),
        (date(2020, 2, 29), "29 Februari 2020"),
        (date(2019, 8, 17), "17 Agustus 2019"),
        (date(2020, 11, 9), "9 November 2020"),
        (date(2020, 12, 31), "31 Desember 2020"),
    ],
)
def test_format_date(d: date, expected: str) -> None:
    assert format_date(d) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 Mei 2020", date(2020, 5, 29)),
        ("29 mei 2020", date(2020, 5, 29)),
        ("  29\u00a0MEI  2020 ", date(2020, 5, 29)),
        ("29-05-2020", date(2020, 5, 29)),
        ("29/05/2020", date(2020, 5, 29)),
        ("29.05.2020", date(2020, 5, 29)),
        ("1/2/2020", date(2020, 2, 1)),
        ("2020-05-29", date(2020, 5, 29)),
        ("29 May 2020", date(2020, 5, 29)),
        ("17 August 2019", date(2019, 8, 17)),
        ("17 Agustus 2019", date(2019, 8, 17)),
        ("17 Agt 2019", date(2019, 8, 17)),
        ("17 Agu 2019", date(2019, 8, 17)),
        ("17 Ags. 2019", date(2019, 8, 17)),
        ("17 Aug 2019", date(2019, 8, 17)),
        ("10 Nop 2020", date(2020, 11, 10)),
        ("10 Nopember 2020", date(2020, 11, 10)),
        ("10 Nov 2020", date(2020, 11, 10)),
        ("25 Des 2020", date(2020, 12, 25)),
        ("25 Dec 2020", date(2020, 12, 25)),
        ("5 Okt 2020", date(2020, 10, 5)),
        ("5 Oct 2020", date(2020, 10, 5)),
        ("3 Peb 2020", date(2020, 2, 3)),
        ("3 Pebruari 2020", date(2020, 2, 3)),
        ("3 Feb 2020", date(2020, 2, 3)),
        ("29-Mei-2020", date(2020, 5, 29)),
        ("29 Februari 2020", date(2020, 2, 29)),
    ],
)
def test_parse_date_text_accepts(text: str, expected: date) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31 Februari 2020",
        "29 Februari 2021",
        "31/04/2020",
        "32 Mei 2020",
        "0 Mei 2020",
        "29-13-2020",
        "2020-02-30",
        "29 Bulan 2020",
        "29 Mei",
        "29/05/20",
        "29-05/2020",
        "Mei 2020",
        "kemarin",
    ],
)
def test_parse_date_text_rejects(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "nol"),
        (1, "satu"),
        (3, "tiga"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (12, "dua belas"),
        (20, "dua puluh"),
        (33, "tiga puluh tiga"),
        (100, "seratus"),
        (111, "seratus sebelas"),
        (1000, "seribu"),
        (2020, "dua ribu dua puluh"),
    ],
)
def test_number_words(n: int, expected: str) -> None:
    assert number_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (3, "3 (tiga)"),
        (11, "11 (sebelas)"),
        (33, "33 (tiga puluh tiga)"),
        (1000, "1.000 (seribu)"),
    ],
)
def test_count_words(n: int, expected: str) -> None:
    assert count_words(n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "KESATU"),
        (2, "KEDUA"),
        (3, "KETIGA"),
        (4, "KEEMPAT"),
        (9, "KESEMBILAN"),
        (10, "KESEPULUH"),
        (11, "KESEBELAS"),
        (12, "KEDUA BELAS"),
        (19, "KESEMBILAN BELAS"),
        (20, "KEDUA PULUH"),
        (21, "KEDUA PULUH SATU"),
        (29, "KEDUA PULUH SEMBILAN"),
        (30, "KETIGA PULUH"),
    ],
)
def test_diktum_ordinal(n: int, expected: str) -> None:
    assert diktum_ordinal(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_diktum_ordinal_rejects_non_positive(n: int) -> None:
    with pytest.raises(ValueError):
        diktum_ordinal(n)


@pytest.mark.parametrize(
    ("index", "expected"),
    [(1, "a."), (2, "b."), (26, "z."), (27, "aa."), (28, "ab."), (52, "az."), (53, "ba.")],
)
def test_letter_label(index: int, expected: str) -> None:
    assert letter_label(index) == expected


@pytest.mark.parametrize("index", [0, -3])
def test_letter_label_rejects_non_positive(index: int) -> None:
    with pytest.raises(ValueError):
        letter_label(index)


@pytest.mark.parametrize(
    ("items", "conjunction", "serial_comma", "expected"),
    [
        ([], "dan", True, ""),
        (["A"], "dan", True, "A"),
        (["A", "B"], "dan", True, "A dan B"),
        (["A", "B"], "dan", False, "A dan B"),
        (["A", "B", "C"], "dan", True, "A, B, dan C"),
        (["A", "B", "C"], "dan", False, "A, B dan C"),
        (("A", "B", "C", "D"), "serta", True, "A, B, C, serta D"),
        (["A", "B"], "atau", True, "A atau B"),
        (["A", "B", "C"], "atau", False, "A, B atau C"),
    ],
)
def test_join_words(items: list[str], conjunction: str, serial_comma: bool, expected: str) -> None:
    assert join_words(items, conjunction, serial_comma) == expected


def test_join_words_defaults_to_dan_with_serial_comma() -> None:
    assert join_words(["A", "B", "C"]) == "A, B, dan C"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("196611241992031005", "196611241992031005"),
        ("19661124 199203 1 005", "196611241992031005"),
        ("19661124.199203.1.005", "196611241992031005"),
        ("19661124-199203-1-005", "196611241992031005"),
        (" 19661124\u00a0199203 1 005\t", "196611241992031005"),
        ("NIP. 19661124 199203 1 005", "196611241992031005"),
        ("nip: 196611241992031005", "196611241992031005"),
        ("1966112419920310O5", "1966112419920310O5"),
        ("", ""),
    ],
)
def test_normalize_nip(text: str, expected: str) -> None:
    assert normalize_nip(text) == expected


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("196611241992031005", "19661124 199203 1 005"),
        ("19661124 199203 1 005", "19661124 199203 1 005"),
        ("19661124  1992031005", "19661124 199203 1 005"),
        ("NIP. 196611241992031005", "19661124 199203 1 005"),
        ("12345", "12345"),
        (" 1966112419920310O5 ", "1966112419920310O5"),
    ],
)
def test_format_nip(nip: str, expected: str) -> None:
    assert format_nip(nip) == expected


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        (
            "196611241992031005",
            NipParts(date(1966, 11, 24), date(1992, 3, 1), "1", "005"),
        ),
        (
            "19851231 201001 2 017",
            NipParts(date(1985, 12, 31), date(2010, 1, 1), "2", "017"),
        ),
        (
            "198513311992131001",
            NipParts(None, None, "1", "001"),
        ),
        (
            "198502291992001001",
            NipParts(None, None, "1", "001"),
        ),
        ("19661124199203100", None),
        ("1966112419920310055", None),
        ("1966112419920310O5", None),
        ("", None),
    ],
)
def test_parse_nip(nip: str, expected: NipParts | None) -> None:
    assert parse_nip(nip) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IV/b", "IV/b"),
        ("iv/b", "IV/b"),
        ("IV/B", "IV/b"),
        ("IV b", "IV/b"),
        ("IV-b", "IV/b"),
        ("IV.b", "IV/b"),
        ("IVb", "IV/b"),
        (" IV / b ", "IV/b"),
        ("4b", "IV/b"),
        ("4/b", "IV/b"),
        ("Gol. IV/b", "IV/b"),
        ("I/a", "I/a"),
        ("II/c", "II/c"),
        ("iii/d", "III/d"),
        ("3a", "III/a"),
        ("IV/e", "IV/e"),
        ("I/e", None),
        ("III/e", None),
        ("IV/f", None),
        ("V/a", None),
        ("5a", None),
        ("IV", None),
        ("", None),
        ("Pembina", None),
    ],
)
def test_normalize_golongan(text: str, expected: str | None) -> None:
    assert normalize_golongan(text) == expected


@pytest.mark.parametrize(
    ("golongan", "expected"),
    [
        ("I/a", "Juru Muda"),
        ("I/d", "Juru Tingkat I"),
        ("II/b", "Pengatur Muda Tingkat I"),
        ("III/a", "Penata Muda"),
        ("III/d", "Penata Tingkat I"),
        ("IV/a", "Pembina"),
        ("IV/b", "Pembina Tingkat I"),
        ("4c", "Pembina Utama Muda"),
        ("IV/d", "Pembina Utama Madya"),
        ("IV/e", "Pembina Utama"),
        ("IV/f", None),
        ("", None),
    ],
)
def test_pangkat_for(golongan: str, expected: str | None) -> None:
    assert pangkat_for(golongan) == expected


def test_pangkat_table_is_complete() -> None:
    expected = [f"{g}/{r}" for g in ("I", "II", "III") for r in "abcd"] + [
        f"IV/{r}" for r in "abcde"
    ]
    assert list(PANGKAT) == expected
    assert len(set(PANGKAT.values())) == len(PANGKAT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pembina Tk.I", "Pembina Tingkat I"),
        ("Pembina Tk. I", "Pembina Tingkat I"),
        ("Pembina Tingkat 1", "Pembina Tingkat I"),
        ("Pembina Tk.1", "Pembina Tingkat I"),
        ("PEMBINA TK I", "Pembina Tingkat I"),
        ("Pembina Tingkat I", "Pembina Tingkat I"),
        ("  pembina\u00a0 tingkat i ", "Pembina Tingkat I"),
        ("Penata Muda Tk.I", "Penata Muda Tingkat I"),
        ("Penata Muda", "Penata Muda"),
        ("Pembina", "Pembina"),
        ("Pembina Utama Muda", "Pembina Utama Muda"),
        ("Pembina Utama", "Pembina Utama"),
        ("Juru Tk.I", "Juru Tingkat I"),
        ("Pengatur Muda Tk I", "Pengatur Muda Tingkat I"),
        ("Pembina Tk.II", None),
        ("Pembina Utama Tk.I", None),
        ("Kepala", None),
        ("", None),
    ],
)
def test_canonical_pangkat(text: str, expected: str | None) -> None:
    assert canonical_pangkat(text) == expected


@pytest.mark.parametrize(
    ("pangkat", "golongan", "expected"),
    [
        ("Pembina Tk.I", "IV/b", True),
        ("Pembina Tingkat I", "iv b", True),
        ("Pembina", "IV/a", True),
        ("Penata Muda Tk.I", "III/b", True),
        ("Pembina", "IV/b", False),
        ("Pembina Tk.I", "IV/a", False),
        ("Pembina Tk.I", "IV/f", False),
        ("Kepala", "IV/b", False),
        ("", "", False),
    ],
)
def test_pangkat_matches(pangkat: str, golongan: str, expected: bool) -> None:
    assert pangkat_matches(pangkat, golongan) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kecamatan Sale", "Kecamatan Sale"),
        ("  Kecamatan   Sale  ", "Kecamatan Sale"),
        ("Kecamatan\u00a0Sale", "Kecamatan Sale"),
        ("Kecamatan\u202fSale", "Kecamatan Sale"),
        ("Kecamatan\tSale", "Kecamatan Sale"),
        ("Kecamatan\nSale", "Kecamatan Sale"),
        ("Kecamatan\r\n Sale", "Kecamatan Sale"),
        ("Keca\u200bmatan Sale\u200b", "Kecamatan Sale"),
        ("\ufeffKecamatan Sale", "Kecamatan Sale"),
        ("\u00a0\t\n", ""),
        ("", ""),
    ],
)
def test_clean_text(value: str, expected: str) -> None:
    assert clean_text(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kecamatan Sale", []),
        ("tab\tnewline\ncr\r", []),
        ("bell\x07", ["U+0007"]),
        ("\x00null", ["U+0000"]),
        ("\x08\x0b\x0c\x0e\x1f", ["U+0008", "U+000B", "U+000C", "U+000E", "U+001F"]),
        ("a\x07b\x07c", ["U+0007"]),
        ("\ufffe\uffff", ["U+FFFE", "U+FFFF"]),
        ("lone \ud800 surrogate", ["U+D800"]),
        ("\udfff", ["U+DFFF"]),
        ("Sale \U0001f600 \ufffd \u00e9", []),
    ],
)
def test_invalid_xml_chars(text: str, expected: list[str]) -> None:
    assert invalid_xml_chars(text) == expected


# --- decree number, drafting dates, lines (issue 10) ----------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("NOMOR : 067.2 / 932 / 2015", ("NOMOR :", "067.2 / 932 / 2015")),
        ("Nomor : 188 / / 427.95 / 2021", ("Nomor :", "188 / / 427.95 / 2021")),
        ("NOMOR 890 /   /2020", ("NOMOR", "890 /   /2020")),
        ("890 /\u00a0\u00a0/2020", ("NOMOR", "890 /\u00a0\u00a0/2020")),
        ("Nomor: 12/2020", ("Nomor:", "12/2020")),
        ("No. 12/2020", ("No.", "12/2020")),
        (": 1/2020", ("NOMOR :", "1/2020")),
        ("NOMOR", ("NOMOR", "")),
        ("Nomorator 5", ("NOMOR", "Nomorator 5")),
    ],
)
def test_split_number_label_keeps_the_label_as_written(written, expected):
    assert split_number_label(written) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Februari 2021", MonthYear(2021, 2)),
        ("pebruari 2021", MonthYear(2021, 2)),
        ("Sept. 2020", MonthYear(2020, 9)),
        ("..... Mei 2020", MonthYear(2020, 5)),
        ("___ Mei 2020", MonthYear(2020, 5)),
        ("29 Mei 2020", None),
        ("Mei", None),
        ("Bulan 2020", None),
    ],
)
def test_month_and_year_without_a_day(text, expected):
    assert parse_month_year(text) == expected


def test_month_year_prints_in_indonesian():
    assert str(MonthYear(2021, 2)) == "Februari 2021"
    assert str(MonthYear(2020, 11)) == "November 2020"


def test_clean_lines_keeps_breaks_and_tidies_each_line():
    assert clean_lines(" a.n. CAMAT\u00a0SALE \r\n\n  Sekretaris   Kecamatan \n") == (
        "a.n. CAMAT SALE\nSekretaris Kecamatan"
    )
    assert clean_lines("satu baris") == "satu baris"
