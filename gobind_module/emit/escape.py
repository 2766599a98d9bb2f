"""Escaping of user and Go strings for each language gobind generates: Meson, C, Go and Python."""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, Mapping, Optional, Sequence, Union

#: C escapes of the characters C names; others print as octal (UTF-8 bytes).
_C_NAMED = {'\\': '\\\\', '"': '\\"', '\t': '\\t', '?': '\\?'}  # '?': no trigraphs
#: Escapes shared by Meson, Go and Python string literals.
_COMMON = {'\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t'}


def _escape(text: str, named: Dict[str, str], other: Callable[[str], str], keep_unicode: bool) -> str:
    """text with each character of `named` replaced, printable ASCII kept, non-ASCII kept when
    keep_unicode and printable, and every other character spelt by `other`."""
    out = []
    for ch in text:
        if ch in named:
            out.append(named[ch])
        elif ' ' <= ch <= '~' or (keep_unicode and ch > '\x7f' and _printable(ch)):
            out.append(ch)
        else:
            out.append(other(ch))
    return ''.join(out)


def _printable(ch: str) -> bool:
    """A character that is safe raw in UTF-8 source: printable, and not a surrogate, BOM or line separator."""
    return ch.isprintable() and not '\ud800' <= ch <= '\udfff' and ch != '\ufeff'


def _u_escape(ch: str) -> str:
    """\\uXXXX or \\UXXXXXXXX, as Meson, Go and Python spell a code point."""
    o = ord(ch)
    return '\\u%04x' % o if o <= 0xffff else '\\U%08x' % o


def _c_octal(ch: str) -> str:
    try:
        data = ch.encode('utf-8', 'surrogateescape')   # a byte Python decoded with surrogateescape
    except UnicodeEncodeError:
        data = ch.encode('utf-8', 'surrogatepass')
    return ''.join('\\%03o' % b for b in data)


def meson_str(value: str) -> str:
    """A single-line Meson string literal holding value (also safe inside a # comment)."""
    return "'%s'" % _escape(value, dict(_COMMON, **{"'": "\\'"}), _literal_other('a meson.build'), False)


def meson_value(value: Union[str, bool, Sequence[Any], Mapping[str, Any]]) -> str:
    """A Meson literal holding a string, a bool, a list or a dict of them (keys are strings)."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, str):
        return meson_str(value)
    if isinstance(value, Mapping):
        return '{%s}' % ', '.join('%s: %s' % (meson_str(k), meson_value(v)) for k, v in value.items())
    return '[%s]' % ', '.join(map(meson_value, value))


def _literal_other(language: str) -> Callable[[str], str]:
    """How Meson and Go string literals spell a character: \\xhh for ASCII controls, \\u/\\U above;
    a lone surrogate has no spelling in UTF-8 source, so it is refused."""
    def spell(ch: str) -> str:
        if '\ud800' <= ch <= '\udfff':
            raise ValueError('a lone surrogate (%r) cannot be written into %s' % (ch, language))
        return '\\x%02x' % ord(ch) if ord(ch) < 0x80 else _u_escape(ch)
    return spell


def c_string(text: Optional[str], indent: int = 4) -> str:
    """A C string literal (with quotes) holding text, escaped, one source line per text line."""
    if text is None:
        return 'NULL'
    lines = text.split('\n')
    parts = [_escape(line, _C_NAMED, _c_octal, False) + ('\\n' if i < len(lines) - 1 else '')
             for i, line in enumerate(lines)]
    return ('\n' + ' ' * indent).join('"%s"' % p for p in parts if p) or '""'


def c_comment(text: str) -> str:
    """text for one line inside a C /* */ comment: printable ASCII, and no comment start or end."""
    out = _escape(text, {'\\': '\\\\'}, _u_escape, False)
    return out.replace('*/', '*\\/').replace('/*', '/\\*').replace('??', '?\\?')


def go_comment(text: str) -> str:
    """text for one Go // comment line: no line breaks or invalid UTF-8 (printed as \\u escapes)."""
    return _escape(text, {'\\': '\\\\'}, _u_escape, True)


def py_comment(text: str) -> str:
    """text for one Python # comment line (the same rule as Go's: one line of printable UTF-8)."""
    return go_comment(text)


def go_string(text: str) -> str:
    """A Go interpreted string literal (with quotes) holding text."""
    return '"%s"' % _escape(text, dict(_COMMON, **{'"': '\\"'}), _literal_other('Go source'), True)


def py_string(text: str) -> str:
    """A one-line Python string literal (with quotes) holding text."""
    return "'%s'" % _escape(text, dict(_COMMON, **{"'": "\\'"}), _py_other, True)


def _py_other(ch: str) -> str:
    return '\\x%02x' % ord(ch) if ord(ch) < 0x100 else _u_escape(ch)


def py_docstring(text: str) -> str:
    """A triple-quoted Python string literal holding text, its lines kept as source lines."""
    body = _escape(text, {'\\': '\\\\', '\n': '\n', '\t': '\t'}, _py_other, True)
    return '"""%s"""' % re.sub(r'"+', _docstring_quotes, body)


def _docstring_quotes(m: 're.Match[str]') -> str:
    """A run of quotes in a docstring: escaped when it is three or more long, or ends the text
    (where it would join the closing quotes); one or two quotes inside stay as they are."""
    run = m.group(0)
    return '\\"' * len(run) if len(run) >= 3 or m.end() == len(m.string) else run
