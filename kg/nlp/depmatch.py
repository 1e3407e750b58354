"""spaCy ``DependencyMatcher`` patterns, matched on a doc's arrays.

spaCy's own ``DependencyMatcher`` finds each node's candidate tokens with a token ``Matcher``
that evaluates every node's predicates on every token, reads custom attributes (``_``) through
``token._`` one token at a time, copies the doc's user data when given a sentence, and then tries
the cartesian product of the candidates. On news text that made relation matching cost a third
of the whole spaCy parse (``bench/corpus_bench.py --profile``). This module reads the same
pattern format and returns the same matches (``tests/test_depmatch.py`` compares the two on
parsed text, for the ontology's patterns and for generated ones using every operator), but:

- the doc's values are read as columns (``Doc.to_array``, each turned into a list only when a
  test first reads it, and the per-token values of custom attributes supplied by the caller);
- a pattern one of whose nodes looks for values (a value or ``IN``) that no token of the doc
  has is skipped before any other work (on news text, most patterns);
- a pattern's root candidates are looked up in an index of the doc's values through its most
  selective test, once per doc for all patterns with the same root tests, and the other nodes
  are tested only on the tokens the tree leads to;
- matches are grown node by node along the pattern's edges (the candidates of a node are the
  tokens its operator reaches from the token already chosen for its ``LEFT_ID`` node), so the
  work follows the tree instead of the product of candidate lists.

Supported: the token attributes in :data:`ATTRIBUTES` and custom attributes (``_``), each as a
value, ``{"IN": [...]}`` or ``{"NOT_IN": [...]}``; every ``REL_OP`` of spaCy 3.8. Anything else
is refused when the pattern is added (:class:`PatternError`), never ignored.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy import attrs
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: token attributes a node may test, as named in spaCy patterns
ATTRIBUTES = {
    "ORTH": attrs.ORTH,
    "TEXT": attrs.ORTH,
    "LOWER": attrs.LOWER,
    "NORM": attrs.NORM,
    "LEMMA": attrs.LEMMA,
    "TAG": attrs.TAG,
    "POS": attrs.POS,
    "DEP": attrs.DEP,
    "ENT_TYPE": attrs.ENT_TYPE,
}


class PatternError(ValueError):
    """A pattern this matcher cannot read exactly as spaCy would."""


@dataclass(frozen=True)
class _Test:
    """One constraint on a token: a column (attribute or ``_name``) in or not in a value set."""

    column: str
    values: frozenset
    negated: bool = False


@dataclass(frozen=True)
class _Node:
    tests: tuple[_Test, ...]
    left: int  # index of the LEFT_ID node; -1 for the root
    op: str
    #: the tests as plain tuples (column, values, negated), for the inner loop
    checks: tuple[tuple[str, frozenset, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "checks", tuple((t.column, t.values, t.negated) for t in self.tests)
        )


@dataclass(frozen=True)
class _Pattern:
    key: str
    nodes: tuple[_Node, ...]


class DependencyPatterns:
    """Patterns added with :meth:`add`; calling it on a doc gives ``(key, token indices)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[_Pattern] = []
        self._cached_plan: _Plan | None = None  # see _plan

    @property
    def extensions(self) -> frozenset[str]:
        """The custom attributes (``token._.name``) the patterns test."""
        return frozenset(column[1:] for column in self._plan().custom)

    def add(self, key: str, pattern: Sequence[Mapping]) -> None:
        """Add one pattern in spaCy's ``DependencyMatcher`` format under ``key``."""
        if not pattern:
            raise PatternError("a pattern needs at least one node")
        names: dict[str, int] = {}
        nodes = []
        for i, spec in enumerate(pattern):
            name = spec.get("RIGHT_ID")
            if not isinstance(name, str) or name in names:
                raise PatternError(f"node {i}: RIGHT_ID missing or repeated")
            if i == 0:
                if "LEFT_ID" in spec or "REL_OP" in spec:
                    raise PatternError("the first node is the root: no LEFT_ID or REL_OP")
                left, op = -1, ""
            else:
                if spec.get("LEFT_ID") not in names:
                    raise PatternError(f"node {name!r}: LEFT_ID must name an earlier node")
                op = spec.get("REL_OP")
                if op not in _OPERATORS:
                    raise PatternError(f"node {name!r}: unknown REL_OP {op!r}")
                left = names[spec["LEFT_ID"]]
            unknown = set(spec) - {"RIGHT_ID", "RIGHT_ATTRS", "LEFT_ID", "REL_OP"}
            if unknown:
                raise PatternError(f"node {name!r}: unknown keys {sorted(unknown)}")
            names[name] = i
            nodes.append(_Node(self._tests(name, spec.get("RIGHT_ATTRS", {})), left, op))
        self._patterns.append(_Pattern(key, tuple(nodes)))
        self._cached_plan = None

    def _tests(self, name: str, right_attrs: Mapping) -> tuple[_Test, ...]:
        tests = []
        for attr, value in right_attrs.items():
            if attr == "_":
                if not isinstance(value, Mapping):
                    raise PatternError(f"node {name!r}: '_' must map attribute names to values")
                for ext, ext_value in value.items():
                    tests.append(self._test(name, "_" + ext, ext_value, lambda v: v))
            elif attr in ATTRIBUTES:
                tests.append(self._test(name, attr, value, self._string_id))
            else:
                raise PatternError(f"node {name!r}: attribute {attr!r} is not supported")
        return tuple(tests)

    def _test(self, name: str, column: str, value: object, encode: Callable) -> _Test:
        if isinstance(value, Mapping):
            if len(value) != 1 or next(iter(value)) not in {"IN", "NOT_IN"}:
                raise PatternError(f"node {name!r}: {column} supports only a value, IN and NOT_IN")
            ((operator, values),) = value.items()
            if not isinstance(values, list | tuple):
                raise PatternError(f"node {name!r}: {column} {operator} needs a list")
            return _Test(column, frozenset(encode(v) for v in values), operator == "NOT_IN")
        return _Test(column, frozenset([encode(value)]))

    def _string_id(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise PatternError(f"token attribute values must be strings, not {value!r}")
        return self.vocab.strings.add(value) if isinstance(value, str) else value

    def __call__(
        self,
        doc: Doc,
        extensions: Mapping[str, Sequence] | None = None,
        within: Sequence[bool] | None = None,
    ) -> list[tuple[str, tuple[int, ...]]]:
        """Every match in ``doc``: (key, one token index per node, in pattern order), ordered by
        pattern, then root token. ``extensions`` gives, for each custom attribute the patterns
        test, its value on every token (a sequence as long as the doc); ``within``, if given,
        says which tokens a match may use."""
        if not self._patterns or len(doc) == 0:
            return []
        plan = self._plan()
        view = _View(doc, plan, extensions or {}, within)
        tree: _Tree | None = None
        matches = []
        for pattern, required, root in zip(self._patterns, plan.required, plan.roots, strict=True):
            if not view.possible(required):
                continue
            roots = view.candidates(root, pattern.nodes[0])
            if roots:
                tree = tree or _Tree(doc)
                for chosen in _grow(pattern.nodes, view, tree, roots):
                    matches.append((pattern.key, chosen))
        return matches

    def _plan(self) -> _Plan:
        if self._cached_plan is None:
            self._cached_plan = _Plan.of(self._patterns)
        return self._cached_plan


@dataclass(frozen=True)
class _Plan:
    """What the patterns need of every doc, worked out once per set of patterns."""

    native: tuple[str, ...]  # the token attributes tested, in the order of the doc's array
    custom: tuple[str, ...]  # the custom attributes tested, as ``_name``
    wanted: Mapping[str, frozenset]  # per column, every value a root's test looks for
    tests: tuple[_Test, ...]  # every distinct test that looks for values (not NOT_IN)
    #: per pattern, the numbers (in ``tests``) of its nodes' tests that look for values: a doc
    #: without a value of each cannot match it
    required: tuple[tuple[int, ...], ...]
    roots: tuple[int, ...]  # per pattern, a number shared by the patterns with the same root

    @classmethod
    def of(cls, patterns: Sequence[_Pattern]) -> _Plan:
        used = sorted({t.column for p in patterns for n in p.nodes for t in n.tests})
        wanted: dict[str, set] = {}
        tests: dict[_Test, int] = {}
        roots: dict[tuple[_Test, ...], int] = {}
        for pattern in patterns:
            for test in pattern.nodes[0].tests:
                if not test.negated:
                    wanted.setdefault(test.column, set()).update(test.values)
            for test in (t for n in pattern.nodes for t in n.tests if not t.negated):
                tests.setdefault(test, len(tests))
            roots.setdefault(pattern.nodes[0].tests, len(roots))
        return cls(
            tuple(c for c in used if not c.startswith("_")),
            tuple(c for c in used if c.startswith("_")),
            {column: frozenset(values) for column, values in wanted.items()},
            tuple(tests),
            tuple(
                tuple(dict.fromkeys(tests[t] for n in p.nodes for t in n.tests if not t.negated))
                for p in patterns
            ),
            tuple(roots[p.nodes[0].tests] for p in patterns),
        )


class _Columns(dict):
    """A doc's values per column (``column -> list``); a token attribute's column is read from
    the doc's array into a list the first time it is asked for."""

    def __init__(self, array: np.ndarray, native: Sequence[str]) -> None:
        super().__init__()
        self._array = array
        self._position = {column: k for k, column in enumerate(native)}

    def __missing__(self, column: str) -> list:
        values = self._array[:, self._position[column]].tolist()
        self[column] = values
        return values


class _View:
    """A doc as the patterns see it: its columns, the tokens a match may use, and what the
    patterns' tests find in it, each worked out once per doc and only when first asked for."""

    def __init__(
        self,
        doc: Doc,
        plan: _Plan,
        extensions: Mapping[str, Sequence],
        within: Sequence[bool] | None,
    ) -> None:
        size = len(doc)
        array = np.empty((size, 0), dtype=np.uint64)
        if plan.native:
            array = doc.to_array([ATTRIBUTES[c] for c in plan.native]).reshape(size, -1)
        self.columns = _Columns(array, plan.native)
        for column in plan.custom:
            if column[1:] not in extensions:
                raise PatternError(f"no values given for the custom attribute {column[1:]!r}")
            values = list(extensions[column[1:]])
            if len(values) != size:
                raise PatternError(f"{len(values)} values of {column[1:]!r} for {size} tokens")
            self.columns[column] = values
        self.size = size
        self.wanted = plan.wanted
        self.tests = plan.tests
        self.allowed = [True] * size if within is None else [bool(w) for w in within]
        self._present: list[bool | None] = [None] * len(plan.tests)  # by test number
        self._values: dict[str, set] = {}
        self._index: dict[str, dict[object, list[int]]] = {}
        self._candidates: list[list[int] | None] = [None] * (max(plan.roots, default=-1) + 1)

    def passes(self, node: _Node, i: int) -> bool:
        """Whether token ``i`` may stand for ``node``."""
        if not self.allowed[i]:
            return False
        columns = self.columns
        for column, values, negated in node.checks:
            if (columns[column][i] in values) == negated:
                return False
        return True

    def possible(self, required: Sequence[int]) -> bool:
        """False when one of the ``required`` tests (numbers in :class:`_Plan`'s ``tests``)
        looks for values that no token of the doc has: then the pattern cannot match."""
        present = self._present
        for k in required:
            found = present[k]
            if found is None:
                found = present[k] = self._present_in_doc(self.tests[k])
            if not found:
                return False
        return True

    def _present_in_doc(self, test: _Test) -> bool:
        values = self._values.get(test.column)
        if values is None:
            try:
                values = self._values[test.column] = set(self.columns[test.column])
            except TypeError:  # unhashable custom values: cannot tell, so say present
                return True
        return not test.values.isdisjoint(values)

    def candidates(self, root: int, node: _Node) -> list[int]:
        """Every token that may stand for ``node``, a root (its tests look for values of
        :class:`_Plan`'s ``wanted``), found once per doc for all roots numbered ``root``."""
        found = self._candidates[root]
        if found is None:
            best: tuple[int, list[list[int]]] | None = None  # the fewest tokens a test finds
            for test in node.tests:
                if not test.negated:
                    index = self.index(test.column)
                    positions = [index[v] for v in test.values & index.keys()]
                    count = sum(map(len, positions))
                    if best is None or count < best[0]:
                        best = (count, positions)
            pool = range(self.size) if best is None else sorted(itertools.chain(*best[1]))
            found = self._candidates[root] = [i for i in pool if self.passes(node, i)]
        return found

    def index(self, column: str) -> dict[object, list[int]]:
        """The positions of each value of ``column`` that a root looks for."""
        if column not in self._index:
            index: dict[object, list[int]] = {}
            wanted = self.wanted.get(column, frozenset())
            for i, value in enumerate(self.columns[column]):
                if value in wanted:
                    index.setdefault(value, []).append(i)
            self._index[column] = index
        return self._index[column]


def _grow(
    nodes: Sequence[_Node], view: _View, tree: _Tree, roots: Sequence[int]
) -> list[tuple[int, ...]]:
    """Every match whose root is one of ``roots``, by root, then in the order the operators
    give the tokens of each node: the partial matches are extended one node at a time."""
    partial = [(root,) for root in roots]
    for node in nodes[1:]:
        operator, left, passes = _OPERATORS[node.op], node.left, view.passes
        grown = []
        if node.op in _LINEAR:  # the only operators that may reach another tree
            tops = tree.root
            for chosen in partial:
                top = tops[chosen[0]]
                for token in operator(tree, chosen[left]):
                    if tops[token] == top and passes(node, token):
                        grown.append((*chosen, token))
        else:
            for chosen in partial:
                for token in operator(tree, chosen[left]):
                    if passes(node, token):
                        grown.append((*chosen, token))
        if not grown:
            return []
        partial = grown
    return partial


class _Tree:
    """Heads, children and sentence bounds of a parsed doc, as plain lists."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        heads = doc.to_array([attrs.HEAD]).astype(np.int64).reshape(n) + np.arange(n)
        self.head: list[int] = heads.tolist()
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        top = heads  # each token's highest ancestor found so far: doubles the reach each round
        while True:
            above = top[top]
            if np.array_equal(above, top):
                break
            top = above
        self._top = top
        self.root: list[int] = top.tolist()  # the root of each token's tree
        self._bounds: dict[int, tuple[int, int]] = {}

    def bounds(self, i: int) -> tuple[int, int]:
        """Start and end of the tree ``i`` is in, as spaCy's matcher takes it: root's edges."""
        r = self.root[i]
        if r not in self._bounds:
            members = np.flatnonzero(self._top == r)  # the root's subtree
            self._bounds[r] = (int(members[0]), int(members[-1]) + 1)
        return self._bounds[r]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out = []
        while self.head[i] != i:
            i = self.head[i]
            out.append(i)
        return out

    def siblings(self, i: int) -> list[int]:
        return self.children[self.head[i]]


def _imm(tokens: list[int], target: int) -> list[int]:
    return [target] if target in tokens else []


def _in_sentence(tree: _Tree, i: int, j: int) -> list[int]:
    start, end = tree.bounds(i)
    return [j] if start <= j < end else []


#: the operators that follow the word order, not the tree: what they reach may be in another tree
_LINEAR = frozenset({".", ".*", ";", ";*"})

_OPERATORS: dict[str, Callable[[_Tree, int], list[int]]] = {
    "<": lambda t, i: [] if t.head[i] == i else [t.head[i]],
    ">": lambda t, i: t.children[i],
    "<<": lambda t, i: t.ancestors(i),
    ">>": lambda t, i: [j for j in t.subtree(i) if j != i],
    ".": lambda t, i: _in_sentence(t, i, i + 1),
    ".*": lambda t, i: list(range(i + 1, t.bounds(i)[1])),
    ";": lambda t, i: _in_sentence(t, i, i - 1),
    ";*": lambda t, i: list(range(t.bounds(i)[0], i)),
    "$+": lambda t, i: _imm(t.siblings(i), i + 1),
    "$-": lambda t, i: _imm(t.siblings(i), i - 1),
    "$++": lambda t, i: [j for j in t.siblings(i) if j > i],
    "$--": lambda t, i: [j for j in t.siblings(i) if j < i],
    ">+": lambda t, i: _imm([j for j in t.children[i] if j > i], i + 1),
    ">-": lambda t, i: _imm([j for j in t.children[i] if j < i], i - 1),
    ">++": lambda t, i: [j for j in t.children[i] if j > i],
    ">--": lambda t, i: [j for j in t.children[i] if j < i],
    "<+": lambda t, i: [t.head[i]] if t.head[i] == i + 1 else [],
    "<-": lambda t, i: [t.head[i]] if t.head[i] == i - 1 else [],
    "<++": lambda t, i: [t.head[i]] if t.head[i] > i else [],
    "<--": lambda t, i: [t.head[i]] if t.head[i] < i else [],
}
