"""The events detectors ship with the command that trains them: retraining reproduces the shipped weights."""
import subprocess
import sys

import pytest


@pytest.mark.shared
def test_train_events_other_reproduces_the_shipped_family_o_detector(shared_dir, repo_dir, tmp_path):
    out = tmp_path / "detector_other.tsv"
    run = subprocess.run([sys.executable, "-m", "marsad.cli", "train", "events", "--other", "--dev", str(shared_dir / "dev"),
                          "--out", str(out)], capture_output=True, timeout=600)
    assert run.returncode == 0, run.stderr.decode()[-2000:]
    assert "cross-validation by document" in run.stdout.decode() + run.stderr.decode()
    assert out.read_bytes() == (repo_dir / "src" / "marsad" / "data" / "events" / "detector_other.tsv").read_bytes()
