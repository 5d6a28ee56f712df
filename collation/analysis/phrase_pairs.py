"""The adjacent word pairs every match of a full-text query must hold.

Search narrows a phrase query to the pages whose ``collation_adjacent_pairs``
(migration 0016: each lexeme with the next, "polic school") hold every pair the
query needs, before PostgreSQL checks the phrase itself. The pairs must be
*necessary*: a pair listed here that a matching page lacks would drop that page.
So this reads PostgreSQL's own text of the query (``websearch_to_tsquery(…)::text``,
already stemmed: ``'child' <-> 'protect' <-> 'plan' & !'alcohol'``) and keeps a pair
only where the query cannot match without it:

- ``a <-> b`` of two plain lexemes needs "a b"; in a chain (``a <-> b <-> c``,
  read as ``(a <-> b) <-> c``) the right-hand lexeme follows the left side's last;
- ``x & y`` needs what x needs and what y needs; ``x | y`` only what both need;
- a negation, a lexeme with a weight or prefix (``'a':*``), a distance other
  than one (``<2>``, a stop word between) and anything mixed into a phrase other
  than lexemes need nothing.
"""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\s*(?:'((?:[^'\\]|''|\\.)*)'(:[A-D*]+)?|(<\d+>|<->)|([!&|()]))")


@dataclass(frozen=True)
class _Node:
    kind: str  # "lexeme", "not", "and", "or", "phrase"
    lexeme: str = ""
    plain: bool = False  # a lexeme without a weight or prefix
    left: "_Node | None" = None
    right: "_Node | None" = None
    distance: int = 0


class _Parser:
    """tsquery text, by PostgreSQL's precedence: ! then <-> then & then |."""

    def __init__(self, text: str):
        self.tokens = self._tokens(text)
        self.at = 0

    @staticmethod
    def _tokens(text: str) -> list[tuple]:
        tokens, position = [], 0
        while text[position:].strip():
            found = _TOKEN.match(text, position)
            if found is None:
                raise ValueError(f"unexpected query text at {position}: {text!r}")
            lexeme, flags, phrase, operator = found.groups()
            if lexeme is not None:
                unescaped = re.sub(r"''|\\(.)", lambda m: m.group(1) or "'", lexeme)
                tokens.append(("lexeme", unescaped, not flags))
            elif phrase is not None:
                tokens.append(("phrase", 1 if phrase == "<->" else int(phrase[1:-1])))
            else:
                tokens.append((operator,))
            position = found.end()
        return tokens

    def _peek(self) -> tuple | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self) -> tuple:
        token = self._peek()
        if token is None:
            raise ValueError("the query text ends early")
        self.at += 1
        return token

    def parse(self) -> _Node | None:
        if not self.tokens:
            return None
        node = self._or()
        if self._peek() is not None:
            raise ValueError("unexpected text after the query")
        return node

    def _or(self) -> _Node:
        node = self._and()
        while self._peek() == ("|",):
            self._take()
            node = _Node("or", left=node, right=self._and())
        return node

    def _and(self) -> _Node:
        node = self._phrase()
        while self._peek() == ("&",):
            self._take()
            node = _Node("and", left=node, right=self._phrase())
        return node

    def _phrase(self) -> _Node:
        node = self._unary()
        while (token := self._peek()) is not None and token[0] == "phrase":
            self._take()
            node = _Node("phrase", left=node, right=self._unary(), distance=token[1])
        return node

    def _unary(self) -> _Node:
        token = self._take()
        if token == ("!",):
            return _Node("not", left=self._unary())
        if token == ("(",):
            node = self._or()
            if self._take() != (")",):
                raise ValueError("a bracket is not closed")
            return node
        if token[0] == "lexeme":
            return _Node("lexeme", lexeme=token[1], plain=token[2])
        raise ValueError(f"unexpected {token[0]!r}")


def _lexemes_only(node: _Node) -> bool:
    if node.kind == "lexeme":
        return node.plain
    return node.kind == "phrase" and _lexemes_only(node.left) and _lexemes_only(node.right)


def _last(node: _Node) -> str:
    return node.lexeme if node.kind == "lexeme" else _last(node.right)


def _needed(node: _Node) -> frozenset[str]:
    if node.kind == "and":
        return _needed(node.left) | _needed(node.right)
    if node.kind == "or":
        return _needed(node.left) & _needed(node.right)
    if node.kind == "phrase" and _lexemes_only(node):
        pairs = _needed(node.left) | _needed(node.right)
        if node.distance == 1 and node.right.kind == "lexeme":
            pairs |= {f"{_last(node.left)} {node.right.lexeme}"}
        return pairs
    return frozenset()


def necessary_pairs(tsquery_text: str) -> list[str]:
    """The pairs ("a b") every page matching the query must hold, sorted; none if the
    query needs none (or its text cannot be read: then nothing narrows the search)."""
    try:
        node = _Parser(tsquery_text).parse()
    except ValueError:
        return []
    return sorted(_needed(node)) if node else []
