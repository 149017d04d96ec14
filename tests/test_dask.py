"""kg.parallel on dask.distributed: a LocalCluster gives the same outcomes as a local run."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.parallel import map_files
from kg.records import FileRecord

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, silence_logs=40) as lc:
        yield lc


def _outcomes(outs):
    return [(o.path.name, o.result if isinstance(o.result, FileRecord) else str(o.result)) for o in outs]


def _standin():
    # The stand-in lives in test_parallel (importable on the workers: same sys.path).
    from test_parallel import standin

    return standin


def test_dask_matches_local_in_order(cluster, tmp_path, seeds_dir):
    standin = _standin()
    paths = []
    for i in range(3):
        for src in sorted(seeds_dir.glob("*.txt")):
            (tmp_path / f"{i}_{src.name}").write_bytes(src.read_bytes())
    (tmp_path / "1_missing_then_bad.txt").write_bytes(b"\xff\xfe\xfa")
    paths = sorted(tmp_path.glob("*.txt"))
    local = _outcomes(map_files(standin, paths, workers=1))
    with distributed.Client(cluster) as client:
        remote = _outcomes(map_files(standin, paths, scheduler=client, batch_size=2, window=3))
    assert remote == local
    assert any(isinstance(r, str) and "not UTF-8" in r for _, r in remote)


def test_dask_by_address(cluster, tmp_path, seeds_dir):
    standin = _standin()
    paths = sorted(seeds_dir.glob("*.txt"))
    outs = list(map_files(standin, paths, scheduler=cluster.scheduler_address))
    assert [o.path for o in outs] == paths
    assert not any(isinstance(o.result, SourceError) for o in outs)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".nq", ".trig"])
def test_dask_build_byte_identical_to_local(cluster, tmp_path, suffix):
    """The real build on the cluster writes the same bytes as the local build."""
    from kg.build import build

    local, remote = tmp_path / f"local{suffix}", tmp_path / f"dask{suffix}"
    s1 = build([ROOT / "seeds"], local, workers=1)
    s2 = build([ROOT / "seeds"], remote, scheduler=cluster.scheduler_address)
    assert s1.ok and s2.ok and s1.files == s2.files == 5
    assert remote.read_bytes() == local.read_bytes()


def test_dask_build_standin_matches_local(cluster, tmp_path, seeds_dir):
    """kg.build.build with a scheduler: same bytes as the local build (stand-in extractor)."""
    from kg.build import build

    standin = _standin()
    s1 = build([seeds_dir], tmp_path / "local.trig", workers=1, process=standin)
    s2 = build([seeds_dir], tmp_path / "dask.trig", scheduler=cluster.scheduler_address, process=standin)
    assert s1.ok and s2.ok and s2.files == 5
    assert (tmp_path / "dask.trig").read_bytes() == (tmp_path / "local.trig").read_bytes()
