"""'sajeon align' and 'sajeon import REVIEW_FILE' on a real project and real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from sajeon.alignment.review import read_review

from .conftest import snapshot

PAIRS = Path(__file__).parent / "data/align/pairs"
ONSONG = PAIRS / "01-onsong-smuggling-arrests"
META = ["--title", "Onsong MSS rounds up more than ten residents over Tumen River smuggling",
        "--url", "https://example.org/news/01-onsong-smuggling-arrests",
        "--date", "2025-03-14", "--translator", "Jane Harwood"]  # fmt: skip
ORIGIN = (
    "Onsong MSS rounds up more than ten residents over Tumen River smuggling "
    "<https://example.org/news/01-onsong-smuggling-arrests>"
)


def review_threshold(review) -> float:
    return float(review.meta["threshold"])


def memory_rows(project) -> list[list[str]]:
    lines = (project.memory_dir / "ko-en.tsv").read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines[1:]]


def test_align_review_import_once(sajeon, tmp_path):
    review_path, html_path = tmp_path / "onsong.tsv", tmp_path / "onsong.html"
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "-o",
                    str(review_path), "--html", str(html_path), *META)  # fmt: skip
    assert "19 links" in result.output
    review = read_review(review_path)
    assert review.meta["title"].startswith("Onsong MSS")
    statuses = [row.status for row in review.rows]
    assert statuses.count("unaligned") >= 1 and "ok" in statuses
    by_numbers = {(row.source_numbers, row.target_numbers): row for row in review.rows}
    # the right links are confident; the sub-headline is kept and marked unaligned
    assert by_numbers[("2", "")].status == "unaligned"
    assert by_numbers[("6", "5,6")].status == "ok"
    assert by_numbers[("13,14", "14")].status == "ok"
    assert by_numbers[("10", "11")].status in ("ok", "review")  # linked right
    # the doubtful ones are marked for review
    links = [row for row in review.rows if row.status != "dropped"]
    assert {row.status for row in links if row.confidence < review_threshold(review)} <= {"review"}
    # the caption's marker and photo credit are page furniture: listed, never imported
    dropped = {(row.source, row.evidence) for row in review.rows if row.status == "dropped"}
    assert ("[사진]", "caption marker") in dropped
    assert ("/사진=데일리NK 자료사진", "photo credit") in dropped

    before = len(memory_rows(sajeon.project))
    result = sajeon("import", str(review_path))
    rows = memory_rows(sajeon.project)
    added = rows[before:]
    assert len(added) == statuses.count("ok") and f"imported {len(added)}" in result.output
    assert all(row[2] == ORIGIN and row[3] == "2025-03-14" and row[4] == "Jane Harwood"
               for row in added)  # fmt: skip
    assert [
        row[0] for row in added if row[1].startswith("Border guards")
    ] == ["국경경비대는 최근 두만강 연선의 경비 초소를 늘리고 야간 순찰 횟수도 두 배 가까이 "
            "늘렸다. 강변 곳곳에는 감시 카메라도 새로 설치됐다."]  # fmt: skip
    # in the database too: the concordance finds the pair with its origin
    found = sajeon("segment", "search", "감시 카메라", "--json").output
    assert ORIGIN in found

    # importing the same article again adds nothing
    state = snapshot(sajeon.project)
    result = sajeon("import", str(review_path))
    assert "imported 0 new" in result.output and "already there" in result.output
    assert snapshot(sajeon.project) == state

    page = lxml.html.parse(str(html_path)).getroot()
    assert len(page.xpath("//tbody/tr")) == len(review.rows)
    assert len(page.xpath("//tbody/tr[@class='dropped']")) == len(dropped)
    assert page.xpath("//tbody/tr[@class='review']") or statuses.count("review") == 0
    assert page.xpath("//td[@lang='ko']") and page.xpath("//td[@lang='en']")


def test_reviewer_edits_are_imported(sajeon, tmp_path):
    review_path = tmp_path / "r.tsv"
    sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "-o", str(review_path), *META)
    lines = review_path.read_text("utf-8").split("\n")
    edited = []
    for line in lines:
        cells = line.split("\t")
        if cells[0] == "review":  # the reviewer checked it
            both = cells[4] and cells[5]
            cells[0] = "ok" if both else "unaligned"
            cells[6] = "checked by desk" if both else ""
        edited.append("\t".join(cells))
    # a spreadsheet saved it: BOM, CRLF, quoted cells
    text = "\r\n".join(
        "\t".join(
            f'"{c.replace(chr(34), chr(34) * 2)}"' if '"' in c else c for c in line.split("\t")
        )
        for line in edited
    )
    review_path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    review = read_review(review_path)
    assert review.counts()["review"] == 0
    quoted = [row.source for row in review.rows if row.source.startswith('소식통은 "단순 밀수')]
    assert quoted and quoted[0].endswith('"고 말했다.')
    sajeon("import", str(review_path))
    notes = [row for row in memory_rows(sajeon.project) if row[5] == "checked by desk"]
    assert notes


def test_align_import_in_one_step_takes_confident_links_only(sajeon):
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "--import", *META)
    rows = memory_rows(sajeon.project)
    imported = [row for row in rows if row[2] == ORIGIN]
    assert f"imported {len(imported)} new" in result.output
    ok = result.output.split(" ok,")[0].rsplit(" ", 1)[-1]
    assert len(imported) == int(ok)
    assert all(row[0] and row[1] for row in imported)
    sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "--import", *META)
    assert len(memory_rows(sajeon.project)) == len(rows)


def test_html_pages_give_title_url_and_body(sajeon, tmp_path):
    article = PAIRS / "08-ryanggang-gold-theft"
    result = sajeon("align", str(article / "ko.html"), str(article / "en.html"), "-o",
                    str(tmp_path / "r.tsv"))  # fmt: skip
    review = read_review(tmp_path / "r.tsv")
    assert review.meta["title"] == "Ryanggang miners caught smuggling gold out of Taebong Gold Mine"
    assert review.meta["url"] == "https://example.org/en/news/08-ryanggang-gold-theft"
    texts = " ".join(row.target for row in review.rows)
    assert "Subscribe" not in texts and "fictional" not in texts
    assert "18 links" in result.output


def test_review_file_to_stdout(sajeon):
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"))
    assert result.output.startswith("# sajeon alignment review\t1\n")


def test_folder_mode(sajeon, tmp_path):
    ko_dir, en_dir, out = tmp_path / "ko", tmp_path / "en", tmp_path / "out"
    ko_dir.mkdir()
    en_dir.mkdir()
    names = ["01-onsong-smuggling-arrests", "02-hyesan-rice-prices", "08-ryanggang-gold-theft"]
    for name in names:
        shutil.copy(PAIRS / name / "ko.txt", ko_dir / f"{name}.txt")
    shutil.copy(PAIRS / names[0] / "en.txt", en_dir / f"{names[0]}.txt")
    shutil.copy(PAIRS / names[1] / "en.html", en_dir / f"{names[1]}.html")  # text ↔ HTML
    shutil.copy(PAIRS / "05-hoeryong-remittance-broker/en.txt", en_dir / f"{names[2]}.txt")
    (ko_dir / "99-lonely.txt").write_text("제목\n\n본문이다.\n", encoding="utf-8")
    meta = tmp_path / "meta.tsv"
    meta.write_text(
        "name\ttitle\turl\tdate\ttranslator\n"
        f"{names[0]}\tOnsong arrests\thttps://example.org/1\t2025-03-14\tJane Harwood\n",
        encoding="utf-8",
    )
    result = sajeon("align", str(ko_dir), str(en_dir), "-o", str(out), "--meta", str(meta),
                    "--import")  # fmt: skip
    output = result.output
    assert "2 articles aligned" in output and "1 skipped" in output and "to review" in output
    assert "does not look like a translation" in output  # the mismatched pair
    assert "99-lonely.txt: no translation" in output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{n}.{ext}" for n in names[:2] for ext in ("tsv", "html")
    )
    assert read_review(out / f"{names[0]}.tsv").meta["translator"] == "Jane Harwood"
    origins = {row[2] for row in memory_rows(sajeon.project)}
    assert "Onsong arrests <https://example.org/1>" in origins
    assert any("02-hyesan-rice-prices" in (o or "") for o in origins)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("ko", "en", "message"),
    [
        ("", "Some text.", "ko.txt: no ko text to align"),
        ("북한 당국이 경비를 강화했다.", "\n\n", "en.txt: no en text to align"),
    ],
)
def test_empty_side(sajeon, tmp_path, ko, en, message):
    (tmp_path / "ko.txt").write_text(ko, encoding="utf-8")
    (tmp_path / "en.txt").write_text(en, encoding="utf-8")
    state = snapshot(sajeon.project)
    result = sajeon("align", str(tmp_path / "ko.txt"), str(tmp_path / "en.txt"), "-o",
                    str(tmp_path / "r.tsv"), "--import", ok=False)  # fmt: skip
    assert message in result.output and result.output.startswith("Error: ")
    assert not (tmp_path / "r.tsv").exists()
    assert snapshot(sajeon.project) == state


def test_wrong_encoding(sajeon, tmp_path):
    ko = tmp_path / "ko.txt"
    ko.write_bytes(ONSONG.joinpath("ko.txt").read_text("utf-8").encode("cp949"))
    result = sajeon("align", str(ko), str(ONSONG / "en.txt"), ok=False)
    assert "not valid UTF-8" in result.output and "--encoding cp949" in result.output
    result = sajeon("align", str(ko), str(ONSONG / "en.txt"), "--encoding", "cp949")
    assert "19 links" in result.output
    result = sajeon("align", str(ko), str(ONSONG / "en.txt"), "--encoding", "klingon", ok=False)
    assert "unknown encoding 'klingon'" in result.output


def test_not_a_translation_is_refused_unless_forced(sajeon, tmp_path):
    other = PAIRS / "09-musan-phone-detection" / "en.txt"
    state = snapshot(sajeon.project)
    result = sajeon("align", str(ONSONG / "ko.txt"), str(other), "-o", str(tmp_path / "r.tsv"),
                    "--import", ok=False)  # fmt: skip
    assert "does not look like a translation" in result.output and "--force" in result.output
    assert not (tmp_path / "r.tsv").exists()
    assert snapshot(sajeon.project) == state
    sajeon("align", str(ONSONG / "ko.txt"), str(other), "-o", str(tmp_path / "r.tsv"), "--force")
    assert (tmp_path / "r.tsv").exists()


def test_bad_options(sajeon, tmp_path):
    result = sajeon("align", str(ONSONG / "ko.txt"), str(PAIRS), ok=False)
    assert "two files or two folders" in result.output
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "--date", "14.3.2025",
                    ok=False)  # fmt: skip
    assert "is not a date" in result.output


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda cells: cells.__setitem__(0, "maybe"), "unknown status 'maybe'"),
        (lambda cells: cells.__setitem__(5, ""), "status ok but the en text is empty"),
        (lambda cells: cells.__setitem__(1, "high"), "confidence 'high' is not a number"),
        (lambda cells: cells.append("extra\tcells"), "is there a tab inside a text?"),
    ],
)
def test_bad_review_file_changes_nothing(sajeon, tmp_path, edit, message):
    review_path = tmp_path / "r.tsv"
    sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "-o", str(review_path), *META)
    lines = review_path.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("ok\t"))
    cells = lines[number].split("\t")
    edit(cells)
    lines[number] = "\t".join(cells)
    review_path.write_text("\n".join(lines), encoding="utf-8")
    state = snapshot(sajeon.project)
    result = sajeon("import", str(review_path), ok=False)
    assert f"r.tsv:{number + 1}: " in result.output and message in result.output
    assert snapshot(sajeon.project) == state


def test_csv_import_still_works_beside_review_files(sajeon, tmp_path):
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("korean,english\n대홍단군,Taehongdan County\n", encoding="utf-8")
    result = sajeon("import", str(csv_path), "--map", "korean=ko", "--map", "english=en")
    assert "1 concepts read" in result.output


def test_model_option(sajeon, tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text('{"ratio": 2.6}', encoding="utf-8")
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "--model", str(bad),
                    ok=False)  # fmt: skip
    assert "model.json: not an aligner model file" in result.output
    from sajeon.alignment.align import Model

    strict = Model.load()
    strict.threshold = 0.999
    strict.save(tmp_path / "strict.json")
    result = sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "--model",
                    str(tmp_path / "strict.json"), "-o", str(tmp_path / "r.tsv"))  # fmt: skip
    assert read_review(tmp_path / "r.tsv").meta["threshold"] == "1.00"


def test_html_view_escapes_text_and_urls(tmp_path):
    from sajeon.alignment.review import Review, ReviewRow, render_html

    review = Review(
        "ko",
        "en",
        [ReviewRow("ok", 0.97, "1", "1", "<script>alert(1)</script> 보위부", "A & B <b>")],
        {"title": "T <i>", "url": "javascript:alert(1)"},
    )
    page = render_html(review)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page
    root = lxml.html.fromstring(page)
    assert root.xpath("string(//td[@lang='en'])").strip().startswith("1 A & B <b>")


def test_import_dry_run_changes_nothing(sajeon, tmp_path):
    review_path = tmp_path / "r.tsv"
    sajeon("align", str(ONSONG / "ko.txt"), str(ONSONG / "en.txt"), "-o", str(review_path), *META)
    state = snapshot(sajeon.project)
    result = sajeon("import", str(review_path), "--dry-run")
    ok = sum(row.status == "ok" for row in read_review(review_path).rows)
    assert f"{ok} links ok, {ok} new (dry run: nothing changed)" in result.output
    assert snapshot(sajeon.project) == state
