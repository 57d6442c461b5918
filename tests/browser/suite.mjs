// Browser scenarios against two running instances (started by browser_test.cpp, which passes
// HINDSIGHT_URL, HINDSIGHT_PEER_URL, HINDSIGHT_PASSWORD and HINDSIGHT_SCREENSHOTS). Users on
// both: ada (admin), rita (reviewer), mia (member); alice (member) too on the first. Debian's
// chromium, headless, through playwright-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.HINDSIGHT_URL ?? "https://127.0.0.1:8443";
const PEER = process.env.HINDSIGHT_PEER_URL ?? "https://127.0.0.1:8444";
const PASSWORD = process.env.HINDSIGHT_PASSWORD ?? "";
const SHOTS = process.env.HINDSIGHT_SCREENSHOTS ?? "screenshots";
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: root ? ["--no-sandbox"] : [],
  });
});
after(async () => {
  await browser?.close();
});

// A fresh browser profile. Every page error, console error and Content-Security-Policy
// violation is collected: a scenario fails on any of them.
async function open() {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: LAPTOP });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // A refused request (401 before sign-in, 409 in a conflict) is logged by the browser itself.
    if (m.type() === "error" && !/Failed to load resource/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", async (d) => {
    if (d.type() === "confirm") await d.accept();
    else {
      problems.push(`unexpected ${d.type()} dialog: ${d.message()}`);
      await d.dismiss();
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

async function shoot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}-laptop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 1, `${name} scrolls sideways at phone width by ${overflow}px`);
  await page.setViewportSize(LAPTOP);
}

async function signIn(page, username, base = BASE) {
  await page.goto(`${base}/postmortems`);
  await page.waitForURL(/\/signin/);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Postmortems" }).waitFor();
}

async function signOut(page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
}

async function pick(page, label, option) {
  await page.getByRole("textbox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

// The API as the signed-in page calls it (session cookie and CSRF header).
async function apiCall(context, method, path, body, headers = {}, base = BASE) {
  const cookies = await context.cookies(base);
  const csrf = cookies.find((c) => c.name === "hindsight_csrf")?.value ?? "";
  const r = await context.request.fetch(`${base}${path}`, {
    method,
    headers: { "X-CSRF-Token": csrf, ...headers },
    data: body,
  });
  const text = await r.text();
  assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${text}`);
  return { json: text ? JSON.parse(text) : null, headers: r.headers() };
}

// `body` in a fresh browser profile, signed in as `username` on the instance at `base` unless
// that is null. Besides its own assertions, it fails on any problem open() collected.
async function session(base, username, body) {
  const { context, page, problems } = await open();
  try {
    if (username) await signIn(page, username, base);
    await body({ context, page });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

function scenario(name, username, body) {
  test(name, () => session(BASE, username, body));
}

scenario("sign in says why it was refused", null, async ({ page }) => {
  await page.goto(`${BASE}/`);
  await page.waitForURL(/\/signin/);
  await shoot(page, "signin");
  await page.getByLabel("Username").fill("alice");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong username or password" }).waitFor();
});

scenario("file, review and publish", "alice", async ({ context, page }) => {
  await shoot(page, "postmortems-empty");

  // File: title and severity, then the editor.
  await page.getByRole("link", { name: "New postmortem" }).click();
  await page.getByLabel("Title").fill("Checkout latency after cache eviction storm");
  await pick(page, "Severity", "SEV2");
  await shoot(page, "postmortem-new");
  await page.getByRole("button", { name: "Create and edit" }).click();
  await page.getByRole("heading", { name: "Edit postmortem" }).waitFor();

  await page.getByLabel("Started (UTC)").fill("2026-11-02T09:00");
  await page.getByLabel("Summary").fill("Checkout p99 rose to **4 s** for 38 minutes.");
  await page.getByRole("textbox", { name: "Tags" }).fill("cache");
  await page.getByRole("textbox", { name: "Tags" }).press("Enter");

  // Timeline from the keyboard: Enter adds the next entry, Alt+Up moves it.
  await page.getByRole("button", { name: "Add timeline entry" }).click();
  await page.getByLabel("Entry 1 text").fill("Cache cluster restarted");
  await page.getByLabel("Entry 1 text").press("Enter");
  await page.keyboard.type("Alert fired for checkout latency");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Deploy of the cache client began");
  await page.keyboard.press("Alt+ArrowUp");
  await page.keyboard.press("Alt+ArrowUp");
  assert.equal(await page.getByLabel("Entry 1 text").inputValue(), "Deploy of the cache client began");
  assert.equal(await page.getByLabel("Entry 3 text").inputValue(), "Alert fired for checkout latency");
  await page.getByLabel("Entry 1 time (UTC)").fill("2026-11-02T09:01");

  await page.getByRole("button", { name: "Add contributing factor" }).click();
  await pick(page, "Factor 1 category", "configuration");
  await page.getByLabel("Factor 1 description").fill("Eviction policy changed without a canary");

  await page.getByRole("button", { name: "Add action item" }).click();
  await page.getByLabel("Action 1", { exact: true }).fill("Canary cache policy changes");
  await page.getByLabel("Action 1 owner").fill("alice");
  await page.getByLabel("Action 1 due").fill("2027-01-15");

  // Every change is in the browser at once.
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("hindsight:draft:")),
  );
  assert.equal(kept.length, 1, "the draft is kept in localStorage");
  await shoot(page, "postmortem-editor");
  // Ctrl+S saves at once.
  await page.keyboard.press("Control+s");
  await page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();

  await page.getByRole("button", { name: "Save and close" }).first().click();
  await page.getByTestId("pm-title").waitFor();
  const url = page.url();
  const id = url.split("/").pop();
  assert.equal(
    await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("hindsight:draft:")).length),
    0,
    "the kept draft is dropped once the server has it",
  );
  await page.getByText("Deploy of the cache client began").waitFor();
  await page.locator(".markdown strong").filter({ hasText: "4 s" }).waitFor(); // Markdown

  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByText("Submitted for review.").waitFor();
  await shoot(page, "postmortem-view");
  await signOut(page);

  // Review: a comment, then publish.
  await signIn(page, "rita");
  await page.getByLabel("Search", { exact: true }).fill("eviction");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/q=eviction/);
  await page.getByRole("link", { name: "Checkout latency after cache eviction storm" }).click();
  await page.getByLabel("Add a comment").fill("Good write-up. Add the *canary* owner.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await page.getByRole("article", { name: "Comment by rita" }).waitFor();
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText("Published.").waitFor();
  await shoot(page, "postmortem-review");

  // Versions and the difference between two of them.
  await page.getByRole("link", { name: "Version history" }).click();
  await page.getByRole("table", { name: "Saved versions" }).waitFor();
  await page.getByRole("textbox", { name: "From version" }).click();
  await page.getByRole("option", { name: /^Version 1 · alice/ }).click();
  await page.getByTestId("diff").waitFor();
  const diff = await page.getByTestId("diff").textContent();
  assert.match(diff, /Deploy of the cache client began/);
  await shoot(page, "postmortem-history");

  // Exports, as the buttons link them.
  const md = await context.request.get(`${BASE}/api/v1/postmortems/${id}/export?format=markdown`);
  assert.equal(md.status(), 200);
  assert.match(await md.text(), /Checkout latency after cache eviction storm/);
  const json = await context.request.get(`${BASE}/api/v1/postmortems/${id}/export?format=json`);
  assert.equal(json.status(), 200);

  // The list filters by status.
  await page.goto(`${BASE}/postmortems?status=published`);
  await page.getByRole("link", { name: "Checkout latency after cache eviction storm" }).waitFor();
  await shoot(page, "postmortems");
  await page.goto(`${BASE}/postmortems?status=draft`);
  await page.getByText("No postmortem matches this search.").waitFor();
});

scenario("my account: API tokens are created, listed and revoked", "alice", async ({ context, page }) => {
  await page.getByRole("link", { name: "My account" }).click();
  await page.getByLabel("Name of the new token").fill("ci-export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent()).trim();
  assert.ok(token.length > 20, "the new token is shown once");
  const me = await context.request.get(`${BASE}/api/v1/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(me.status(), 200);
  await page.reload();
  await page.getByRole("cell", { name: "ci-export", exact: true }).waitFor();
  await shoot(page, "account");
  await page.getByRole("button", { name: "Revoke token ci-export" }).click();
  await page.getByText("You have no API tokens.").waitFor();
});

scenario("a save after someone else's is refused with a clear message", "alice", async ({ context, page }) => {
  const { json: pm } = await apiCall(context, "POST", "/api/v1/postmortems", {
    title: "Queue backlog on the billing worker",
    severity: "SEV3",
  });
  await page.goto(`${BASE}/postmortems/${pm.id}/edit`);
  await page.getByLabel("Summary").fill("Mine: the backlog grew for an hour.");
  await apiCall(
    context,
    "PUT",
    `/api/v1/postmortems/${pm.id}`,
    { title: "Queue backlog on the billing worker", severity: "SEV2", summary: "Theirs." },
    { "If-Match": `"${pm.version}"` },
  );
  await page.getByRole("button", { name: "Save now" }).first().click();
  await page.getByRole("alert").filter({ hasText: "Someone else saved first" }).waitFor();
  // Nothing typed is lost: still in the field and in the browser's storage.
  assert.equal(await page.getByLabel("Summary").inputValue(), "Mine: the backlog grew for an hour.");
  const kept = await page.evaluate((id) => localStorage.getItem(`hindsight:draft:${id}`), pm.id);
  assert.match(kept ?? "", /Mine: the backlog grew for an hour\./, "kept in the browser's storage");
  await shoot(page, "postmortem-conflict");
  await page.getByRole("button", { name: "Save mine over theirs" }).click();
  await page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();
  const { json: after } = await apiCall(context, "GET", `/api/v1/postmortems/${pm.id}`);
  assert.equal(after.summary, "Mine: the backlog grew for an hour.");
});

scenario("autosave: in the browser at once, to the server at most once a minute and on leaving", null, async ({ context, page }) => {
  await page.clock.install();
  await signIn(page, "alice");
  const { json: pm } = await apiCall(context, "POST", "/api/v1/postmortems", {
    title: "Disk full on the log shipper",
    severity: "SEV4",
  });
  const puts = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().includes(`/api/v1/postmortems/${pm.id}`)) puts.push(r);
  });
  await page.goto(`${BASE}/postmortems/${pm.id}/edit`);
  const summary = page.getByLabel("Summary");
  await summary.fill("First words.");
  const kept = await page.evaluate((id) => localStorage.getItem(`hindsight:draft:${id}`), pm.id);
  assert.match(kept ?? "", /First words\./, "kept in the browser at once");
  await page.clock.runFor(10_000);
  assert.equal(puts.length, 0, "no server save within the first minute");
  await page.clock.runFor(55_000);
  await page.getByTestId("save-state").filter({ hasText: "All changes saved" }).waitFor();
  assert.equal(puts.length, 1, "one save once the minute is over");

  await summary.fill("First words. More words.");
  await page.clock.runFor(20_000);
  assert.equal(puts.length, 1, "no second save within a minute of the first");
  // Leaving the editor saves what is left.
  await page.getByRole("link", { name: "Postmortems", exact: true }).click();
  await page.getByRole("heading", { name: "Postmortems" }).waitFor();
  for (let i = 0; i < 50; i++) {
    const { json } = await apiCall(context, "GET", `/api/v1/postmortems/${pm.id}`);
    if (json.summary === "First words. More words.") break;
    assert.ok(i < 49, `the text typed last reached the server: ${json.summary}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(puts.length, 2);
});

scenario("share as lesson: a redaction added, a kept email blocks approval until its rule is removed", "rita", async ({ context, page }) => {
  const { json: pm } = await apiCall(context, "POST", "/api/v1/postmortems", {
    title: "Replica lag during the Bluebird migration",
    severity: "SEV2",
    started_at: "2026-09-01T12:00:00Z",
    summary: "Replication to db-7.corp.example.net fell behind during the Bluebird migration.",
    impact: "Reports were stale; oncall@example.org was paged twice.",
  });
  await apiCall(context, "POST", `/api/v1/postmortems/${pm.id}/status`, { status: "in_review" });
  await apiCall(context, "POST", `/api/v1/postmortems/${pm.id}/status`, { status: "published" });
  await page.goto(`${BASE}/postmortems/${pm.id}`);
  await page.getByRole("button", { name: "Share as lesson" }).click();
  await page.getByRole("heading", { name: /Share as lesson/ }).waitFor();
  const summary = page.locator('[data-field="summary"]');
  await summary.waitFor();

  // Select a word of the original and redact it.
  await page.evaluate(() => {
    const el = document.querySelector('[data-field="summary"]');
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent.indexOf("Bluebird");
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + "Bluebird".length);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
    }
    throw new Error("Bluebird not found in the original summary");
  });
  await pick(page, "Redact the selection as", "ORG");
  await page.getByRole("button", { name: 'Redact "Bluebird"' }).click();
  await page.getByText('"Bluebird" redacted as ORG.').waitFor();
  await summary.getByRole("button", { name: /^ORG Bluebird/ }).waitFor();
  const anonymizedSummary = page.locator('section[aria-label="Summary"] .lesson-text').nth(1);
  assert.match((await anonymizedSummary.textContent()) ?? "", /\[ORG-\d+\]/);
  assert.doesNotMatch((await anonymizedSummary.textContent()) ?? "", /Bluebird/);

  // Keep the email (a false positive, says the reviewer): approval is then refused.
  const email = page.locator('[data-field="impact"] .finding-EMAIL');
  await email.click();
  await page.getByText("is kept as it is.").waitFor();
  await shoot(page, "lesson-review");
  await page.getByRole("button", { name: "Approve for sharing" }).click();
  await page.getByRole("alert").filter({ hasText: "Approval is blocked" }).waitFor();
  await page.getByText("EMAIL in Impact", { exact: true }).waitFor();

  // Remove the keep rule, and approval goes through.
  const keepRow = page.getByRole("row").filter({ hasText: "keep" });
  await keepRow.getByRole("button", { name: "Remove rule" }).click();
  await page.getByText("Rule removed.").waitFor();
  await page.getByRole("button", { name: "Approve for sharing" }).click();
  await page.getByText("Approved: the lesson is queued").waitFor();
  await page.getByRole("button", { name: "Retract" }).waitFor();
  await page.goto(`${BASE}/lessons`);
  await page.getByRole("link", { name: /Replica lag during the/ }).waitFor();
  await shoot(page, "lessons");
});

const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const XSS_LINK = "[click me](javascript:window.__pwned=3)";

// Opens each page once it has loaded: no payload ran and no element a payload would make is there.
async function assertNothingRan(page, paths) {
  for (const path of paths) {
    await page.goto(`${BASE}${path}`);
    await page.waitForLoadState("networkidle");
    await page.getByText("Loading", { exact: false }).first().waitFor({ state: "detached" });
    const found = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      elements: document.querySelectorAll(
        'img[src="x"], #root script, [onerror], [onmouseover], a[href^="javascript"], b[onmouseover]',
      ).length,
    }));
    assert.deepEqual(found, { pwned: null, elements: 0 }, `on ${path}`);
  }
}

scenario("stored XSS in every text field is shown as text, never run", "alice", async ({ context, page }) => {
  const text = `${XSS} ${XSS_LINK}`;
  const input = {
    title: `Title ${XSS}`,
    severity: "SEV4",
    started_at: "2026-10-01T10:00:00Z",
    services: [`svc<script>window.__pwned=4</script>`],
    tags: [`<b onmouseover=window.__pwned=5>tag</b>`],
    summary: text,
    impact: text,
    trigger: text,
    detection: text,
    resolution: text,
    went_well: text,
    went_poorly: text,
    lucky: text,
    lessons_learned: text,
    timeline: [{ at: "2026-10-01T10:00:00Z", text, kind: "<i>x</i>" }],
    contributing_factors: [{ category: "security", text }],
    action_items: [{ text, owner: "alice", due: "2027-02-01" }],
  };
  const { json: pm } = await apiCall(context, "POST", "/api/v1/postmortems", input);
  await apiCall(context, "POST", `/api/v1/postmortems/${pm.id}/comments`, { body: text });
  await apiCall(
    context,
    "PUT",
    `/api/v1/postmortems/${pm.id}`,
    { ...input, summary: `${text} (second version)` },
    { "If-Match": `"${pm.version}"` },
  );

  await assertNothingRan(page, [
    `/postmortems/${pm.id}`,
    `/postmortems/${pm.id}/edit`,
    `/postmortems/${pm.id}/history`,
    `/postmortems?q=pwned`,
    `/postmortems`,
  ]);
  await page.goto(`${BASE}/postmortems/${pm.id}`);
  await page.getByTestId("pm-title").filter({ hasText: `Title ${XSS}` }).waitFor();
  // The payload is visible as the text that was typed.
  assert.ok((await page.getByText('<img src=x onerror="window.__pwned=1">').count()) > 3);
  await shoot(page, "postmortem-xss");
});

// Federation between the two instances, as their people do it in the browser: Northwind Ops
// (BASE) subscribes to Southbank Payments (PEER), Southbank accepts, a lesson Southbank approves
// reaches Northwind's feed, and a member there turns it into an action item.
const PEER_NAME = "Southbank Payments";
const LOCAL_NAME = "Northwind Ops";
const SHARED_TITLE = "Connection pool exhausted by a retry storm";

// What a reviewer on `base` does to share a postmortem: file, publish, draft the lesson, approve.
async function shareLesson(context, base, input) {
  const call = (method, path, body) => apiCall(context, method, path, body, {}, base);
  const { json: pm } = await call("POST", "/api/v1/postmortems", input);
  await call("POST", `/api/v1/postmortems/${pm.id}/status`, { status: "in_review" });
  await call("POST", `/api/v1/postmortems/${pm.id}/status`, { status: "published" });
  const { json: lesson } = await call("POST", `/api/v1/postmortems/${pm.id}/lesson`, {});
  await call("POST", `/api/v1/lessons/${lesson.id}/approve`, {});
  return lesson.id;
}

// Polls the API until `check` holds of the answer (the federation's timers run in seconds).
async function until(context, path, check, what, base = BASE) {
  for (let i = 0; ; i++) {
    const { json } = await apiCall(context, "GET", path, undefined, {}, base);
    if (check(json)) return json;
    assert.ok(i < 300, `${what}: ${JSON.stringify(json)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The received lesson with this title in BASE's feed, once it arrived.
const feedItem = (context, title) =>
  until(context, `/api/v1/feed?q=${encodeURIComponent(`"${title}"`)}`, (f) => f.items.length > 0, `"${title}" reaches the feed`).then(
    (f) => f.items[0],
  );

test("federation: subscribe, accept, a shared lesson reaches the feed and becomes an action item", async () => {
  await session(BASE, "ada", async ({ page }) => {
    await page.getByRole("link", { name: "Subscriptions" }).click();
    await page.getByText("No subscriptions yet.").waitFor();
    await page.getByLabel("Instance URL").fill(PEER);
    await page.getByRole("button", { name: "Look up" }).click();
    // The peer's own name, from its discovery document, before anything is asked.
    assert.equal(await page.getByTestId("peer-name").textContent(), PEER_NAME);
    await page.getByRole("textbox", { name: "Message to its admins" }).fill("Northwind's SRE team");
    await shoot(page, "subscriptions-preview");
    await page.getByRole("button", { name: `Subscribe to ${PEER_NAME}` }).click();
    await page.getByText(`Asked ${PEER_NAME}`).waitFor();
    const table = page.getByRole("table", { name: "Our subscriptions" });
    await table.getByRole("row").filter({ hasText: PEER_NAME }).getByText("pending").waitFor();
  });

  await session(PEER, "ada", async ({ page }) => {
    await page.getByRole("link", { name: "Subscribers" }).click();
    const row = page.getByRole("row").filter({ hasText: LOCAL_NAME });
    await row.getByText("Northwind's SRE team").waitFor();
    await shoot(page, "subscribers");
    await page.getByRole("button", { name: `Accept ${LOCAL_NAME}` }).click();
    await page.getByText(`${LOCAL_NAME}: accepted.`).waitFor();
    await row.getByText("accepted").waitFor();
    await page.getByRole("button", { name: `Revoke ${LOCAL_NAME}` }).waitFor();
  });

  await session(BASE, "ada", async ({ context, page }) => {
    await until(context, "/api/v1/subscriptions", (l) => l.items[0]?.state === "accepted", "the acceptance is heard");
    await page.getByRole("link", { name: "Subscriptions" }).click();
    await page.getByRole("row").filter({ hasText: PEER_NAME }).getByText("accepted").waitFor();
    await shoot(page, "subscriptions");
  });

  await session(PEER, "rita", async ({ context }) => {
    await shareLesson(context, PEER, {
      title: SHARED_TITLE,
      severity: "SEV2",
      started_at: "2026-10-03T08:00:00Z",
      detected_at: "2026-10-03T08:06:00Z",
      resolved_at: "2026-10-03T09:10:00Z",
      tags: ["database", "retries", "connection-pooling-and-timeouts-across-every-service-tier"],
      summary: "Clients retried without **backoff** and exhausted the pool.",
      trigger: "A slow query made every client time out at once.",
      contributing_factors: [{ category: "configuration", text: "No jitter in the retry policy." }],
      lessons_learned: "Retries need backoff with jitter and a budget.",
    });
  });

  await session(BASE, "mia", async ({ context, page }) => {
    const item = await feedItem(context, SHARED_TITLE);
    await page.getByRole("link", { name: "Peer feed" }).click();
    await page.getByLabel("Search", { exact: true }).fill("retry storm");
    // Peers are picked by name, shown with their host.
    await pick(page, "Peer", `${PEER_NAME} (${new URL(PEER).host})`);
    await pick(page, "Severity", "SEV2");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(
      (url) => url.searchParams.get("q") === "retry storm" && url.searchParams.get("peer") === new URL(PEER).origin,
    );
    await page.getByRole("link", { name: SHARED_TITLE }).waitFor();
    await page.getByText(`From ${PEER_NAME}`).first().waitFor();
    await shoot(page, "feed");
    await page.getByRole("link", { name: SHARED_TITLE }).click();
    await page.getByTestId("feed-title").filter({ hasText: SHARED_TITLE }).waitFor();
    await page.locator(".markdown strong").filter({ hasText: "backoff" }).waitFor(); // Markdown
    await page.getByText("No jitter in the retry policy.").waitFor();
    // A member cannot hide a lesson: only reviewers see the button.
    assert.equal(await page.getByRole("button", { name: "Hide from the feed" }).count(), 0);

    // Could this happen here? A local action item that follows from the lesson.
    await page.getByLabel("What we will do").fill("Add jitter to the checkout client's retries");
    await page.getByLabel("Owner (username)").fill("mia");
    await page.getByLabel("Due").fill("2027-03-01");
    await page.getByRole("button", { name: "Create action item" }).click();
    await page.getByText("Action item created.").waitFor();
    const ours = page.getByRole("table", { name: "Our action items from this lesson" });
    await ours.getByRole("cell", { name: "Add jitter to the checkout client's retries" }).waitFor();
    await page.getByLabel("Add a note").fill("Our checkout client has the same *retry* loop.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByRole("article", { name: "Note by mia" }).locator("em").filter({ hasText: "retry" }).waitFor();
    await shoot(page, "feed-lesson");
    const { json: items } = await apiCall(context, "GET", `/api/v1/action-items?received_lesson=${item.id}`);
    assert.equal(items.items.length, 1);
    assert.equal(items.items[0].owner, "mia");
    assert.equal(items.items[0].received_lesson.title, SHARED_TITLE);
  });
});

test("stored XSS on the feed, peer and admin pages is shown as text, never run", async () => {
  const title = `Cache stampede ${XSS}`;
  await session(PEER, "rita", async ({ context }) => {
    const text = `${XSS} ${XSS_LINK}`;
    await shareLesson(context, PEER, {
      title,
      severity: "SEV3",
      started_at: "2026-10-05T08:00:00Z",
      tags: [`<b onmouseover=window.__pwned=5>tag</b>`],
      summary: text,
      impact: text,
      trigger: text,
      lessons_learned: text,
      timeline: [{ at: "2026-10-05T08:01:00Z", text }],
      contributing_factors: [{ category: "security", text }],
      action_items: [{ text }],
    });
  });
  await session(BASE, "ada", async ({ context, page }) => {
    const item = await feedItem(context, "Cache stampede");
    const text = `${XSS} ${XSS_LINK}`;
    await apiCall(context, "POST", `/api/v1/feed/${item.id}/notes`, { text });
    await apiCall(context, "POST", `/api/v1/feed/${item.id}/action-items`, { text });
    await apiCall(context, "POST", "/api/v1/users", {
      username: "xavier",
      role: "member",
      display_name: `Xavier ${XSS}`,
      password: "a long enough password",
    });
    const { json: dict, headers } = await apiCall(context, "GET", "/api/v1/dictionary");
    await apiCall(
      context,
      "PUT",
      "/api/v1/dictionary",
      { dictionary: { ...dict.dictionary, terms: [...(dict.dictionary.terms ?? []), XSS] } },
      { "If-Match": headers.etag },
    );
    await assertNothingRan(page, [
      `/feed/${item.id}`,
      `/feed?q=pwned`,
      `/feed`,
      `/subscriptions`,
      `/subscribers`,
      `/peers`,
      `/admin/users`,
      `/admin/dictionary`,
      `/admin/audit`,
      `/dashboard`,
    ]);
    // The payload is visible as the text that was typed.
    await page.goto(`${BASE}/feed/${item.id}`);
    await page.getByTestId("feed-title").filter({ hasText: title }).waitFor();
    assert.ok((await page.getByText('<img src=x onerror="window.__pwned=1">').count()) >= 5, "lesson fields, note, item");
    await page.getByText("<b onmouseover=window.__pwned=5>tag</b>").waitFor();
    await page.getByRole("article", { name: "Note by ada" }).getByText(XSS, { exact: false }).waitFor();
    await shoot(page, "feed-xss");
    await page.goto(`${BASE}/admin/users`);
    await page.getByText(`Xavier ${XSS}`).waitFor();
    await page.goto(`${BASE}/admin/dictionary`);
    await page.getByRole("list", { name: "Internal terms" }).getByText(XSS).waitFor();
    // The audit entry of the dictionary's change holds the term, as JSON (its quotes escaped).
    await page.goto(`${BASE}/admin/audit?action=dictionary.replace`);
    await page.getByText("Before and after").first().click();
    await page.locator("pre", { hasText: "<script>window.__pwned=2</script>" }).first().waitFor();
    assert.deepEqual(await page.evaluate(() => window.__pwned ?? null), null);
  });
});

test("admin: the dictionary, the audit log, the dashboard; a peer blocked; a user disabled cannot sign in", async () => {
  await session(BASE, "ada", async ({ page }) => {
    // The org dictionary: a term added and removed.
    await page.getByRole("link", { name: "Dictionary" }).click();
    await page.getByLabel("New entry in customers").fill("Globex Corporation");
    await page.getByRole("button", { name: "Add to customers" }).click();
    await page.getByText("Added “Globex Corporation” to customers.").waitFor();
    await page.getByRole("list", { name: "Customers" }).getByText("Globex Corporation").waitFor();
    await shoot(page, "dictionary");
    await page.getByRole("button", { name: "Remove Globex Corporation from Customers" }).click();
    await page.getByText("Removed “Globex Corporation” from customers.").waitFor();

    // The audit log, filtered by action.
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByLabel("Action").fill("dictionary.replace");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=dictionary.replace/);
    const rows = page.getByRole("table", { name: "Audit entries" }).locator("tbody tr");
    await rows.first().waitFor();
    for (const row of await rows.all())
      assert.equal(await row.locator("td").nth(2).textContent(), "dictionary.replace");
    await shoot(page, "audit");

    // The dashboard: the charts of this instance's postmortems.
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.getByRole("figure", { name: "Incidents by severity" }).locator("svg.recharts-surface").waitFor();
    await page.getByRole("figure", { name: "Incidents by month" }).locator("svg.recharts-surface").waitFor();
    await page.getByRole("figure", { name: "Median time to detect and to resolve" }).waitFor();
    assert.ok(Number(await page.getByTestId("stat-postmortems").textContent()) >= 3);
    await shoot(page, "dashboard");

    // Block the peer: its subscription ends and its lessons leave the feed.
    await page.getByRole("link", { name: "Peers" }).click();
    await page.getByRole("row").filter({ hasText: PEER_NAME }).waitFor();
    await shoot(page, "peers");
    await page.getByRole("button", { name: `Block ${PEER_NAME}` }).click();
    await page.getByText(`${PEER_NAME} is blocked`).waitFor();
    await page.getByRole("button", { name: `Unblock ${PEER_NAME}` }).waitFor();
    await page.getByRole("link", { name: "Peer feed" }).click();
    await page.getByText("No lessons received yet.").waitFor();

    // A user created and disabled in the browser.
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByLabel("Username").fill("dora");
    await page.getByLabel("Display name").fill("Dora Departed");
    await page.getByLabel("Initial password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByText("User dora created as member.").waitFor();
    await shoot(page, "users");
    await page.getByRole("button", { name: "Disable dora" }).click();
    await page.getByText("dora is disabled.").waitFor();
    await page.getByRole("button", { name: "Enable dora" }).waitFor();
  });

  await session(BASE, null, async ({ page }) => {
    await page.goto(`${BASE}/signin`);
    await page.getByLabel("Username").fill("dora");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    assert.match(page.url(), /\/signin/);
  });
});

test("the header links each role to the pages it may use", async () => {
  await session(BASE, "mia", async ({ page }) => {
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Peer feed", "Dashboard"]) await nav.getByRole("link", { name: link }).waitFor();
    for (const link of ["Subscriptions", "Subscribers", "Peers", "Users", "Dictionary", "Audit log"])
      assert.equal(await nav.getByRole("link", { name: link }).count(), 0, `${link} is not offered`);
  });
});
