"""The type object of every class as data (pytypes.TypeSpec), from the golden *_api.json files:
each slot is one PyType_FromSpec knows, and the spec lists each slot exactly once."""

from __future__ import annotations

import json
import re
import sysconfig
from pathlib import Path

import pytest

from gobind_module.build.generate import plan_from_api
from gobind_module.emit.pytypes import class_types, module_var_type

GOLDEN = Path(__file__).resolve().parent.parent / 'golden'
APIS = sorted(GOLDEN.glob('*/*_api.json'))
TYPESLOTS = Path(sysconfig.get_paths()['include']) / 'typeslots.h'


def specs(api: Path):
    plan = plan_from_api(json.loads(api.read_text()), api.parent.name)
    return class_types(plan) + (module_var_type(plan.name, ''),)


@pytest.mark.skipif(not TYPESLOTS.is_file(), reason='no Python headers')
@pytest.mark.parametrize('api', APIS, ids=lambda p: p.parent.name)
def test_every_slot_has_a_type_slot_number(api):
    known = set(re.findall(r'#define Py_(\w+) \d+', TYPESLOTS.read_text()))
    for t in specs(api):
        assert {slot for slot, _ in t.slots} <= known, t.name


@pytest.mark.parametrize('api', APIS, ids=lambda p: p.parent.name)
def test_spec_lists_each_slot_once(api):
    for t in specs(api):
        names = [slot for slot, _ in t.spec_slots]
        assert len(names) == len(set(names)), t.name
        assert names == ['Py_' + slot for slot, _ in t.slots] + (['Py_tp_doc'] if t.doc != 'NULL' else []), t.name
        has_new = 'tp_new' in dict(t.slots)
        assert ('GOBIND_TPFLAGS_NO_NEW' in t.spec_flags) == (not has_new and not t.base), t.name


def test_classes_are_declared_once_per_module():
    for api in APIS:
        names = [t.c_var for t in specs(api)]
        assert len(names) == len(set(names)), api.parent.name
