"""Pictures put into a .docx in time linear in their number: python-docx's image lookups, indexed.

To add a picture python-docx looks for the same image already in the package by computing the SHA-1
of every image part there, numbers the new part by listing every part's number, then relates it to
the story part by scanning all of that part's relationships: quadratic in the pictures of a decree
(488,566 SHA-1 computations for the 988 pictures of a 3,000-process map). :class:`ImageIndex` keeps
digest -> part and the numbers in use, each part hashed once; :class:`RelationIndex` keeps target ->
relationship. The parts and relationships they make, their names (``/word/media/imageN.png``,
``rIdN``, the lowest free N) and their order are those python-docx makes: the bytes are unchanged.
"""

from __future__ import annotations

from typing import IO

from docx.image.image import Image
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.rel import Relationships, _Relationship
from docx.package import ImageParts, Package
from docx.parts.image import ImagePart
from docxtpl import InlineImage


class ImageIndex:
    """The image parts of one package by digest, and the part numbers in use."""

    def __init__(self, parts: ImageParts) -> None:
        self._parts = parts
        self._by_sha1: dict[str, ImagePart] = {}
        self._numbers: set[int] = set()
        self._free = 1  # no number below this one is free
        for part in parts:
            self._remember(part, part.sha1)

    def _remember(self, part: ImagePart, sha1: str) -> None:
        self._by_sha1.setdefault(sha1, part)  # the first of equal images, as python-docx's scan finds
        if part.partname.idx is not None:
            self._numbers.add(part.partname.idx)

    def get_or_add_image_part(self, image_descriptor: str | IO[bytes]) -> ImagePart:
        """The part holding this image, added when the package has none with the same bytes."""
        image = Image.from_file(image_descriptor)
        found = self._by_sha1.get(image.sha1)
        if found is not None:
            return found
        while self._free in self._numbers:
            self._free += 1
        part = ImagePart.from_image(image, PackURI(f"/word/media/image{self._free}.{image.ext}"))
        self._parts.append(part)
        self._remember(part, image.sha1)
        return part


class RelationIndex:
    """The internal relationships of one part by (type, target), and the next free rId.

    Rebuilt whenever the relationships changed behind its back (their number differs from what
    it last saw), so it never answers from a stale view.
    """

    def __init__(self, rels: Relationships) -> None:
        self._rels = rels
        self._size = -1
        self._by_target: dict[tuple[str, Part], _Relationship] = {}
        self._free = 1

    def _refresh(self) -> None:
        if self._size == len(self._rels):
            return
        self._by_target = {}
        for rel in self._rels.values():
            if not rel.is_external:
                self._by_target.setdefault((rel.reltype, rel.target_part), rel)
        self._free, self._size = 1, len(self._rels)

    def get_or_add(self, reltype: str, target_part: Part) -> _Relationship:
        """The relationship of ``reltype`` to ``target_part``, added when there is none."""
        self._refresh()
        found = self._by_target.get((reltype, target_part))
        if found is not None:
            return found
        while f"rId{self._free}" in self._rels:
            self._free += 1
        rel = self._rels.add_relationship(reltype, target_part, f"rId{self._free}")
        self._by_target[(reltype, target_part)] = rel
        self._size = len(self._rels)
        return rel


def _indexed(method: object, kind: type) -> bool:
    return isinstance(getattr(method, "__self__", None), kind)


def index_images(package: Package, part: Part) -> None:
    """Let ``package`` find and name its image parts, and ``part`` its relationships, through an
    index (once each; later calls do nothing)."""
    if not _indexed(package.get_or_add_image_part, ImageIndex):
        package.get_or_add_image_part = ImageIndex(package.image_parts).get_or_add_image_part  # type: ignore[method-assign]
    if not _indexed(part.rels.get_or_add, RelationIndex):
        part.rels.get_or_add = RelationIndex(part.rels).get_or_add  # type: ignore[method-assign]


class IndexedInlineImage(InlineImage):
    """A docxtpl picture that, when placed, indexes the images of the document it goes into."""

    def _insert_image(self) -> str:
        part = self.tpl.current_rendering_part
        index_images(part.package, part)
        return super()._insert_image()
