"""Text from users or data is shown literally: `ui.markup.plain` leaves nothing that Markdown
or HTML would turn into a link, an image, emphasis or a tag (the browser test checks the page)."""

from __future__ import annotations

import pytest

from ui.markup import WORD_JOINER, cell, plain, plotly_lines


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("4.21 (2023)", "4.21 (2023)"),  # ordinary text is left alone
        ("![x](http://a.b/c.png)", "\\!\\[x\\](http:" + WORD_JOINER + "//a.b/c.png)"),
        ("[phish](https://x.y)", "\\[phish\\](https:" + WORD_JOINER + "//x.y)"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("*bold* _it_ `code` ~~s~~ $x$ | #", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\$x\\$ \\| \\#"),
        ("www.evil.example", "www" + WORD_JOINER + ".evil.example"),
        ("mail me: a@b.lv", "mail me: a@" + WORD_JOINER + "b.lv"),
        ("a\\b", "a\\\\b"),
    ],
)
def test_plain(given, shown):
    assert plain(given) == shown


def test_a_cell_is_one_line():
    assert cell("a\nb |\tc") == "a b \\| c"


@pytest.mark.parametrize(
    ("term", "cell_text"),
    [
        ({"type": "literal", "value": '=HYPERLINK("http://x","y")'}, '\'=HYPERLINK("http://x","y")'),
        ({"type": "literal", "value": "+cmd"}, "'+cmd"),
        ({"type": "literal", "value": "@SUM(A1)"}, "'@SUM(A1)"),
        ({"type": "literal", "value": "-x", "xml:lang": "lv"}, "'-x"),
        ({"type": "literal", "value": "-5", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}, "-5"),
        ({"type": "literal", "value": "4.21"}, "4.21"),
        (
            {"type": "uri", "value": "https://w3id.org/lv-roma-plan/id/measure/4.21"},
            "https://w3id.org/lv-roma-plan/id/measure/4.21",
        ),
    ],
)
def test_csv_cells_are_spreadsheet_safe(term, cell_text):
    """CSV from the UI downloads, `kb sparql` and the endpoint: read back, no cell is a formula."""
    import csv
    import io

    from kb.engine.results import Result

    text = Result(["v"], [{"v": term}]).to_csv()
    assert list(csv.reader(io.StringIO(text)))[1] == [cell_text]


def test_plotly_lines_escape_each_line_and_join_them_with_breaks():
    assert plotly_lines(["<b>KM</b>", "Tiesībsarga birojs & co"]) == "&lt;b&gt;KM&lt;/b&gt;<br>Tiesībsarga birojs &amp; co"
