"""The examples in marsad's docstrings run: a documented example that no longer holds fails here.

Every module of the package is imported and its `>>>` examples are run by the standard doctest
runner, so a rule's docstring example is a test of that rule, not a comment that can go stale.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import marsad

MODULES = sorted(info.name for info in pkgutil.walk_packages(marsad.__path__, "marsad."))


def _modules_with_examples():
    finder = doctest.DocTestFinder()
    for name in MODULES:
        module = importlib.import_module(name)
        if any(test.examples for test in finder.find(module)):
            yield name


@pytest.mark.parametrize("module_name", list(_modules_with_examples()))
def test_docstring_examples_hold(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {module_name} fail (run pytest --doctest-modules on it)"
