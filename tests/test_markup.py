"""The one reader of MyST inline markup, and the two views made from it."""

from __future__ import annotations

from meetingdocs.i18n.markup import numbers, scan, tokens
from meetingdocs.i18n.xliff import inline_codes

SAMPLE = (r"\*x {date}`2020-09-08` `code` {{ venue }} <https://a.org> <br/> [^1] "
          r'[text](https://x.org "t") ![img][lbl] https://undocs.org/A/75/1 '
          "see ICCD/COP(15)/CST/1. *em* **st**")


def test_one_pass_gives_typed_positioned_tokens() -> None:
    found = [(t.kind, t.text, t.name, t.body) for t in tokens(SAMPLE)]
    assert found == [
        ("escape", "\\*", "", ""),
        ("role", "{date}`2020-09-08`", "date", "2020-09-08"),
        ("code", "`code`", "", "code"),
        ("substitution", "{{ venue }}", "", " venue "),
        ("autolink", "<https://a.org>", "", "https://a.org"),
        ("html", "<br/>", "", ""),
        ("footnote", "[^1]", "", "1"),
        ("link", "[", "", ""),
        ("link-target", '](https://x.org "t")', "", "https://x.org"),
        ("link", "![", "", ""),
        ("link-label", "][lbl]", "", "lbl"),
        ("url", "https://undocs.org/A/75/1", "", ""),
        ("symbol", "ICCD/COP(15)/CST/1", "", "ICCD/COP(15)/CST/1"),
        ("emphasis", "*", "", ""), ("emphasis", "*", "", ""),
        ("emphasis", "**", "", ""), ("emphasis", "**", "", ""),
    ]
    assert all(SAMPLE[t.start:t.end] == t.text for t in tokens(SAMPLE))


def test_both_views_come_from_the_tokens() -> None:
    markup = scan(SAMPLE)
    assert markup.roles == (("date", "2020-09-08"),)
    assert markup.code == ("code",)
    assert markup.links == ("https://a.org", "https://x.org", "[lbl]")
    assert markup.substitutions == ("venue",)
    assert markup.symbols == (("ICCD/COP(15)/CST/1", "ICCD/COP(15)/CST/1"),)
    assert "2020-09-08" not in markup.plain and "[text] ![img]" in markup.plain
    codes = inline_codes(SAMPLE)
    assert [c.text for c in codes] == [t.text for t in tokens(SAMPLE)]
    assert codes[10].kind == "link-target"  # ][lbl]: one kind of code with ](...)


def test_an_escaped_backtick_opens_no_code_span() -> None:
    assert [t.kind for t in tokens(r"a \` b ` c")] == ["escape"]
    assert scan(r"a \` b ` c").code == ()


def test_numbers_leave_out_names_symbols_and_roles() -> None:
    assert scan("COVID-19 and H1N1 in 45 States, A/75/1, {item}`2`.").numbers == {"45"}
    assert numbers("1 000,5 and 1,000 and 2020") == {"10005", "1000", "2020"}
