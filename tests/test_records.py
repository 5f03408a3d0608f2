"""apl.records.record: the dataclass subset the syntax layer is built on."""
import pytest

from apl.errors import Span
from apl.records import Factory, record
from apl.syntax import ast


@record
class Base:
    span: int


@record
class Child(Base):
    kind: str
    flag: bool = False
    cache: dict = Factory(dict)


def test_fields_defaults_and_fresh_factories():
    a, b = Child(1, "x"), Child(2, "y", flag=True)
    assert Child.__fields__ == ("span", "kind", "flag", "cache")
    assert (a.span, a.kind, a.flag, b.flag) == (1, "x", False, True)
    assert a.cache == {} and a.cache is not b.cache
    assert repr(a) == "Child(span=1, kind='x', flag=False, cache={})"
    assert a != Child(1, "x")  # identity, like eq=False dataclasses


def test_frozen_and_argument_errors():
    a = Child(1, "x")
    with pytest.raises(AttributeError):
        a.kind = "y"
    with pytest.raises(TypeError, match="missing kind"):
        Child(1)
    with pytest.raises(TypeError, match="unexpected"):
        Child(1, "x", colour=2)
    with pytest.raises(TypeError):
        Child(1, "x", False, {}, 5)


def test_mutable_record_and_the_syntax_classes():
    @record(frozen=False)
    class Box:
        items: list = Factory(list)

    b = Box()
    b.items = [1]
    assert b.items == [1]
    span = Span("1+2", 1, 2)
    assert span == Span("1+2", 1, 2) and hash(span) == hash(Span("1+2", 1, 2))
    with pytest.raises(AttributeError):
        span.start = 0
    lit = ast.Literal(span, 3)
    assert lit.numbers is False and lit.role == "A"
