#!/usr/bin/python3
"""Walks every operation of a running server's OpenAPI document with requests generated from
the document's own schemas, and reports where the server and the document disagree:

- any 5xx;
- input the document calls valid, refused with a status the operation may not give it (400 is
  never acceptable for valid input; 404 only where a path names something, 409/428 only where
  the state can conflict, and a few statuses only where the operation's meaning gives them);
- input the document calls invalid, accepted with a 2xx;
- a 2xx or 4xx body that does not match the schema documented for that status.

Usage: openapi_walk.py --url https://127.0.0.1:PORT --ca CA.pem --token TOKEN
                       --postmortem-id ID [--examples N]
Exit status 0 when nothing was found; 1 with the findings on stdout otherwise.
"""

import argparse
import copy
import datetime
import http.client
import json
import re
import ssl
import sys
import time
import urllib.parse
import uuid

import tempfile

import jsonschema
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

# Statuses documented-valid input may get, besides 2xx, and why.
STATE_STATUSES = {409, 428}  # the state conflicts (stale version, wrong status transition)
# Operations whose meaning gives valid input another answer.
MEANING_STATUSES = {
    ("post", "/api/v1/session"): {401, 429},  # generated credentials are wrong; then throttled
    ("put", "/api/v1/me/password"): {403},  # the generated current password is wrong
}
# Operations that contact the instance named in the request.
REACHES_OTHER_INSTANCES = {("post", "/api/v1/subscriptions"), ("get", "/api/v1/peers/preview")}
# The default limit on a request body (bytes); 413 above it is documented.
BODY_LIMIT = 1024 * 1024
# Parameters the server issues and recognises only as issued: a valid one cannot be generated.
ISSUED_PARAMETERS = {"cursor"}
# Body fields that name something else: generated values point at what exists, or are left out.
REFERENCES = {
    "owner": lambda: st.sampled_from(["admin", None]),  # a user that exists, or none
    "parent_id": None,  # a comment of the same postmortem: left out
    "action_items[].id": None,  # an action item of the same postmortem: left out
}


class Client:
    def __init__(self, url, ca_file, token):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.context = ssl.create_default_context(cafile=ca_file)
        self.token = token
        self.conn = None

    def send(self, method, path, headers=None, body=None):
        all_headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPSConnection(
                        self.host, self.port, context=self.context, timeout=60)
                self.conn.request(method.upper(), path, body=body, headers=all_headers)
                response = self.conn.getresponse()
                data = response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
                return response.status, response.getheader("Content-Type", ""), data
            except (http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)


def resolve(node, root):
    """The schema with every local $ref replaced by what it points at."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            merged = dict(resolve(target, root))
            merged.update({k: resolve(v, root) for k, v in node.items() if k != "$ref"})
            return merged
        return {k: resolve(v, root) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v, root) for v in node]
    return node


# ---- generating documented-valid values ------------------------------------------------------

# Any character JSON can carry in UTF-8: no surrogates. NUL and others are excluded by patterns.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
# Wide characters catch limits counted in bytes where the document counts characters.
WIDE_CHARS = ["é", "ł", "€", "漢", "😀"]


# Valid in RE2 and ECMA-262 alike.
VALID_REGEXES = ["acct-[0-9]{6}", "(?i)hindsight", "[a-z]+\\.internal", "x"]


def instant(text):
    """The instant of an RFC 3339 date-time, for ordering."""
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)$",
                     text)
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    fraction = float(match.group(7) or 0)
    value = datetime.datetime(year, month, day, hour, minute, second)
    zone = match.group(8)
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        value -= sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return value, fraction


def put_in_order(draw, out, order):
    """Reorders the present values of x-order's fields so they increase (strictly: no ties)."""
    fields = [f for f in order["fields"] if out.get(f) is not None]
    values = [out[f] for f in fields]
    key = instant if all(isinstance(v, str) for v in values) else (lambda v: v)
    values.sort(key=key)
    if order.get("strict"):
        assume(all(key(a) < key(b) for a, b in zip(values, values[1:])))
    for f, v in zip(fields, values):
        out[f] = v


def date_time():
    """RFC 3339 date-times whose instant falls in years 0001-9999 UTC, at any offset."""
    first = datetime.datetime(1, 1, 2, tzinfo=datetime.timezone.utc)
    last = datetime.datetime(9999, 12, 30, tzinfo=datetime.timezone.utc)
    recent = (datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc),
              datetime.datetime(2100, 1, 1, tzinfo=datetime.timezone.utc))

    def build(instant, micros, offset, separator, zulu):
        instant = instant.replace(microsecond=micros)
        local = instant + datetime.timedelta(minutes=offset)
        text = "%04d-%02d-%02d%s%02d:%02d:%02d" % (local.year, local.month, local.day, separator,
                                                   local.hour, local.minute, local.second)
        if micros:
            text += ".%06d" % micros
        if offset == 0 and zulu:
            return text + zulu
        sign = "+" if offset >= 0 else "-"
        return text + "%s%02d:%02d" % (sign, abs(offset) // 60, abs(offset) % 60)

    seconds = st.one_of(st.integers(0, int((last - first).total_seconds())),
                        st.integers(int((recent[0] - first).total_seconds()),
                                    int((recent[1] - first).total_seconds())))
    return st.builds(build, seconds.map(lambda s: first + datetime.timedelta(seconds=s)),
                     st.one_of(st.just(0), st.integers(1, 999999)),
                     st.one_of(st.just(0), st.integers(-(23 * 60 + 59), 23 * 60 + 59)),
                     st.sampled_from(["T", "t"]), st.sampled_from(["Z", "z", ""]))


def string_strategy(schema):
    fmt = schema.get("format")
    if fmt == "date-time":
        return date_time()
    if fmt == "date":
        return st.dates().map(lambda d: d.isoformat())
    if fmt == "uuid":
        return st.uuids().map(str)
    if fmt == "regex":
        return st.sampled_from(VALID_REGEXES)
    if fmt == "uri":
        return st.text(st.characters(whitelist_categories=("Ll", "Nd")), max_size=30).map(
            lambda s: "https://example.org/" + s)
    low = schema.get("minLength", 0)
    high = schema.get("maxLength", 40)
    pattern = schema.get("pattern")
    short = st.text(ANY_CHAR, min_size=low, max_size=min(high, max(low, 40)))
    if pattern:
        short = st.one_of(short, st.from_regex(pattern, fullmatch=True))
    strategy = short
    # At the limit, in wide characters; rarely for long texts, which cost the server time.
    if "maxLength" in schema:
        at_limit = st.sampled_from(WIDE_CHARS + ["x"]).map(lambda c, n=high: c * n)
        weight = 2 if high <= 1000 else 12
        strategy = st.one_of([short] * weight + [at_limit])
    strategy = strategy.filter(lambda s: low <= len(s) <= high)
    if pattern:
        compiled = re.compile(pattern)
        strategy = strategy.filter(lambda s: compiled.search(s) is not None)
    return strategy


def number_strategy(schema, integer):
    low = schema.get("minimum")
    high = schema.get("maximum")
    if "exclusiveMinimum" in schema:
        low = schema["exclusiveMinimum"] + (1 if integer else 1e-9)
    if "exclusiveMaximum" in schema:
        high = schema["exclusiveMaximum"] - (1 if integer else 1e-9)
    if integer:
        edges = [v for v in (low, high) if v is not None]
        return st.one_of(st.integers(low, high), st.sampled_from(edges) if edges else st.nothing())
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def value_strategy(schema, path=""):
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            base = {k: v for k, v in schema.items() if k != key}
            return st.one_of([value_strategy({**base, **s}, path) for s in schema[key]])
    types = schema.get("type")
    if isinstance(types, list):
        return st.one_of([value_strategy({**schema, "type": t}, path) for t in types])
    if types == "null":
        return st.none()
    if types == "boolean":
        return st.booleans()
    if types == "integer":
        return number_strategy(schema, True)
    if types == "number":
        return number_strategy(schema, False)
    if types == "string":
        return string_strategy(schema)
    if types == "array":
        item = value_strategy(schema.get("items", {}), path + "[]")
        return st.lists(item, min_size=schema.get("minItems", 0),
                        max_size=min(schema.get("maxItems", 4), 4),
                        unique=bool(schema.get("uniqueItems")))
    if types == "object" or "properties" in schema:
        return object_strategy(schema, path)
    return st.just({})


def object_strategy(schema, path):
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))

    @st.composite
    def build(draw):
        out = {}
        for name, sub in properties.items():
            key = (path + "." if path else "") + name
            reference = next((r for k, r in REFERENCES.items()
                              if key == k or key.endswith("." + k)), "none")
            if reference is None and name not in required:
                continue
            if name not in required and not draw(st.booleans()):
                continue
            if reference not in ("none", None):
                out[name] = draw(reference())
            else:
                out[name] = draw(value_strategy(sub, key))
        if "x-order" in schema:
            put_in_order(draw, out, schema["x-order"])
        return out

    low = schema.get("minProperties", 0)
    return build().filter(lambda o: len(o) >= low)


# ---- generating documented-invalid values ----------------------------------------------------

def invalid_strings(schema):
    """Strings a string schema refuses."""
    out = ["a\u0000b", "\u0000"]
    if "maxLength" in schema:
        out += ["x" * (schema["maxLength"] + 1), "😀" * (schema["maxLength"] + 1)]
    if schema.get("minLength", 0) > 0:
        out.append("")
    if schema.get("format") == "date-time":
        # (An offset beyond 15:59, which PostgreSQL refuses, is valid RFC 3339: generated as valid.)
        out += ["0000-12-31T23:00:00Z", "9999-12-31T23:59:59-00:01",
                "0001-01-01T00:00:00+00:01", "2026-02-30T00:00:00Z", "2026-05-01 12:00:00Z",
                "2026-05-01T24:00:00Z"]
    if schema.get("format") == "date":
        out += ["2026-13-01", "0000-01-01", "2026-1-1"]
    if "enum" in schema:
        out.append("not-" + str(schema["enum"][0]))
    return out


def invalid_values(schema):
    """(value, strict) pairs of the wrong type or out of range for `schema`, with a raw JSON
    text for what json.dumps cannot write (lone surrogates). Strict ones break a rule the
    server must enforce (it cannot store or use such a value), so accepting them is a finding;
    the others must only not be a 5xx."""
    types = schema.get("type")
    types = set(types if isinstance(types, list) else [types] if types else [])
    out = [(v, False) for v in (None, True, 1, 1.5, "text", [], {}, -1, 2 ** 63, 1e308)]
    if "string" in types or "enum" in schema or "format" in schema:
        out += [(v, True) for v in invalid_strings(schema)]
        out.append((RawJson('"a\\ud800b"'), True))
    if types & {"integer", "number"}:
        if "minimum" in schema:
            out.append((schema["minimum"] - 1, True))
        if "maximum" in schema:
            out.append((schema["maximum"] + 1, True))
        out += [(v, True) for v in (2 ** 31, -(2 ** 31) - 1, 2 ** 64, -(2 ** 63) - 1)]
    return out


def path_value_is_valid(text, schema):
    """Whether a percent-encoded path segment, read as the parameter's type, is one the schema
    allows."""
    try:
        text = urllib.parse.unquote(text, errors="strict")
    except UnicodeDecodeError:
        return False
    value = text
    if schema.get("type") == "integer":
        try:
            value = int(text)
        except ValueError:
            return False
    return jsonschema.Draft202012Validator(schema).is_valid(value)


class RawJson:
    """A JSON text put into the body as written."""
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def dump(value):
    """JSON text of a value that may contain RawJson pieces."""
    pieces = []

    def strip(node):
        if isinstance(node, RawJson):
            pieces.append(node.text)
            return "\u0001raw%d\u0001" % (len(pieces) - 1)
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    text = json.dumps(strip(value), ensure_ascii=True)
    for i, piece in enumerate(pieces):
        text = text.replace('"\\u0001raw%d\\u0001"' % i, piece)
    return text


def schema_paths(schema, prefix=()):
    """(path, sub-schema) for every property below an object schema, arrays entered at [0]."""
    out = []
    for key in ("oneOf", "anyOf"):
        for sub in schema.get(key, []):
            out += schema_paths({**{k: v for k, v in schema.items() if k != key}, **sub}, prefix)
    for name, sub in schema.get("properties", {}).items():
        out.append((prefix + (name,), sub))
        out += schema_paths(sub, prefix + (name,))
    if "items" in schema and isinstance(schema["items"], dict):
        out.append((prefix + (0,), schema["items"]))
        out += schema_paths(schema["items"], prefix + (0,))
    return out


def minimal(schema):
    """A small valid instance: required members only, the simplest value of each."""
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return next(v for v in schema["enum"] if v is not None)
    if "oneOf" in schema or "anyOf" in schema:
        first = (schema.get("oneOf") or schema["anyOf"])[0]
        return minimal({k: v for k, v in {**schema, **first}.items() if k not in ("oneOf", "anyOf")})
    types = schema.get("type")
    kind = next((t for t in (types if isinstance(types, list) else [types]) if t != "null"), None)
    if kind == "object" or "properties" in schema:
        return {name: minimal(schema["properties"][name]) for name in schema.get("required", [])}
    if kind == "array":
        return []
    if kind in ("integer", "number"):
        return max(schema.get("minimum", 0), 1)
    if kind == "boolean":
        return False
    if kind == "string":
        return {"date-time": "2026-05-01T10:00:00Z", "date": "2026-06-30",
                "uuid": str(uuid.UUID(int=1)), "regex": "x"}.get(schema.get("format"), "x")
    return None


def with_every_array_filled(value, schema):
    """`value` with one minimal element in each array the schema has, so a rule broken inside
    an element is the only one broken."""
    if "oneOf" in schema or "anyOf" in schema:
        return value
    if isinstance(value, dict):
        out = dict(value)
        for name, sub in schema.get("properties", {}).items():
            types = sub.get("type")
            types = types if isinstance(types, list) else [types]
            if "array" in types and isinstance(sub.get("items"), dict):
                items = out.get(name) if isinstance(out.get(name), list) else []
                if not items:
                    items = [minimal(sub["items"])]
                out[name] = [with_every_array_filled(items[0], sub["items"])] + items[1:]
            elif name in out and isinstance(out[name], dict):
                out[name] = with_every_array_filled(out[name], sub)
        return out
    return value


def set_at(document, path, value):
    """A copy of `document` with `value` at `path`, building the containers on the way."""
    document = copy.deepcopy(document)
    node = document
    for i, part in enumerate(path):
        last = i == len(path) - 1
        following = None if last else path[i + 1]
        blank = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            if not isinstance(node, list):
                return None
            if not node:
                node.append(blank if not last else value)
            if last:
                node[0] = value
            elif not isinstance(node[0], (dict, list)):
                node[0] = blank
            node = node[0] if not last else node
        else:
            if not isinstance(node, dict):
                return None
            if last:
                node[part] = value
            else:
                if not isinstance(node.get(part), (dict, list)):
                    node[part] = blank
                node = node[part]
    return document


# ---- the walk --------------------------------------------------------------------------------

class Walk:
    def __init__(self, client, document, postmortem_id, examples):
        self.client = client
        self.document = document
        self.postmortem_id = postmortem_id
        self.examples = examples
        self.findings = {}
        self.requests = 0
        self.last = None

    def finding(self, key, text):
        self.findings.setdefault(key, text)

    def operations(self):
        for path, item in self.document["paths"].items():
            shared = item.get("parameters", [])
            for method, op in item.items():
                # A peer's signed call needs an instance to sign as and to be discovered at:
                # tests/integration/federation_request_test.cpp covers those operations.
                if {"peerSignature": []} in op.get("security", []):
                    continue
                # These reach the instance a request names, over the network:
                # tests/integration/federation_delivery_test.cpp drives them between instances.
                if (method, path) in REACHES_OTHER_INSTANCES:
                    continue
                if method in ("get", "put", "post", "patch", "delete"):
                    yield path, method, resolve(op, self.document), resolve(shared, self.document)

    def path_value(self, path, name, schema):
        if name == "id" and path.startswith("/api/v1/postmortems/{id}"):
            return st.one_of(st.just(self.postmortem_id), st.uuids().map(str))
        return value_strategy(schema)

    def request_strategy(self, path, method, op, shared):
        params = shared + op.get("parameters", [])

        @st.composite
        def build(draw):
            path_values, query, headers = {}, [], {}
            for p in params:
                schema = p.get("schema", {})
                if p["in"] == "path":
                    path_values[p["name"]] = draw(self.path_value(path, p["name"], schema))
                elif p["name"] in ISSUED_PARAMETERS:
                    continue
                elif p.get("required") or draw(st.booleans()):
                    value = draw(value_strategy(schema))
                    if p["in"] == "query":
                        query.append((p["name"], value))
                    elif p["in"] == "header":
                        headers[p["name"]] = value
            body = None
            media = op.get("requestBody", {}).get("content", {}).get("application/json")
            if media is not None:
                schema = media.get("schema", {})
                body = draw(value_strategy(schema))
                assume(jsonschema.Draft202012Validator(schema).is_valid(body))
                # Every field within its limit can add up to more than the body limit: a
                # documented 413, sent before the server stops reading, so not sent at all.
                assume(len(dump(body).encode()) <= BODY_LIMIT)
            return path_values, query, headers, body

        return build()

    def target(self, path, path_values, query):
        def encoded(v):
            if isinstance(v, Raw):
                return str(v)
            text = json.dumps(v) if isinstance(v, (bool, type(None))) else str(v)
            return urllib.parse.quote(text, safe="")

        url = path
        for name, value in path_values.items():
            url = url.replace("{%s}" % name, encoded(value))
        if query:
            url += "?" + "&".join(encoded(k) + "=" + encoded(v) for k, v in query)
        return url

    def check_body(self, label, op, status, content_type, data):
        responses = op.get("responses", {})
        documented = responses.get(str(status))
        if documented is None:
            self.finding((label, "undocumented", status),
                         "%s: status %d is not documented" % (label, status))
            return None
        media = documented.get("content", {}).get("application/json")
        if media is None or "schema" not in media or not content_type.startswith("application/json"):
            return None
        try:
            value = json.loads(data)
        except ValueError:
            self.finding((label, "json", status), "%s: %d body is not JSON" % (label, status))
            return None
        errors = list(jsonschema.Draft202012Validator(media["schema"]).iter_errors(value))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            self.finding((label, "schema", status, where),
                         "%s: %d body does not match its schema at '%s': %s" %
                         (label, status, where, errors[0].message[:300]))
        return value

    def send(self, method, path, path_values, query, headers, body_text):
        self.requests += 1
        url = self.target(path, path_values, query)
        self.last = "%s %s\n    body: %s" % (method.upper(), url[:300], (body_text or "")[:500])
        status, content_type, data = self.client.send(method, url, headers, body_text)
        return url, status, content_type, data

    def walk_valid(self, path, method, op, shared):
        label = "%s %s" % (method.upper(), path)
        allowed = set(STATE_STATUSES) | MEANING_STATUSES.get((method, path), set())
        if "{" in path:
            allowed.add(404)

        @settings(max_examples=self.examples, derandomize=True, database=None, deadline=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(self.request_strategy(path, method, op, shared))
        def run(request):
            path_values, query, headers, body = request
            body_text = None if body is None else dump(body)
            url, status, content_type, data = self.send(method, path, path_values, query,
                                                        headers, body_text)
            value = self.check_body(label, op, status, content_type, data)
            if status >= 500 or not (200 <= status < 300 or status in allowed):
                error = value.get("error") if isinstance(value, dict) else None
                self.finding((label, "valid", status, json.dumps(error and error.get("field"))),
                             "%s: documented-valid input got %d %s\n    %s %s\n    body: %s" %
                             (label, status, data[:300].decode("utf-8", "replace"), method.upper(),
                              url[:300], (body_text or "")[:500]))

        try:
            run()
        except Unsatisfiable:
            self.finding((label, "unsatisfiable"),
                         "%s: no valid request could be generated from the document" % label)

    def invalid_cases(self, path, method, op, shared, valid):
        """(label, path_values, query, headers, body_text) cases, each breaking one rule."""
        path_values, query, headers, body = valid
        params = shared + op.get("parameters", [])
        for p in params:
            schema = p.get("schema", {})
            if p["in"] == "path":
                for bad in ("0", "-1", "99999999999999999999", "%00", "x" * 300, "%C3%28",
                            "%F0%9F%98%80" * 100):
                    if path_value_is_valid(bad, schema):
                        continue
                    raw = dict(path_values)
                    raw[p["name"]] = RawPath(bad)
                    yield p["name"], raw, query, headers, None if body is None else dump(body)
            elif p["in"] == "query":
                bads = [RawQuery("%00"), RawQuery("a%00b"), RawQuery("%FF"), RawQuery("%ED%A0%80"),
                        "x" * 5000]
                if schema.get("type") == "integer" or "integer" in (schema.get("type") or []):
                    bads += ["0", "-1", "1.5", "abc", "99999999999999999999", "2147483648"]
                bads += [s for s in invalid_strings(schema)]
                for bad in bads:
                    q = [(k, v) for k, v in query if k != p["name"]] + [(p["name"], bad)]
                    yield p["name"], path_values, q, headers, None if body is None else dump(body)
            elif p["in"] == "header":
                for bad in ('"0"', "3x", '"99999999999999999999"', "W/", '""', "*"):
                    h = dict(headers)
                    h[p["name"]] = bad
                    yield p["name"], path_values, query, h, None if body is None else dump(body)
        media = op.get("requestBody", {}).get("content", {}).get("application/json")
        if media is None:
            return
        schema = media.get("schema", {})
        validator = jsonschema.Draft202012Validator(schema)
        required = op.get("requestBody", {}).get("required", False)
        for bad_text in ([""] if required else []) + ["null", "[]", '"text"', "{", '{"a":1}{',
                                                      '"\\ud800"', '{"a": "\\udc00"}']:
            yield "(body)", path_values, query, headers, bad_text
        for where, sub in schema_paths(schema):
            for bad, strict in invalid_values(sub):
                mutated = set_at(body if isinstance(body, dict) else {}, where, bad)
                if mutated is None:
                    continue
                if not isinstance(bad, RawJson) and validator.is_valid(mutated):
                    continue
                yield (".".join(map(str, where)), strict), path_values, query, headers, dump(mutated)

    def walk_invalid(self, path, method, op, shared):
        label = "%s %s" % (method.upper(), path)
        # One valid request to start from, then each rule broken in turn.
        samples = []

        @settings(max_examples=3, derandomize=True, database=None, deadline=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(self.request_strategy(path, method, op, shared))
        def collect(request):
            samples.append(request)

        try:
            collect()
        except Unsatisfiable:
            return
        path_values, query, headers, body = samples[-1]
        media = op.get("requestBody", {}).get("content", {}).get("application/json")
        if media is not None:
            # The smallest valid body to break: resending a large one a thousand times would
            # measure the parser, not the rules.
            schema = media.get("schema", {})
            small = with_every_array_filled(minimal(schema), schema)
            if jsonschema.Draft202012Validator(schema).is_valid(small):
                body = small
            else:
                body = min((s[3] for s in samples), key=lambda b: len(dump(b)))
        base = path_values, query, headers, body
        for what, path_values, query, headers, body_text in self.invalid_cases(
                path, method, op, shared, base):
            url, status, content_type, data = self.send(method, path, path_values, query,
                                                        headers, body_text)
            value = self.check_body(label, op, status, content_type, data)
            what, strict = what if isinstance(what, tuple) else (what, True)
            if status >= 500 or (strict and 200 <= status < 300):
                self.finding((label, "invalid", what, status),
                             "%s: invalid %s got %d %s\n    %s %s\n    body: %s" %
                             (label, what, status, data[:300].decode("utf-8", "replace"),
                              method.upper(), url[:300], (body_text or "")[:500]))
            elif status == 400 and isinstance(value, dict):
                code = (value.get("error") or {}).get("code")
                if code not in ("validation_failed", "invalid_json"):
                    self.finding((label, "code", what, code),
                                 "%s: invalid %s got 400 with code %s" % (label, what, code))

    def run(self):
        started = time.monotonic()
        count = 0
        self.durations = []
        for path, method, op, shared in self.operations():
            count += 1
            begun = time.monotonic()
            self.walk_valid(path, method, op, shared)
            self.walk_invalid(path, method, op, shared)
            self.durations.append((time.monotonic() - begun, "%s %s" % (method.upper(), path)))
        return count, time.monotonic() - started


class Raw(str):
    """A path segment or query value sent as written (already percent-encoded)."""


RawPath = RawQuery = Raw


def main():
    set_hypothesis_home_dir(tempfile.mkdtemp(prefix="openapi-walk-"))  # nothing left in the tree
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--postmortem-id", required=True)
    parser.add_argument("--examples", type=int, default=15)
    args = parser.parse_args()

    client = Client(args.url, args.ca, args.token)
    status, _, data = client.send("get", "/api/v1/openapi.json")
    if status != 200:
        print("cannot read the OpenAPI document: %d" % status)
        return 1
    document = json.loads(data)
    jsonschema.Draft202012Validator.check_schema(
        {"$defs": resolve(document["components"]["schemas"], document)})
    walk = Walk(client, document, args.postmortem_id, args.examples)
    try:
        count, seconds = walk.run()
        slowest = ", ".join("%s %.1f s" % (label, d) for d, label in sorted(walk.durations)[-3:])
        print("%d operations, %d requests, %.1f s (slowest: %s)" %
              (count, walk.requests, seconds, slowest))
    except (http.client.HTTPException, OSError) as e:
        walk.finding(("gone",), "the server stopped answering (%s) after:\n    %s" % (e, walk.last))
    if walk.findings:
        print("%d findings:" % len(walk.findings))
        for text in walk.findings.values():
            print("- " + text)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
