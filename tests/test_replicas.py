"""Scale-out (issue 3): a snapshot served immutable, with an inspect file, by several
Datasette replicas gives the same search answers as the live, mutable database."""

from __future__ import annotations

import json
from urllib.parse import quote

from click.testing import CliRunner
from datasette.cli import cli as datasette_cli

from .dsclient import Client

QUERIES = ["보위", "보위성", "국가보위성에서", "탈북", "군", "state security", "SMUGGLING"]


def answers(client: Client) -> dict:
    """Everything a translator's searches return, by URL: the ranked pages in their order;
    the table pages as sets, since Datasette leaves ties in their sort column unordered."""
    found = {}
    for query in QUERIES:
        for url in (
            f"/sajeon/-/search.json?q={quote(query)}&size=100",
            f"/sajeon/-/concordance.json?q={quote(query)}&size=100",
        ):
            found[url] = client.json(url)
        for table in ("terms", "segments", "term_pairs"):
            url = f"/sajeon/{table}.json?_search={quote(query)}&_shape=array&_size=max"
            found[url] = sorted(json.dumps(row, sort_keys=True) for row in client.json(url))
    return found


def test_immutable_replicas_give_the_same_answers(sajeon, bundled_project, tmp_path):
    dist = tmp_path / "dist"
    sajeon("snapshot", str(dist / "sajeon.db"))
    result = CliRunner().invoke(
        datasette_cli,
        ["inspect", str(dist / "sajeon.db"), "--inspect-file", str(dist / "counts.json")],
    )
    assert result.exit_code == 0, result.output
    inspect_data = json.loads((dist / "counts.json").read_text())
    assert inspect_data["sajeon"]["tables"]["terms"]["count"] == 469

    live = Client([bundled_project.db_path])
    replicas = [
        Client(immutables=[dist / "sajeon.db"], inspect_data=inspect_data) for _ in range(2)
    ]
    try:
        want = answers(live)
        assert any(want.values())
        for replica in replicas:
            databases = replica.json("/-/databases.json")
            assert [(d["name"], d["is_mutable"]) for d in databases] == [("sajeon", False)]
            assert answers(replica) == want
            # The replica's pages and metadata are sajeon's too.
            assert replica.json("/-/metadata.json")["title"] == "sajeon 사전"
            assert (
                "Ministry of State Security"
                in replica.get(f"/sajeon/-/search?q={quote('보위')}").text
            )
    finally:
        live.close()
        for replica in replicas:
            replica.close()


def test_snapshot_refuses_the_live_database(sajeon, bundled_project):
    result = sajeon("snapshot", str(bundled_project.db_path), ok=False)
    assert "cannot replace the live database" in result.output
