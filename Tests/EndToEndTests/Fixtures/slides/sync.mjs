// Opens a slides page in headless Chromium, opens its presenter view from it (P), and
// checks through the DevTools protocol that the two windows keep in step: keys in
// either move both, the presenter shows the slide's notes, a new fragment moves both,
// and a reloaded audience window keeps its slide and its link.
// Usage: node sync.mjs CHROMIUM file:///…/NN-slug.slides.html PROFILE-DIR
// Prints one line per step; exits 1 when a step fails.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const [chromium, url, profile] = process.argv.slice(2);
const chrome = spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
  `--user-data-dir=${profile}`, "--window-size=1280,720", "about:blank"], { stdio: "ignore" });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failed = false;
function finish(code) { chrome.kill(); process.exit(code); }
setTimeout(() => { console.log("FAIL timed out"); finish(1); }, 60000);

let port;
for (let i = 0; i < 100 && !port; i++) {
  try { port = readFileSync(`${profile}/DevToolsActivePort`, "utf8").split("\n")[0]; } catch { await sleep(100); }
}
const info = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const ws = new WebSocket(info.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener("open", r));
let id = 0;
const pending = new Map();
ws.addEventListener("message", (e) => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
});
const send = (method, params = {}, sessionId) => new Promise((r) => {
  const i = ++id;
  pending.set(i, r);
  ws.send(JSON.stringify({ id: i, method, params, sessionId }));
});
const attach = async (targetId) => (await send("Target.attachToTarget", { targetId, flatten: true })).result.sessionId;
const evaluate = async (s, expr) =>
  (await send("Runtime.evaluate", { expression: expr, userGesture: true, returnByValue: true }, s)).result.result.value;
const key = (s, k) => evaluate(s, `document.dispatchEvent(new KeyboardEvent("keydown", {key: ${JSON.stringify(k)}, bubbles: true}))`);
async function until(what, test) {
  for (let i = 0; i < 40; i++) { if (await test()) { console.log("ok " + what); return; } await sleep(100); }
  console.log("FAIL " + what);
  failed = true;
}
const hash = (s) => evaluate(s, "location.hash");

const audience = await attach((await send("Target.createTarget", { url: url + "#1" })).result.targetId);
await until("the audience window shows slide 1", async () => (await evaluate(audience, "document.querySelector('.slide.current') && document.querySelector('.slide.current').id")) === "1");
await key(audience, "p");
let presenterTarget;
await until("P opens the presenter view", async () => {
  presenterTarget = (await send("Target.getTargets")).result.targetInfos.find((t) => t.url.includes("?presenter"));
  return !!presenterTarget;
});
if (!presenterTarget) finish(1);
const presenter = await attach(presenterTarget.targetId);
await until("the presenter view shows slide 1 of the deck", async () =>
  /^Slide 1 \/ \d+$/.test(await evaluate(presenter, "(document.querySelector('.pv-count') || {}).textContent")));
for (const k of ["ArrowRight", "PageDown", " "]) await key(audience, k);
await until("→, PageDown and space in the audience window move both to slide 4",
  async () => (await hash(audience)) === "#4" && (await hash(presenter)) === "#4");
await key(presenter, "ArrowLeft");
await until("← in the presenter view moves both to slide 3",
  async () => (await hash(audience)) === "#3" && (await hash(presenter)) === "#3");
await until("the presenter view shows slide 3's notes and slide 4 as the next",
  async () => (await evaluate(presenter, "document.querySelector('.pv-notes').textContent")).includes("Three claims")
    && (await evaluate(presenter, "document.querySelector('.pv-next .slide.current') !== null")));
await key(presenter, "End");
await until("End moves both to the last slide", async () =>
  (await hash(audience)) === (await evaluate(audience, "'#' + document.querySelectorAll('section.slide').length"))
  && (await hash(presenter)) === (await hash(audience)));
await key(audience, "Home");
await until("Home moves both to slide 1", async () => (await hash(audience)) === "#1" && (await hash(presenter)) === "#1");
await evaluate(audience, "location.hash = '#12'");
await until("a new fragment (#12) moves both", async () => (await hash(presenter)) === "#12");
await evaluate(audience, "location.reload()");
await sleep(500);
await until("the reloaded audience window keeps slide 12",
  async () => (await evaluate(audience, "document.querySelector('.slide.current') && document.querySelector('.slide.current').id")) === "12");
await key(audience, "ArrowRight");
await until("and still leads the presenter view (slide 13)", async () => (await hash(presenter)) === "#13");
finish(failed ? 1 : 0);
