// Drives Debian's headless Chromium (never a downloaded browser) through the DevTools protocol over a pipe
// (--remote-debugging-pipe: JSON messages separated by NUL on fds 3 and 4), so it needs no npm package:
// opens the web app, types an id into the service_id field, clicks the submit button, waits for the result page.
//
// usage: node browser-restart.mjs URL SERVICE_ID [SCREENSHOT.png]
// Prints one JSON line {status, url, title, text} for the page after the submit; exits non-zero on a browser or
// navigation error (whether the restart happened is for the caller to check on systemd's side).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [url, serviceId, screenshot] = process.argv.slice(2);
if (!url || serviceId === undefined) {
  console.error("usage: node browser-restart.mjs URL SERVICE_ID [SCREENSHOT.png]");
  process.exit(2);
}
const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const profile = mkdtempSync(path.join(tmpdir(), "restarter-chromium-"));
const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", `--user-data-dir=${profile}`,
  "--remote-debugging-pipe", "about:blank",
], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"], detached: true });   // own process group
const exited = new Promise((resolve) => browser.on("exit", resolve));
let stderr = "";
browser.stderr.on("data", (d) => { stderr += d; });
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];

let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = "";
fromBrowser.on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
      else resolve(message.result);
    } else if (message.method) {
      for (const l of [...listeners]) l(message);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const message = { id, method, params };
  if (sessionId) message.sessionId = sessionId;
  toBrowser.write(JSON.stringify(message) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function waitFor(predicate, what, ms = 15000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { remove(); reject(new Error(`timed out waiting for ${what}`)); }, ms);
    const listener = (m) => { if (predicate(m)) { clearTimeout(timer); remove(); resolve(m); } };
    const remove = () => listeners.splice(listeners.indexOf(listener), 1);
    listeners.push(listener);
  });
}

let exitCode = 0;
try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Page.enable", {}, sessionId);
  await send("Network.enable", {}, sessionId);
  const loaded = () => waitFor((m) => m.method === "Page.loadEventFired" && m.sessionId === sessionId, "page load");
  const documentResponse = () => waitFor((m) => m.method === "Network.responseReceived" && m.sessionId === sessionId
    && m.params.type === "Document", "document response");

  let load = loaded();
  const nav = await send("Page.navigate", { url }, sessionId);
  if (nav.errorText) throw new Error(`navigate ${url}: ${nav.errorText}`);
  await load;

  const evaluate = async (expression) => {
    const r = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId);
    if (r.exceptionDetails) throw new Error(`page script failed: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  };
  const hasField = await evaluate(`!!document.querySelector('input[name="service_id"]')`);
  if (!hasField) throw new Error(`no input named service_id on ${url}`);

  load = loaded();
  const response = documentResponse();
  // type into the field and click the form's own submit control, as a person would
  await evaluate(`(() => {
    const field = document.querySelector('input[name="service_id"]');
    field.focus(); field.value = ${JSON.stringify(serviceId)};
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const form = field.form;
    const submit = form.querySelector('button[type="submit"], input[type="submit"], button:not([type])');
    if (submit) submit.click(); else form.requestSubmit();
    return true;
  })()`);
  const [resp] = await Promise.all([response, load]);
  const page = await evaluate(`({ url: location.href, title: document.title, text: document.body.innerText })`);
  if (screenshot) {
    const shot = await send("Page.captureScreenshot", { format: "png" }, sessionId);
    writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
  }
  console.log(JSON.stringify({ status: resp.params.response.status, ...page, text: page.text.replace(/\s+/g, " ").trim() }));
} catch (e) {
  console.error(`browser: ${e.message}`);
  if (stderr) console.error(stderr.split("\n").slice(-5).join("\n"));
  exitCode = 1;
} finally {
  try { await Promise.race([send("Browser.close"), new Promise((r) => setTimeout(r, 2000))]); } catch { /* closing */ }
  try { process.kill(-browser.pid, "SIGKILL"); } catch { /* already gone */ }   // chromium and its helpers
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
process.exit(exitCode);
