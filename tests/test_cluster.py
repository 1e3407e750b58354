"""Extraction on a real Dask LocalCluster (127.0.0.1) gives the same graph as one process."""

from rdflib.compare import isomorphic

from kg.api import extract_stream
from kg.cluster import extract_on_dask
from kg.model import Document
from kg.rdf.store import Store

TEXTS = [
    "Li Wei, spokesperson of the Ministry of Commerce, said the ministry will promote 5G networks.",
    "China Mobile will build data centers in Sichuan, its general manager Zhang Min said.",
    "The Ministry of Commerce and China Mobile will cooperate on cloud tourism in Guangdong.",
    "Huawei opened a research center in Shenzhen to support the industrial Internet.",
    "Zhang Min said China Mobile supports ultra-HD live streaming.",
]


def documents():
    return [Document(id=f"doc{i}", text=t) for i, t in enumerate(TEXTS)]


def test_a_dask_build_is_isomorphic_to_a_single_process_build():
    local, dask = Store(), Store()
    local.add(list(extract_stream(documents())))
    graphs = list(extract_on_dask(documents(), "local", partition_size=2, local_workers=2))
    assert [g.document.id for g in graphs] == [f"doc{i}" for i in range(len(TEXTS))]
    dask.add(graphs)
    assert len(dask) == len(local) > 100
    assert isomorphic(dask.to_rdflib(), local.to_rdflib())
    assert dask.serialize("trig") == local.serialize("trig")
