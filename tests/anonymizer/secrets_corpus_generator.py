#!/usr/bin/env python3
"""Writes labelled secrets documents in the anonymizer corpus's format, with fresh values.

Every run with a new seed gives new documents: chat exports, config pastes (JSON, YAML, TOML,
INI, .env, HCL variables, shell export, command-line flags, semicolon connection strings),
shell history, CI logs and incident notes, holding credentials in URLs of many schemes,
values of keys that name a secret, provider-prefixed tokens and keys handed over in prose,
beside look-alikes that must be kept (numbers, durations, booleans, `${VAR}`, `<PASSWORD>`,
`secretKeyRef` names, empty values, commit ids). The anonymizer is scored on them with the
corpus's own scorer, so what is measured is generalization rather than recall of examples.

Usage: secrets_corpus_generator.py --seed N [--docs N] --out DIR
Writes DIR/input.jsonl and DIR/gold.jsonl (the formats of ../shared/anonymizer-corpus).
"""
import argparse
import base64
import binascii
import json
import os
import random
import string
import sys

LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
DIGITS = string.digits
HEX = "0123456789abcdef"
A62 = UPPER + LOWER + DIGITS
B64 = A62 + "+/"
B64URL = A62 + "-_"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class Doc:
    """A document built piece by piece: plain text, labelled spans and keep-terms."""

    def __init__(self, doc_id):
        self.id = doc_id
        self.parts = []
        self.size = 0  # UTF-8 bytes so far
        self.spans = []
        self.keep = []

    def text(self, s):
        self.parts.append(s)
        self.size += len(s.encode("utf-8"))
        return self

    def span(self, kind, s):
        start = self.size
        self.text(s)
        self.spans.append({"type": kind, "text": s, "start": start, "end": self.size})
        return self

    def secret(self, s):
        return self.span("SECRET", s)

    def kept(self, s, term=None):
        """Text that must survive; `term` (default: all of it) is listed as a keep-term."""
        self.text(s)
        self.keep.append(term if term is not None else s)
        return self

    def input_row(self):
        return {"id": self.id, "context": {}, "text": "".join(self.parts)}

    def gold_row(self):
        return {"id": self.id, "source": "generated:secrets_corpus_generator.py",
                "spans": self.spans, "keep": list(dict.fromkeys(self.keep))}


class Values:
    """Fresh random values of every shape a secret takes, from one seeded generator."""

    def __init__(self, rng):
        self.r = rng

    def chars(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def mixed(self, alphabet, n):
        """Random text from `alphabet` holding at least one digit, upper and lower letter where
        the alphabet has them (a random string of that length nearly always does)."""
        while True:
            s = self.chars(alphabet, n)
            ok = True
            for cls in (DIGITS, UPPER, LOWER):
                if any(c in alphabet for c in cls) and not any(c in cls for c in s):
                    ok = False
            if ok or n < 8:
                return s

    def hexs(self, n):
        return self.chars(HEX, n)

    def b64(self, nbytes):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()

    def b64url(self, n):
        return self.mixed(B64URL, n)

    def word(self):
        return self.r.choice(WORDS)

    def password(self, forbid=""):
        """A password of one of the shapes people choose; characters in `forbid` never occur."""
        symbols = "".join(c for c in "!#%&*-._~^+=?}@:\"'$;,/()" if c not in forbid)
        shape = self.r.randrange(7)
        if shape == 0:
            pw = self.mixed(A62 + symbols, self.r.randint(8, 22))
        elif shape == 1:  # Capitalized word, year, symbol
            pw = self.word().capitalize() + str(self.r.randint(1990, 2031)) + \
                self.r.choice(symbols or "1")
        elif shape == 2:  # passphrase
            sep = self.r.choice([c for c in "-._" if c not in forbid] or ["9"])
            pw = sep.join(self.word() for _ in range(3)) + str(self.r.randint(1, 99))
        elif shape == 3:  # short
            pw = self.word()[:3] + str(self.r.randint(10, 999)) + self.r.choice(symbols or "x")
        elif shape == 4:
            pw = self.hexs(self.r.choice([16, 24, 32, 40, 64]))
        elif shape == 5:
            pw = self.b64(self.r.choice([18, 24, 32, 48])).rstrip("=" if "=" in forbid else "")
        else:  # leetspeak
            w = self.word()
            pw = w.replace("a", "4").replace("e", "3").replace("o", "0").capitalize() + \
                self.r.choice(symbols or "7") + str(self.r.randint(0, 9))
        return "".join(c for c in pw if c not in forbid) or "Zq9" + self.hexs(6)

    def url_password(self):
        """Whatever characters a password in a URL holds, however short."""
        shape = self.r.randrange(5)
        awkward = "%&.-\"}!*~;=+,$'("
        if shape == 0:
            return self.chars(A62 + awkward, self.r.randint(2, 5))
        if shape == 1:
            return self.mixed(A62 + awkward, self.r.randint(8, 24))
        if shape == 2:  # percent-encoded reserved characters
            out = ""
            for _ in range(self.r.randint(3, 6)):
                out += self.chars(A62, self.r.randint(1, 4)) + \
                    self.r.choice(["%40", "%2F", "%3A", "%23", "%25", "%3F", "%21"])
            return out
        return self.password(forbid="@/:?# \t'\\")


# Lowercase words for passphrases and names (none of them a secret alone).
WORDS = ("amber anchor basalt beacon birch cobalt comet copper cypress delta ember falcon "
         "fjord garnet glacier harbor heron indigo juniper kestrel lantern maple meadow "
         "nebula nimbus orchid osprey pebble pepper quartz raven saffron sequoia sierra "
         "spruce tundra violet walnut willow zephyr marble cedar thistle").split()

SERVICE_USERS = ["app", "svc_orders", "replicator", "readonly", "ci", "deploy", "admin",
                 "postgres", "default", "guest", "worker", "api", "etl_loader", "grafana"]
NICKS = ["mkowalczyk", "tnakamura", "rfernandes", "lpetrova", "okafor", "jbergstrom",
         "asantos", "dmuller", "kowusu", "ylindqvist", "hcosta", "pvasquez", "nhalvorsen"]


def internal_host(v):
    role = v.r.choice(["pg", "db", "redis", "mq", "kafka", "api", "cache", "mongo", "es", "vault"])
    return f"{role}-{v.r.choice(['prod', 'stg', 'main', 'eu'])}-{v.r.randint(1, 40):02d}." + \
        v.r.choice(["prod.internal", "corp.internal", "eu1.corp", "svc.lan", "dc2.internal"])


def private_ip(v):
    return f"10.{v.r.randint(0, 254)}.{v.r.randint(0, 254)}.{v.r.randint(2, 250)}"


# --- provider-prefixed tokens: each documented format, with its checksum where it has one ---

def crc32_base62(s):
    n = binascii.crc32(s.encode()) & 0xFFFFFFFF
    out = ""
    for _ in range(6):
        n, d = divmod(n, 62)
        out = (DIGITS + UPPER + LOWER)[d] + out
    return out


def checksummed(v, prefix):
    body = v.mixed(A62, 30)
    return prefix + body + crc32_base62(body)


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def age_secret_key(v):
    hrp = "age-secret-key-"
    data = [v.r.randrange(32) for _ in range(52)]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = bech32_polymod(expanded + data + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[d] for d in data + checksum)).upper()


def uuid4(v):
    h = v.hexs(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{v.r.choice('89ab')}{h[17:20]}-{h[20:]}"


def provider_tokens():
    """name -> function(Values) -> token. One entry per documented format."""
    t = {}
    for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]:
        t["github_" + p[:3]] = lambda v, p=p: checksummed(v, p)
    t["github_fine_grained"] = lambda v: "github_pat_" + v.mixed(A62, 22) + "_" + v.mixed(A62, 59)
    for p in ["glpat-", "gldt-", "glrt-", "glft-", "glimt-", "glcbt-", "glsoat-", "gloas-"]:
        t["gitlab_" + p[:-1]] = lambda v, p=p: p + v.mixed(A62 + "_-", 20)
    t["gitlab_ptt"] = lambda v: "glptt-" + v.hexs(40)
    t["gitlab_agent"] = lambda v: "glagent-" + v.mixed(A62 + "_-", 50)
    t["gitlab_runner_registration"] = lambda v: "GR1348941" + v.mixed(A62 + "_-", 20)
    t["slack_bot"] = lambda v: f"xoxb-{v.chars(DIGITS, 11)}-{v.chars(DIGITS, 12)}-{v.mixed(A62, 24)}"
    t["slack_user"] = lambda v: f"xoxp-{v.chars(DIGITS, 11)}-{v.chars(DIGITS, 11)}-{v.chars(DIGITS, 12)}-{v.hexs(32)}"
    t["slack_app"] = lambda v: f"xapp-1-A{v.chars(UPPER + DIGITS, 10)}-{v.chars(DIGITS, 13)}-{v.hexs(64)}"
    t["slack_config"] = lambda v: f"xoxe.xoxp-1-{v.mixed(A62, 140)}"
    t["slack_refresh"] = lambda v: f"xoxe-1-{v.mixed(A62, 140)}"
    t["stripe_secret_live"] = lambda v: "sk_live_" + v.mixed(A62, v.r.choice([24, 99]))
    t["stripe_secret_test"] = lambda v: "sk_test_" + v.mixed(A62, 24)
    t["stripe_restricted"] = lambda v: "rk_live_" + v.mixed(A62, 24)
    t["stripe_webhook"] = lambda v: "whsec_" + v.mixed(A62, 32)
    t["twilio_api_key"] = lambda v: "SK" + v.hexs(32)
    t["sendgrid"] = lambda v: "SG." + v.b64url(22) + "." + v.b64url(43)
    t["npm"] = lambda v: checksummed(v, "npm_")
    t["pypi"] = lambda v: "pypi-AgEIcHlwaS5vcmc" + v.b64url(v.r.randint(60, 150))
    t["aws_access_key_id"] = lambda v: v.r.choice(["AKIA", "ASIA"]) + v.chars(UPPER + "234567", 16)
    t["google_api_key"] = lambda v: "AIza" + v.mixed(A62 + "_-", 35)
    t["google_oauth_secret"] = lambda v: "GOCSPX-" + v.mixed(A62 + "_-", 28)
    t["google_oauth_access"] = lambda v: "ya29." + v.mixed(A62 + "_-", 120)
    t["google_refresh"] = lambda v: "1//0" + v.mixed(A62 + "_-", 60)
    t["openai_project"] = lambda v: "sk-proj-" + v.mixed(A62 + "_-", 74) + "T3BlbkFJ" + v.mixed(A62 + "_-", 74)
    t["openai_legacy"] = lambda v: "sk-" + v.mixed(A62, 20) + "T3BlbkFJ" + v.mixed(A62, 20)
    t["anthropic"] = lambda v: "sk-ant-api03-" + v.mixed(A62 + "_-", 93) + "AA"
    t["openrouter"] = lambda v: "sk-or-v1-" + v.hexs(64)
    t["huggingface"] = lambda v: "hf_" + v.mixed(UPPER + LOWER, 34)
    t["databricks"] = lambda v: "dapi" + v.hexs(32)
    for p in ["dop_v1_", "doo_v1_", "dor_v1_"]:
        t["digitalocean_" + p[:3]] = lambda v, p=p: p + v.hexs(64)
    for p in ["shpat_", "shpca_", "shppa_", "shpss_"]:
        t["shopify_" + p[:-1]] = lambda v, p=p: p + v.hexs(32)
    for p in ["pscale_tkn_", "pscale_oauth_", "pscale_pw_"]:
        t["planetscale_" + p[7:-1]] = lambda v, p=p: p + v.mixed(A62 + "_", 43)
    t["linear"] = lambda v: "lin_api_" + v.mixed(A62, 40)
    for p in ["dp.pt.", "dp.st.", "dp.ct.", "dp.sa.", "dp.scim.", "dp.audit."]:
        t["doppler_" + p[3:-1]] = lambda v, p=p: p + v.mixed(A62, 43)
    t["pulumi"] = lambda v: "pul-" + v.hexs(40)
    t["terraform_cloud"] = lambda v: v.mixed(A62, 14) + ".atlasv1." + v.mixed(A62 + "_-", 67)
    t["vault_service"] = lambda v: "hvs." + v.mixed(A62 + "_-", 91)
    t["vault_batch"] = lambda v: "hvb." + v.mixed(A62 + "_-", 138)
    t["grafana_cloud"] = lambda v: "glc_" + v.b64(v.r.choice([48, 60])).rstrip("=")
    t["grafana_service_account"] = lambda v: "glsa_" + v.mixed(A62, 32) + "_" + v.hexs(8)
    t["sentry_user"] = lambda v: "sntryu_" + v.hexs(64)
    t["sentry_org"] = lambda v: "sntrys_eyJpYXQiO" + v.b64url(120)
    for p in ["NRAK-", "NRII-", "NRJS-", "NRAA-", "NRRA-"]:
        t["newrelic_" + p[:-1].lower()] = lambda v, p=p: p + v.chars(UPPER + DIGITS, 27)
    t["newrelic_license"] = lambda v: v.hexs(36) + "NRAL"
    t["honeycomb"] = lambda v: v.r.choice(["hcaik_", "hcxik_"]) + v.chars(LOWER + DIGITS, 58)
    t["dynatrace"] = lambda v: "dt0c01." + v.chars(UPPER + DIGITS, 24) + "." + v.chars(UPPER + DIGITS, 64)
    t["postman"] = lambda v: "PMAK-" + v.hexs(24) + "-" + v.hexs(34)
    t["docker_pat"] = lambda v: "dckr_pat_" + v.mixed(A62 + "_-", 27)
    t["docker_oat"] = lambda v: "dckr_oat_" + v.mixed(A62 + "_-", 32)
    t["atlassian"] = lambda v: "ATATT3xFfGF0" + v.mixed(A62 + "_-", 170) + "=" + v.hexs(8).upper()
    t["bitbucket"] = lambda v: "ATBB" + v.mixed(A62, 32)
    t["circleci"] = lambda v: "CCIPAT_" + v.mixed(A62, 22) + "_" + v.hexs(40)
    t["buildkite"] = lambda v: "bkua_" + v.hexs(40)
    t["netlify"] = lambda v: "nfp_" + v.mixed(A62, 36)
    t["heroku"] = lambda v: "HRKU-AA" + v.mixed(A62 + "_-", 58)
    t["flyio"] = lambda v: "fo1_" + v.mixed(A62 + "_-", 43)
    t["supabase_pat"] = lambda v: "sbp_" + v.hexs(40)
    t["supabase_secret"] = lambda v: "sb_secret_" + v.mixed(A62 + "_-", 31)
    t["render"] = lambda v: "rnd_" + v.mixed(A62, 32)
    t["mailgun"] = lambda v: "key-" + v.hexs(32)
    t["mailchimp"] = lambda v: v.hexs(32) + "-us" + str(v.r.randint(1, 21))
    t["discord_bot"] = lambda v: v.r.choice("MN") + v.mixed(A62, 25) + "." + v.b64url(6) + "." + v.b64url(38)
    t["telegram_bot"] = lambda v: str(v.r.randint(10**8, 10**10 - 1)) + ":AA" + v.mixed(A62 + "_-", 33)
    t["azure_ad_client_secret"] = lambda v: v.mixed(A62, 3) + str(v.r.randint(0, 9)) + "Q~" + v.mixed(A62 + "_~.-", 34)
    t["azure_devops_pat"] = lambda v: v.mixed(A62, 76) + "AZDO" + v.mixed(A62, 4)
    t["alibaba"] = lambda v: "LTAI" + v.mixed(A62, 20)
    t["tencent"] = lambda v: "AKID" + v.mixed(A62, 32)
    t["age"] = age_secret_key
    t["yandex_api_key"] = lambda v: "AQVN" + v.mixed(A62 + "_-", 36)
    t["yandex_oauth"] = lambda v: "y0_" + v.mixed(A62 + "_-", 56)
    t["square_access"] = lambda v: "EAAA" + v.mixed(A62 + "_-", 60)
    t["square_oauth_secret"] = lambda v: "sq0csp-" + v.mixed(A62 + "_-", 43)
    t["shippo"] = lambda v: v.r.choice(["shippo_live_", "shippo_test_"]) + v.hexs(40)
    t["braintree"] = lambda v: f"access_token$production${v.chars(LOWER + DIGITS, 16)}${v.hexs(32)}"
    t["flutterwave"] = lambda v: "FLWSECK-" + v.hexs(32) + "-X"
    t["plaid"] = lambda v: "access-" + v.r.choice(["sandbox", "production"]) + "-" + uuid4(v)
    t["gocardless"] = lambda v: "live_" + v.mixed(A62 + "_-", 40)
    t["contentful"] = lambda v: "CFPAT-" + v.mixed(A62 + "_-", 43)
    t["prefect"] = lambda v: "pnu_" + v.mixed(A62, 36)
    t["airtable"] = lambda v: "pat" + v.mixed(A62, 14) + "." + v.hexs(64)
    t["asana"] = lambda v: f"2/{v.chars(DIGITS, 16)}/{v.chars(DIGITS, 16)}:{v.hexs(32)}"
    t["notion"] = lambda v: "ntn_" + v.chars(DIGITS, 11) + v.mixed(A62, 35)
    t["figma"] = lambda v: "figd_" + v.mixed(A62 + "_-", 40)
    t["typeform"] = lambda v: "tfp_" + v.mixed(A62 + "_-", 44)
    t["intercom"] = lambda v: "dG9rOj" + v.b64(40).rstrip("=") + "="
    t["dropbox"] = lambda v: "sl." + v.mixed(A62 + "_-", 135)
    t["mapbox_secret"] = lambda v: "sk.eyJ1Ijoi" + v.b64url(60) + "." + v.b64url(22)
    t["brevo"] = lambda v: "xkeysib-" + v.hexs(64) + "-" + v.mixed(A62, 16)
    t["launchdarkly"] = lambda v: v.r.choice(["sdk-", "api-"]) + uuid4(v)
    t["statsig"] = lambda v: "secret-" + v.mixed(A62, 43)
    t["segment"] = lambda v: "sgp_" + v.mixed(A62, 64)
    t["jfrog_api_key"] = lambda v: "AKCp" + v.mixed(A62, 69)
    t["jfrog_reference"] = lambda v: "cmVmdGtuOjAxOj" + v.mixed(A62, 50)
    t["rubygems"] = lambda v: "rubygems_" + v.hexs(48)
    t["nuget"] = lambda v: "oy2" + v.chars(LOWER + DIGITS, 43)
    t["crates_io"] = lambda v: "cio" + v.mixed(A62, 32)
    t["clojars"] = lambda v: "CLOJARS_" + v.chars(LOWER + DIGITS, 60)
    for p in ["squ_", "sqp_", "sqa_"]:
        t["sonar_" + p[:-1]] = lambda v, p=p: p + v.hexs(40)
    t["harness"] = lambda v: "pat." + v.mixed(A62 + "_-", 22) + "." + v.hexs(24) + "." + v.mixed(A62, 20)
    t["octopus"] = lambda v: "API-" + v.chars(UPPER + DIGITS, 26)
    t["infracost"] = lambda v: "ico-" + v.mixed(A62, 32)
    t["scalingo"] = lambda v: "tk-us-" + v.mixed(A62 + "_-", 48)
    t["groq"] = lambda v: "gsk_" + v.mixed(A62, 52)
    t["perplexity"] = lambda v: "pplx-" + v.mixed(A62, 48)
    t["xai"] = lambda v: "xai-" + v.mixed(A62, 80)
    t["replicate"] = lambda v: "r8_" + v.mixed(A62, 37)
    t["langsmith"] = lambda v: v.r.choice(["lsv2_pt_", "lsv2_sk_"]) + v.hexs(32) + "_" + v.hexs(10)
    t["tailscale"] = lambda v: "tskey-" + v.r.choice(["auth", "api", "client"]) + "-k" + v.mixed(A62, 11) + "CNTRL-" + v.mixed(A62, 33)
    t["onepassword_service"] = lambda v: "ops_eyJzaWduSW5BZGRyZXNzIjoi" + v.b64url(200)
    t["neon"] = lambda v: "napi_" + v.chars(LOWER + DIGITS, 64)
    t["firebase_fcm"] = lambda v: "AAAA" + v.mixed(A62 + "_-", 7) + ":APA91b" + v.mixed(A62 + "_-", 134)
    t["salesforce"] = lambda v: "00D" + v.mixed(A62, 12) + "!" + v.mixed(A62 + "._", 96)
    t["hubspot"] = lambda v: "pat-" + v.r.choice(["na1", "eu1"]) + "-" + uuid4(v)
    t["clickup"] = lambda v: "pk_" + v.chars(DIGITS, 8) + "_" + v.chars(UPPER + DIGITS, 32)
    t["adafruit"] = lambda v: "aio_" + v.mixed(A62, 28)
    t["readme"] = lambda v: "rdme_" + v.chars(LOWER + DIGITS, 70)
    t["elastic_cloud"] = lambda v: "essu_" + v.b64(60).rstrip("=")
    t["pinecone"] = lambda v: "pcsk_" + v.mixed(A62, 6) + "_" + v.mixed(A62, 63)
    t["frameio"] = lambda v: "fio-u-" + v.mixed(A62 + "_-", 64)
    t["duffel"] = lambda v: "duffel_live_" + v.mixed(A62 + "_-", 43)
    t["easypost"] = lambda v: "EZAK" + v.mixed(A62, 54)
    t["defined_networking"] = lambda v: "dnkey-" + v.chars(LOWER + DIGITS, 26) + "-" + v.chars(LOWER + DIGITS, 52)
    t["vercel_blob"] = lambda v: "vercel_blob_rw_" + v.mixed(A62, 16) + "_" + v.mixed(A62, 30)
    t["resend"] = lambda v: "re_" + v.mixed(A62, 8) + "_" + v.mixed(A62, 24)
    t["cloudflare_origin_ca"] = lambda v: "v1.0-" + v.hexs(24) + "-" + v.hexs(146)
    t["onepassword_secret_key"] = lambda v: "A3-" + "-".join(v.chars(UPPER + DIGITS, n) for n in (6, 6, 5, 5, 5, 5))
    t["jwt"] = lambda v: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + v.b64url(60) + "." + v.b64url(43)
    return t


TOKENS = provider_tokens()

# Where a provider's token is kept, to name variables and talk about it.
TOKEN_VARS = {
    "github": "GITHUB_TOKEN", "gitlab": "GITLAB_TOKEN", "slack": "SLACK_BOT_TOKEN",
    "stripe": "STRIPE_SECRET_KEY", "npm": "NPM_TOKEN", "pypi": "PYPI_TOKEN",
    "aws": "AWS_ACCESS_KEY_ID", "sentry": "SENTRY_AUTH_TOKEN", "datadog": "DD_API_KEY",
}


def some_token(v):
    name = v.r.choice(sorted(TOKENS))
    return name, TOKENS[name](v)


# --- keys that name a secret, in the separator styles people use ---

SECRET_KEY_WORDS = [["password"], ["passwd"], ["pwd"], ["secret"], ["token"], ["api", "key"],
                    ["apikey"], ["access", "key"], ["private", "key"], ["client", "secret"],
                    ["auth", "token"], ["credential"], ["account", "key"],
                    ["shared", "access", "key"], ["secret", "key"], ["auth"], ["passphrase"],
                    ["signing", "secret"], ["webhook", "secret"], ["refresh", "token"]]
KEY_PREFIXES = [[], ["db"], ["redis"], ["smtp"], ["admin"], ["stripe"], ["sentry"], ["datadog"],
                ["github"], ["aws", "secret"], ["ldap", "bind"], ["app"], ["jwt"], ["rabbitmq"]]


def key_name(v, style):
    words = v.r.choice(KEY_PREFIXES) + v.r.choice(SECRET_KEY_WORDS)
    if words == ["auth"]:
        words = ["basic", "auth"]
    if style == "upper":
        return "_".join(w.upper() for w in words)
    if style == "snake":
        return "_".join(words)
    if style == "kebab":
        return "-".join(words)
    if style == "dotted":
        return ".".join(words)
    if style == "camel":
        return words[0] + "".join(w.capitalize() for w in words[1:])
    return "".join(w.capitalize() for w in words)  # Pascal


# Look-alikes with a secret word in the key whose value is no secret: (key, value) pairs.
def harmless_pairs(v):
    return [
        ("token_ttl", str(v.r.choice([300, 900, 3600, 86400]))),
        ("password_min_length", str(v.r.randint(8, 16))),
        ("auth_timeout", v.r.choice(["30s", "5m", "250ms", "2h"])),
        ("token_expiry", v.r.choice(["15m", "1h", "24h", "7d"])),
        ("enable_auth", v.r.choice(["true", "false"])),
        ("require_password", v.r.choice(["yes", "no", "true", "false"])),
        ("auth", v.r.choice(["true", "false"])),
        ("secret_name", v.r.choice(["db-credentials", "orders-api-secrets", "tls-cert"])),
        ("api_key_header", "X-API-Key"),
        ("auth_method", v.r.choice(["oauth2", "basic", "scram-sha-256"])),
        ("token_endpoint", "/oauth/token"),
        ("password_file", "/run/secrets/db_password"),
        ("api_key_rotation_days", str(v.r.choice([30, 60, 90]))),
    ]


def reference_value(v, var):
    return v.r.choice(["${" + var + "}", "${{ secrets." + var + " }}", "{{ vault_" + var.lower() + " }}",
                       "<PASSWORD>", "<your-api-key>", "$" + var, "${" + var + ":-}", "********"])


def config_env(doc, v):
    doc.text("From the leaked .env file:\n```\n")
    for _ in range(v.r.randint(3, 6)):
        pick = v.r.randrange(6)
        key = key_name(v, "upper")
        if pick == 0:
            doc.text(f"{key}=").secret(v.password(forbid=" \t\"'#$;\\`")).text("\n")
        elif pick == 1:
            doc.text(f'{key}="').secret(v.password(forbid="\"$\\`")).text('"\n')
        elif pick == 2:
            name, tok = some_token(v)
            doc.text(f"{key}=").secret(tok).text("\n")
        elif pick == 3:
            doc.kept(f"{key}={reference_value(v, key)}").text("\n")
        elif pick == 4:
            doc.kept(f"{key}=", f"{key}=").text("\n")
        else:
            k, val = v.r.choice(harmless_pairs(v))
            doc.kept(f"{k.upper()}={val}").text("\n")
    doc.kept("LOG_LEVEL=debug").text("\n").kept(f"PORT={v.r.choice([8080, 3000, 5432])}").text("\n```\n")


def config_json(doc, v):
    doc.text("The config dump attached to the ticket:\n```json\n{\n")
    lines = []
    for _ in range(v.r.randint(3, 6)):
        pick = v.r.randrange(5)
        style = v.r.choice(["camel", "snake", "pascal"])
        key = key_name(v, style)
        if pick == 0:
            lines.append([("t", f'  "{key}": "'), ("s", v.password(forbid="\"\\")), ("t", '"')])
        elif pick == 1:
            lines.append([("t", f'  "{key}": "'), ("s", some_token(v)[1]), ("t", '"')])
        elif pick == 2:
            k, val = v.r.choice(harmless_pairs(v))
            quoted = val if val.isdigit() or val in ("true", "false") else f'"{val}"'
            lines.append([("k", f'"{k}": {quoted}')])
        elif pick == 3:
            lines.append([("k", f'"{key}": ""')])
        else:
            lines.append([("t", '  "timeoutMs": '), ("k", str(v.r.choice([500, 2000, 30000])))])
    lines.append([("t", '  "host": "'), ("h", internal_host(v)), ("t", '"')])
    for n, line in enumerate(lines):
        for kind, s in line:
            if kind == "t":
                doc.text(s)
            elif kind == "s":
                doc.secret(s)
            elif kind == "h":
                doc.span("HOSTNAME", s)
            else:
                doc.text("  " if not s[0].isdigit() else "").kept(s)
        doc.text(",\n" if n + 1 < len(lines) else "\n")
    doc.text("}\n```\n")


def config_yaml(doc, v):
    doc.text("Our values.yaml at the time (the chart rendered it into a ConfigMap):\n```yaml\n")
    doc.text("database:\n  host: ").span("HOSTNAME", internal_host(v)).text("\n  port: ").kept("5432").text("\n")
    key = key_name(v, v.r.choice(["snake", "camel"]))
    quote = v.r.choice(["", "'", '"'])
    forbid = " \t'\"#:{}[],&*!|>%@`" if not quote else quote + "\\"
    doc.text(f"  {key}: {quote}").secret(v.password(forbid=forbid)).text(f"{quote}\n")
    doc.text("  ").kept(f"pool_timeout: {v.r.choice(['30s', '5s', '1m'])}").text("\n")
    doc.text("redis:\n  url: redis://:").secret(v.password(forbid="@/:?# \t'\"\\%")).text("@")
    doc.span("HOSTNAME", internal_host(v)).text(":6379/0\n")
    doc.text("api:\n  ").text(key_name(v, "snake") + ": ").secret(some_token(v)[1]).text("\n")
    doc.text("  ").kept(f"token_ttl: {v.r.choice([600, 3600])}").text("\n")
    doc.text("env:\n  - name: DB_USER\n    value: ").kept("app_rw").text("\n")
    doc.text("  - name: ").kept("DB_PASSWORD").text("\n    valueFrom:\n      ").kept("secretKeyRef:").text("\n")
    doc.text("        name: ").kept("orders-db-credentials").text("\n        key: ").kept("password").text("\n")
    doc.text("  - name: SMTP_PASSWORD\n    value: ").secret(v.password(forbid=" \t'\"#:{}[],&*!|>%@`")).text("\n")
    doc.text("  - name: ").kept("FEATURE_FLAGS").text("\n    value: ").kept("checkout-v2").text("\n```\n")


def config_toml_ini(doc, v):
    if v.r.random() < 0.5:
        doc.text("The service's config.toml:\n```toml\n[database]\nurl = \"postgresql://")
        doc.text(v.r.choice(SERVICE_USERS) + ":").secret(v.url_password().replace('"', "%22")).text("@")
        doc.span("HOSTNAME", internal_host(v)).text(":5432/orders\"\n")
        doc.text(f'{key_name(v, "snake")} = "').secret(v.password(forbid="\"\\")).text('"\n')
        doc.kept(f'connect_timeout = "{v.r.choice(["10s", "3s"])}"').text("\n")
        doc.text("\n[smtp]\n").kept('password = ""').text("\n").kept("tls = true").text("\n```\n")
    else:
        doc.text("The relevant part of settings.ini:\n```ini\n[ldap]\n")
        doc.text("bind_dn = cn=svc,ou=apps\n")
        sep = v.r.choice(["=", " = ", ": "])
        doc.text(f"{key_name(v, 'snake')}{sep}").secret(v.password(forbid=" \t;#\"'")).text("\n")
        doc.kept(f"timeout{sep}{v.r.randint(5, 60)}").text("\n[api]\n")
        doc.text(f"{key_name(v, 'snake')}{sep}").secret(some_token(v)[1]).text("\n")
        doc.kept(f"enable_auth{sep}{v.r.choice(['true', 'false'])}").text("\n```\n")


def config_hcl(doc, v):
    doc.text("The Terraform variables file had the default committed:\n```hcl\n")
    for _ in range(v.r.randint(1, 3)):
        name = v.r.choice(["datadog_api_key", "github_token", "db_password", "slack_webhook_secret",
                           "pagerduty_token", "cloudflare_api_token", "admin_password"])
        doc.text(f'variable "{name}" {{\n  description = "The {name.replace("_", " ")}"\n')
        doc.text("  type        = string\n")
        val = some_token(v)[1] if v.r.random() < 0.5 else v.password(forbid="\"\\$")
        doc.text('  default     = "').secret(val).text('"\n  sensitive   = true\n}\n\n')
    doc.text('variable "region" {\n  type    = string\n  default = "').kept("eu-west-1").text('"\n}\n')
    doc.text('variable "token_ttl_seconds" {\n  default = ').kept("3600").text("\n}\n```\n")


def config_shell(doc, v):
    doc.text("The deploy script exported these before calling the migration:\n```sh\n")
    for _ in range(v.r.randint(2, 4)):
        key = key_name(v, "upper")
        q = v.r.choice(["", "'", '"'])
        forbid = {"": " \t'\"$;&|<>()`\\#", "'": "'", '"': '"$`\\'}[q]
        val = v.password(forbid=forbid) if v.r.random() < 0.6 else some_token(v)[1]
        doc.text(f"export {key}={q}").secret(val).text(f"{q}\n")
    doc.kept("export DB_PASSWORD=\"$(vault kv get -field=password secret/orders/db)\"").text("\n")
    doc.kept("export API_TOKEN=${API_TOKEN:?missing}").text("\n```\n")


def config_flags(doc, v):
    doc.text("The job ran with these arguments:\n```\n")
    host = internal_host(v)
    pw = v.password(forbid=" \t'\"$;&|<>()`\\#")
    doc.text("mysql -h ").span("HOSTNAME", host).text(" -u root -p").secret(pw).text(" orders\n")
    doc.text("docker login -u ci --password ").secret(v.password(forbid=" \t'\"$;&|<>()`\\#")).text(" registry.example.com\n")
    doc.text("./migrate --db-password=").secret(v.password(forbid=" \t'\"$;&|<>()`\\#")).text(" --timeout=30s\n")
    doc.text("vendor-cli sync --api-key ").secret(some_token(v)[1]).text(" --retries 3\n")
    doc.text("kubectl create secret generic orders-db --from-literal=password='").secret(v.password(forbid="'")).text("'\n")
    doc.text("curl -u deploy:").secret(v.password(forbid=" \t'\"$;&|<>()`\\#@:")).text(" https://ci.example.com/job/build\n")
    doc.text('curl -H "Authorization: Bearer ').secret(some_token(v)[1]).text('" https://api.example.com/v1/orders\n')
    doc.text("curl -H 'X-API-Key: ").secret(v.hexs(32)).text("' https://status.example.com/api\n")
    doc.text("docker login --password-stdin < ").kept("/run/secrets/registry").text("\n")
    doc.text("docker run -p ").kept("8080:80").text(" -e POSTGRES_PASSWORD=").secret(v.password(forbid=" \t'\"$;&|<>()`\\#")).text(" postgres:16\n```\n")


def connection_strings(doc, v):
    doc.text("The connection strings in the app settings:\n```\n")
    acct = v.r.choice(["ordersprod", "logsarchive", "mediastore"])
    doc.text(f"DefaultEndpointsProtocol=https;AccountName={acct};AccountKey=").secret(v.b64(64))
    doc.text(";EndpointSuffix=core.windows.net\n")
    doc.text("Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=")
    doc.secret(v.b64(32)).text("\n")
    doc.text("Server=tcp:").span("HOSTNAME", internal_host(v)).text(",1433;Database=orders;User ID=app;Password=")
    doc.secret(v.password(forbid=";{}\"' \t")).text(";Encrypt=true;\n")
    doc.text("Host=").span("HOSTNAME", internal_host(v)).text(";Username=svc_etl;Pwd=")
    doc.secret(v.password(forbid=";\"' \t")).text(";")
    doc.kept("Timeout=15").text("\n```\n")


URL_SCHEMES = ["postgres", "postgresql", "mysql", "redis", "rediss", "amqp", "amqps", "mongodb",
               "mongodb+srv", "https", "http", "ftp", "sftp", "smtp", "ldap", "ldaps", "nats",
               "clickhouse", "sqlserver", "cassandra", "kafka", "mqtt", "git+https", "memcached"]


def connection_urls(doc, v):
    doc.text("Connection URLs found in the logs and the wiki during the review:\n\n")
    for _ in range(v.r.randint(4, 8)):
        scheme = v.r.choice(URL_SCHEMES)
        user = v.r.choice(SERVICE_USERS + [""])
        pw = v.url_password()
        lead = v.r.choice(["- ", "* ", "  ", "Found: ", "DSN was "])
        doc.text(f"{lead}`{scheme}://{user}:").secret(pw).text("@")
        if v.r.random() < 0.7:
            doc.span("HOSTNAME", internal_host(v))
        else:
            doc.span("IP_ADDRESS", private_ip(v))
        doc.text(f":{v.r.choice([5432, 3306, 6379, 5672, 27017, 443, 4222])}/{v.r.choice(['orders', '0', 'vhost', 'app'])}`\n")
    doc.text("\nPublic endpoints that stayed in the text: ")
    doc.kept("registry.npmjs.org").text(", ").kept("postgres://localhost:5432/test").text(".\n")


def provider_token_lines(doc, v):
    doc.text("Tokens the scanner found in the incident channel and CI logs:\n\n")
    for _ in range(v.r.randint(4, 9)):
        name, tok = some_token(v)
        form = v.r.randrange(5)
        if form == 0:
            doc.text("- the ").text(name.replace("_", " ")).text(" token `").secret(tok).text("`\n")
        elif form == 1:
            doc.text("- `").text(v.r.choice(list(TOKEN_VARS.values()))).text("=").secret(tok).text("`\n")
        elif form == 2:
            doc.text("- in a stack trace: Authorization failed for ").secret(tok).text("\n")
        elif form == 3:
            doc.text("- pasted in chat: ").secret(tok).text(" (revoked since)\n")
        else:
            doc.text("- `").secret(tok).text("` in a screenshot\n")


def prose_handover(doc, v):
    doc.text("From the incident channel export:\n\n")
    for _ in range(v.r.randint(2, 4)):
        asker, giver = v.r.sample(NICKS, 2)
        what = v.r.choice(["staging db password", "api key for the vendor sandbox", "redis password",
                           "signing secret", "webhook secret", "admin password", "encryption key"])
        t = f"[{v.r.randint(10, 23)}:{v.r.randint(10, 59)}]"
        doc.text(f"{t} <").span("USERNAME", asker).text(f"> what's the {what} again?\n")
        key = v.hexs(v.r.choice([32, 40, 64])) if v.r.random() < 0.5 else v.b64(v.r.choice([24, 32, 48]))
        cue = v.r.choice(["it's ", "it is ", "use ", "try ", "the key is ", "here it is: ", "pw is ",
                          "it's `", "use this one: "])
        tail = "`" if cue.endswith("`") else ""
        doc.text(f"{t} <").span("USERNAME", giver).text("> ").text(cue).secret(key).text(tail + "\n")
    commit = v.hexs(40)
    doc.text("\nThe fix went out in commit ").kept(commit).text(", and the trace id was ")
    doc.kept(v.hexs(32)).text(".\n")


def shell_history(doc, v):
    doc.text("Shell history from the bastion (`history | tail`):\n```\n")
    n = v.r.randint(400, 900)
    host_ip = private_ip(v)
    lines = [
        lambda: doc.text('psql "postgresql://admin:').secret(v.url_password().replace('"', "%22")).text("@").span("IP_ADDRESS", host_ip).text(':5432/orders"'),
        lambda: doc.text("export VAULT_TOKEN=").secret(TOKENS["vault_service"](v)),
        lambda: doc.text("mysql -u root -p").secret(v.password(forbid=" \t'\"$;&|<>()`\\#")).text(" -h ").span("HOSTNAME", internal_host(v)),
        lambda: doc.text("aws configure set aws_secret_access_key ").secret(v.mixed(A62 + "+/", 40)),
        lambda: doc.text("redis-cli -h ").span("HOSTNAME", internal_host(v)).text(" -a '").secret(v.password(forbid="'")).text("' info replication"),
        lambda: doc.text("git show --stat ").kept(v.hexs(40)),
        lambda: doc.kept("systemctl restart pgbouncer"),
        lambda: doc.text("curl -s https://api.example.com/health?").kept("timeout=5"),
        lambda: doc.text("htpasswd -b /etc/nginx/.htpasswd ops ").secret(v.password(forbid=" \t'\"$;&|<>()`\\#")),
    ]
    v.r.shuffle(lines)
    for line in lines:
        doc.text(f"  {n}  ")
        line()
        doc.text("\n")
        n += v.r.randint(1, 3)
    doc.text("```\n")


def ci_log(doc, v):
    doc.text("The failing CI job's log:\n```\n")
    stamp = f"2026-0{v.r.randint(1, 9)}-1{v.r.randint(0, 9)}T{v.r.randint(10, 23)}:{v.r.randint(10, 59)}:"

    def line(sec):
        return f"{stamp}{sec:02d}.{v.chars(DIGITS, 7)}Z "

    doc.text(line(1)).kept("##[group]Run docker login").text("\n")
    doc.text(line(2)).text("docker login -u ci -p ").kept("***").text("\n")
    doc.text(line(3)).text("+ export NPM_TOKEN=").secret(TOKENS["npm"](v)).text("\n")
    doc.text(line(4)).text("DEBUG http: connecting with password=").secret(v.password(forbid=" \t,;\"'")).text(" to ")
    doc.span("HOSTNAME", internal_host(v)).text("\n")
    doc.text(line(5)).text("Using ").text(v.r.choice(["deploy", "registry", "release"])).text(" token ").secret(some_token(v)[1]).text("\n")
    doc.text(line(6)).text("config: {\"retries\": 3, \"apiKey\": \"").secret(v.mixed(A62, 32)).text("\", \"timeout\": \"").kept("30s").text("\"}\n")
    doc.text(line(7)).text("Cloning https://x-access-token:").secret(TOKENS["github_ghs"](v)).text("@github.com/platform/deploy-tools.git\n")
    doc.text(line(8)).kept(f"Tests: {v.r.randint(100, 900)} passed, 0 failed").text("\n")
    doc.text(line(9)).text("HEAD is now at ").kept(v.hexs(7)).text(" Bump the client\n")
    doc.text(line(10)).kept("##[error]Process completed with exit code 1.").text("\n```\n")


SECTIONS = [config_env, config_json, config_yaml, config_toml_ini, config_hcl, config_shell,
            config_flags, connection_strings, connection_urls, provider_token_lines,
            prose_handover, shell_history, ci_log]


def document(doc_id, v):
    doc = Doc(doc_id)
    doc.text(f"# Credential exposure review, incident {v.r.randint(100, 999)}\n\n")
    doc.text("Scope: what leaked, where it was seen, and what was rotated. Durations: detected after ")
    doc.kept(f"{v.r.randint(5, 50)} minutes").text(", rotated within ").kept(f"{v.r.randint(1, 6)} hours").text(".\n\n")
    for section in v.r.sample(SECTIONS, v.r.randint(3, 5)):
        section(doc, v)
        doc.text("\n")
    doc.text("All of the above were rotated; ").kept("PostgreSQL").text(" and ").kept("Kubernetes").text(" settings are unchanged.\n")
    return doc


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--out", required=True, help="directory for input.jsonl and gold.jsonl")
    a = ap.parse_args(argv)
    v = Values(random.Random(a.seed))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "input.jsonl"), "w", encoding="utf-8") as fin, \
            open(os.path.join(a.out, "gold.jsonl"), "w", encoding="utf-8") as fgold:
        for n in range(a.docs):
            doc = document(f"gen-secrets-{a.seed}-{n:03d}", v)
            fin.write(json.dumps(doc.input_row(), ensure_ascii=False) + "\n")
            fgold.write(json.dumps(doc.gold_row(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
