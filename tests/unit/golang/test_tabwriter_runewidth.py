"""go-runewidth display widths and Go's text/tabwriter (docker/cli's fork)."""

import random

import pytest

from swarmctl.golang import runewidth, tabwriter


@pytest.mark.parametrize("s,width", [
    ("", 0), ("abc", 3), ("\u30ce\u30fc\u30c93", 7), ("a\u0301", 1), ("\U0001f600", 2),
    ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 2), ("\U0001f1ef\U0001f1f5", 1), ("\ud55c\uad6d\uc5b4", 6),
    ("a\tb", 2), ("\u2026", 1), ("\uff21", 2),
])
def test_display_width(s, width):
    assert runewidth.display_width(s) == width


# ---------------------------------------------------------------------------
# Go text/tabwriter (minwidth 10, tabwidth 1, padding 3, blank) — outputs
# checked against Go's text/tabwriter


@pytest.mark.parametrize("text,out", [
    ("", ""),
    ("a\n", "a\n"),
    ("a\tb\n", "a         b\n"),
    ("a\tb", "a         b"),
    ("a\tb\t\n", "a         b         \n"),
    ("abcdefghijkl\tb\nx\ty\n", "abcdefghijkl   b\nx              y\n"),
    # a line with fewer cells ends the column block
    ("a\tb\tc\nlonglonglonglong\nd\te\tf\n", "a         b         c\nlonglonglonglong\nd         e         f\n"),
    ("a\tb\tc\nd\te\nxxxxxxxxxxxxxxx\ty\tz\n",
     "a                 b         c\nd                 e\nxxxxxxxxxxxxxxx   y         z\n"),
    ("\t\tx\n", "                    x\n"),
    ("a\vb\n", "a         b\n"),
    ("\u30ce\u30fc\u30c9\tb\n", "\u30ce\u30fc\u30c9    b\n"),
])
def test_tabwrite(text, out):
    assert tabwriter.tabwrite(text) == out


def test_tabwriter_incremental_writes():
    tw = tabwriter.TabWriter()
    for piece in ("ID\tNA", "ME\n", "abc\td", "ef\n"):
        tw.write(piece)
    assert tw.flush() == "ID        NAME\nabc       def\n"


def test_tabwriter_options():
    assert tabwriter.tabwrite("a\tbb\nccc\td\n", minwidth=0, padding=1) == "a   bb\nccc d\n"
    assert tabwriter.tabwrite("a\tb\n", minwidth=0, padding=1, flags=tabwriter.ALIGN_RIGHT) == " ab\n"
    # only "soft" (\v-terminated) empty columns are discarded
    assert tabwriter.tabwrite("a\t\tb\nc\t\td\n", minwidth=0, padding=1, flags=tabwriter.DISCARD_EMPTY_COLUMNS) == "a  b\nc  d\n"
    assert tabwriter.tabwrite("a\v\vb\nc\v\vd\n", minwidth=0, padding=1, flags=tabwriter.DISCARD_EMPTY_COLUMNS) == "a b\nc d\n"
    assert tabwriter.tabwrite("a\tb\n", minwidth=0, padding=1, flags=tabwriter.DEBUG) == "a |b\n"


@pytest.mark.parametrize("seed", range(4))
def test_tabwriter_table_path_matches_general_path(seed):
    # text with only tabs and newlines takes the line-by-line path of write(); any other
    # terminator the general one: on the same text both give the same bytes
    rng = random.Random(seed)
    alphabet = ["a", "bb", "xxxxxxxxxxxxx", "\u00e9", "\u6f22", "e\u0301", "\u2026", "\x01", " ",
                "\t", "\t", "\t", "\n", "\n", "\r\n"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(0, 3))))
        chunks = [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]
        options = dict(minwidth=rng.choice([0, 10]), padding=rng.choice([0, 3]),
                       padchar=rng.choice([" ", "."]), flags=rng.choice([0, tabwriter.ALIGN_RIGHT, tabwriter.DISCARD_EMPTY_COLUMNS]))
        table, general = tabwriter.TabWriter(**options), tabwriter.TabWriter(**options)
        for chunk in chunks:
            table.write(chunk)
            general._write_any(chunk)
        assert table.flush() == general.flush(), (chunks, options)
