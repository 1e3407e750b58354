"""A PNG chart of the most central entities (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

from kg.view import COLORS


def write_chart(
    report: dict, path: str | Path, title: str = "Most central entities (PageRank)"
) -> Path:
    """Horizontal bars of the report's top entities by PageRank, coloured by type."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(reversed(report["centrality"]["pagerank"]))
    fig, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 1) + 1.2), dpi=100)
    ax.barh(
        [r["label"][:50] for r in rows],
        [r["score"] for r in rows],
        color=[COLORS.get(r["type"], "#999999") for r in rows],
    )
    ax.set_xlabel("PageRank")
    ax.set_title(title)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=c)
        for t, c in COLORS.items()
        if any(r["type"] == t for r in rows)
    ]
    names = [t for t in COLORS if any(r["type"] == t for r in rows)]
    if handles:
        ax.legend(handles, names, loc="lower right", fontsize=8)
    fig.tight_layout()
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, metadata={"Software": None})
    plt.close(fig)
    tmp.replace(path)
    return path
