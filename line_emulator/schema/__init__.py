"""OpenAPI 3.0 component schemas compiled into fast validators.

LINE's OpenAPI documents describe polymorphic objects (messages, actions, flex components,
templates …) with a base schema that carries a ``discriminator`` and subtypes that extend the
base through ``allOf``.  A reference to the base from a property means "one of the subtypes,
chosen by the discriminator property"; a reference to the base from a subtype's ``allOf``
means "the base's own properties".  Both readings are compiled here.

Two products come out of one document (:class:`SchemaSet`):

* :meth:`SchemaSet.validate` – closures compiled once (``compiler``, ``keywords``), returning
  LINE-style violations (``violations``; ``property`` like ``messages[0].quickReply.items[13]``)
  in a few microseconds per node;
* :meth:`SchemaSet.json_schema` – an equivalent JSON Schema (2020-12) for use with
  the ``jsonschema`` package, e.g. to cross-check builders in other tests (``json_schema``).

Extra constraints that LINE documents but the OpenAPI file does not express are passed in
as an *overlay*: ``{ComponentName: schema fragment}``; each fragment is applied to the
component as one more ``allOf`` member.  Fragments may use two keywords of our own:
``maxGraphemes`` (length counted in user-perceived characters, as LINE counts labels,
``text_length``) and ``x-check`` (a Python callable ``(value, path, errors) -> None`` for
rules between fields).
"""

from line_emulator.schema.schema_set import SchemaSet
from line_emulator.schema.text_length import grapheme_length, utf16_length
from line_emulator.schema.violations import Check, PathNode, Violation, add_violation, render_path

__all__ = [
    "Check",
    "PathNode",
    "SchemaSet",
    "Violation",
    "add_violation",
    "grapheme_length",
    "render_path",
    "utf16_length",
]
