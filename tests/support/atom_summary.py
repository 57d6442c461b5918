#!/usr/bin/python3
"""Reads an Atom feed (RFC 4287) on stdin and writes its structure as one JSON object on stdout,
so tests can check a feed with a real XML parser. Exit status 1, with the parser's message on
stderr, when the input is not well-formed XML."""

import json
import sys
import xml.etree.ElementTree as ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"


def children(element):
    """How many children of each Atom name the element has."""
    counts = {}
    for child in element:
        name = child.tag[len(ATOM):] if child.tag.startswith(ATOM) else child.tag
        counts[name] = counts.get(name, 0) + 1
    return counts


def text(element, name):
    child = element.find(ATOM + name)
    return None if child is None else (child.text or "")


def links(element):
    return [{"rel": link.get("rel", "alternate"), "type": link.get("type"),
             "href": link.get("href")} for link in element.findall(ATOM + "link")]


def main():
    try:
        root = ElementTree.fromstring(sys.stdin.buffer.read())
    except ElementTree.ParseError as error:
        print("not well-formed XML: %s" % error, file=sys.stderr)
        return 1
    author = root.find(ATOM + "author")
    summary = {
        "root": root.tag,
        "children": children(root),
        "id": text(root, "id"),
        "title": text(root, "title"),
        "updated": text(root, "updated"),
        "rights": text(root, "rights"),
        "author": None if author is None else text(author, "name"),
        "links": links(root),
        "entries": [{
            "children": children(entry),
            "id": text(entry, "id"),
            "title": text(entry, "title"),
            "updated": text(entry, "updated"),
            "published": text(entry, "published"),
            "summary": text(entry, "summary"),
            "rights": text(entry, "rights"),
            "links": links(entry),
            "categories": [c.get("term") for c in entry.findall(ATOM + "category")],
        } for entry in root.findall(ATOM + "entry")],
    }
    json.dump(summary, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
