"""The peer-module manifest: which later gobind.extension() calls of a project the holder binds.

The plugin learns of later extensions only as meson.build goes on, after the holder's targets
exist, so the holder's `gen` step reads the list from a manifest: every extension() call writes
the list so far into a staging file at configure time, and a postconf step (after the whole
meson.build ran) copies it over the manifest when it changed, so ninja regenerates exactly then.
See bind/peers.py for what a peer module is.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Optional

from ..errors import GobindError


#: Version of the manifest format.
MANIFEST_VERSION = 1


def read_manifest(path: str) -> List[Dict[str, Any]]:
    """The peers a manifest lists: dicts with name, module (import name), package and gil."""
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise GobindError('gobind: cannot read the peer-module manifest %s: %s' % (path, e))
    if data.get('version') != MANIFEST_VERSION:
        raise GobindError('gobind: peer-module manifest %s has version %r, this gobind reads %d; '
                          'run meson setup --reconfigure' % (path, data.get('version'), MANIFEST_VERSION))
    return list(data.get('peers', []))


def manifest_text(peers: List[Mapping[str, Any]]) -> str:
    """The text of a manifest (or staging file) listing `peers`."""
    return json.dumps({'version': MANIFEST_VERSION, 'peers': list(peers)}, indent=2, sort_keys=True) + '\n'


def commit(staging: str, manifest: str) -> None:
    """The postconf step: the manifest becomes what the staging file says, if that differs."""
    from ..emit.render import write_if_changed  # build/ drives emit/
    with open(staging) as f:
        write_if_changed(manifest, f.read())


def peer_gil(name: str, gil: Mapping[str, str]) -> Dict[str, str]:
    """A peer's per-function GIL settings, as the holder names its functions (peer.Func; methods
    stay Type.Method)."""
    return {(k if '.' in k else '%s.%s' % (name, k)): v for k, v in gil.items()}



def peer_names(peers: List[Mapping[str, Any]]) -> Dict[str, str]:
    """Peer name -> import name, as plan_module takes them."""
    return {p['name']: p['module'] for p in peers}


def merged_gil(gil: Optional[Mapping[str, str]], peers: List[Mapping[str, Any]]) -> Dict[str, str]:
    """The holder's GIL settings plus every peer's, in the holder's naming."""
    out = dict(gil or {})
    for p in peers:
        out.update(peer_gil(p['name'], p.get('gil', {})))
    return out
