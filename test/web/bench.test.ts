/// <reference lib="dom" />
// The lock bench (`make web`) in a real browser: headless Chromium from the Debian package, driven by
// playwright-core, on the built proto-pico image. A person adds a code and unlocks by clicking, types a wrong
// code, runs scenarios, exports the timeline; the screenshots land in build/pictures/ (the README shows them,
// copied to docs/img/ by `make pictures`). Skipped, saying so, where Chromium is not installed, except on CI
// (CI=true), which must have it (.ci/run installs it).
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, Browser, Page } from "playwright-core";
import { DEMO_SCENARIO } from "../../sim/scenario/demo";
import { imagePath, REPO_ROOT, runScenarioText } from "../../sim/scenario/run";
import { renderSvg } from "../../sim/svg";
import { buildBench, serveBench } from "../../sim/web/serve";

export const PICTURES = path.join(REPO_ROOT, "build", "pictures");

/** the Debian package's Chromium, or LATCHKEY_CHROMIUM */
function findChromium(): string | undefined {
  const candidates = [process.env.LATCHKEY_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** flags that work in a container with no display, GPU or network */
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export async function launchChromium(): Promise<Browser | undefined> {
  const executablePath = findChromium();
  if (!executablePath) return undefined;
  // playwright gives the browser a fresh profile (user data dir) of its own
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
}

describe("the lock bench in a browser (make web)", function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let page: Page;
  let server: { url: string; close: () => Promise<void> } | undefined;
  const pageErrors: string[] = [];

  before(async function () {
    if (!fs.existsSync(imagePath("proto-pico"))) {
      console.log("      (skipped: build/proto-pico is missing; run make to build it)");
      this.skip();
    }
    browser = await launchChromium();
    if (!browser) {
      if (process.env.CI) assert.fail("no Chromium on CI: .ci/run installs the Debian package chromium");
      console.log("      (skipped: no Chromium here; apt-get install chromium to run the browser bench's test)");
      this.skip();
    }
    await buildBench();
    server = await serveBench(0);
    page = await browser.newPage({ viewport: { width: 1500, height: 1150 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
    fs.mkdirSync(PICTURES, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => assert.deepEqual(pageErrors, [], "errors in the page"));

  const click = async (keys: string) => {
    for (const k of keys) await page.locator(`.keycap[data-key="${k}"]`).click();
  };
  const waitText = (id: string, text: string) =>
    page.waitForFunction(([i, t]) => (document.getElementById(i)?.textContent ?? "").includes(t), [id, text], { timeout: 15000 });
  /** starts watching a lamp: its flash may be shorter than a poll; then waits until it has been lit */
  const watchLamp = async (id: string) => {
    await page.evaluate((i) => {
      const seen = ((window as unknown as { lit: Record<string, boolean> }).lit ??= {});
      seen[i] = false;
      const lamp = document.getElementById(i)!;
      new MutationObserver(() => {
        if (lamp.dataset.on === "true") seen[i] = true;
      }).observe(lamp, { attributes: true });
    }, id);
    return () => page.waitForFunction((i) => (window as unknown as { lit: Record<string, boolean> }).lit[i], id, { timeout: 15000 });
  };
  const waitMatch = (id: string, pattern: RegExp) =>
    page.waitForFunction(([i, p]) => new RegExp(p).test(document.getElementById(i)?.textContent ?? ""), [id, pattern.source], { timeout: 15000 });
  const waitAttr = (selector: string, name: string, value: string) =>
    page.waitForFunction(([s, n, v]) => document.querySelector(s)?.getAttribute(n) === v, [selector, name, value], { timeout: 15000 });

  it("runs the real image: a person adds a code and unlocks by clicking, and sees the LEDs and the bolt", async () => {
    assert.equal(await page.locator("#board").inputValue(), "proto-pico");
    assert.equal(await page.locator("#image").inputValue(), "firmware.min.js");
    // five times real time, so door handing and the patterns pass quickly; real time for the programming
    // dialogue, whose entry ends after 5 s without a key: at x5 that is one second of a busy machine
    await page.locator("#speed").selectOption("5");
    await waitText("history", "HANDING_OK: 2 green flashes + 2 beeps");
    await page.locator("#speed").selectOption("1");
    await page.locator("#program").click();
    await waitText("history", "PROGRAM: green flash + beep");
    await click("12");
    await waitAttr("#typed", "data-digits", "2");
    assert.equal(await page.locator("#typed").innerText(), "\u2022\u2022");
    await click("34#");
    await waitText("history", "code added in slot 1 (1 code)");
    await page.locator("#speed").selectOption("5");
    // one-touch locking: the bolt goes out, then OK lights the green LED
    let green = await watchLamp("led-green");
    await click("#");
    await waitAttr("#bolt", "data-state", "extended");
    await green();
    await waitText("events", "lock one-touch");
    green = await watchLamp("led-green");
    await click("1234#");
    await waitAttr("#bolt", "data-state", "retracted");
    await green();
    await waitText("events", "unlock slot 1");
    // typed on the keyboard: a wrong code lights the red LED
    const red = await watchLamp("led-red");
    await page.keyboard.press("9");
    await page.keyboard.press("9");
    await page.keyboard.press("9");
    await page.keyboard.press("9");
    await page.keyboard.press("Enter");
    await red();
    await waitText("history", "WRONG: red flash + beep");
    assert.match(await page.locator("#status").innerText(), /codes 1[\s\S]*battery\.level OK/);
    assert.match(await page.locator("#console").innerText(), /\[latchkey\] unlocked/);
    // the timeline drew it all: the keys as entries, the patterns by name
    const timeline = await page.locator("#timeline").innerHTML();
    for (const text of ["1234#", "PROGRAM", "WRONG"]) assert.ok(timeline.includes(`>${text}<`), `${text} not on the timeline`);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(PICTURES, "bench.png") });
  });

  it("takes the batteries out and puts them back: the lock starts again, keeping its codes", async () => {
    await page.locator("#power").click();
    await waitAttr("#power", "data-powered", "false");
    assert.match(await page.locator("#status").innerText(), /batteries out/);
    await page.locator("#battery").fill("5.2");
    await page.locator("#power").click();
    await waitAttr("#power", "data-powered", "true");
    await waitText("status", "codes 1");
    await waitMatch("history", /batteries out[\s\S]*battery 5\.20 V[\s\S]*batteries in/);
  });

  it("runs a pasted scenario and marks each line held, or failed with what was seen", async () => {
    await page.locator("#scenario-text").fill("# the obvious way\nwait 12s\npress program\nexpect PROGRAM within 2s\npress 2580#\nexpect OK within 3s\nexpect 3 red flashes within 2s\nexpect locked\n");
    await page.locator("#run-scenario").click();
    await waitText("scenario-summary", "FAIL at line 7");
    const states = await page.locator("#scenario-result li").evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.state));
    assert.deepEqual(states, ["comment", "done", "done", "held", "done", "held", "failed", "not-run", "comment"]);
    assert.match(await page.locator('#scenario-result li[data-state="failed"]').innerText(), /expected 3 red flashes between .*, saw none/);
    // the run's lock is now on the bench, paused where it ended
    assert.match(await page.locator("#clock").innerText(), /paused/);
  });

  it("runs a scenario of the library, loaded from the examples, and every expectation holds", async () => {
    await page.locator("#scenario-example").selectOption("lockout.scn");
    await page.waitForFunction(() => (document.getElementById("scenario-text") as HTMLTextAreaElement).value.includes("LOCKOUT"));
    await page.locator("#run-scenario").click();
    await waitText("scenario-summary", "PASS");
    const held = await page.locator('#scenario-result li[data-state="held"]').count();
    const expects = (await page.locator("#scenario-text").inputValue()).split("\n").filter((l) => l.trim().startsWith("expect")).length;
    assert.equal(held, expects);
    await page.screenshot({ path: path.join(PICTURES, "bench-scenario.png") });
  });

  it("exports the whole timeline as an SVG file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-svg").click()]);
    const file = path.join(os.tmpdir(), `latchkey-export-${process.pid}.svg`);
    await download.saveAs(file);
    const svg = fs.readFileSync(file, "utf8");
    fs.rmSync(file);
    assert.match(download.suggestedFilename(), /^latchkey-proto-pico-timeline\.svg$/);
    assert.match(svg, /^<\?xml[\s\S]*<svg [\s\S]*LOCKOUT[\s\S]*<\/svg>\s*$/);
  });

  it("runs every board's image, readable and minified: door handing, then one-touch locking", async () => {
    await page.locator("#speed").selectOption("20");
    for (const board of await page.locator("#board option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))) {
      for (const image of ["firmware.js", "firmware.min.js"]) {
        const before = (await page.locator("body").getAttribute("data-lock")) ?? "";
        await page.locator("#board").selectOption(board);
        await page.locator("#image").selectOption(image);
        // a new lock of that board (each change makes one)
        const title = `(build/${board}/${image})`;
        await page.waitForFunction(([b, t]) => document.body.dataset.lock !== b && document.body.dataset.lock?.endsWith(t), [before, title]);
        await waitText("status", "handed yes");
        await page.keyboard.press("#");
        await waitAttr("#bolt", "data-state", "extended");
      }
    }
  });

  it("draws the timeline so a person can read it: printed to PNG, no two labels overlap", async () => {
    const run = runScenarioText(DEMO_SCENARIO, { file: "demo" });
    const svg = renderSvg(run.sim!.timeline, { title: "Latchkey demo on proto-pico: add a code, lock, unlock, a wrong code" });
    fs.writeFileSync(path.join(PICTURES, "timeline.svg"), svg);
    const picture = await browser!.newPage({ viewport: { width: 1500, height: 800 } });
    await picture.setContent(`<html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, "")}</body></html>`);
    // the boxes of the labels as the browser lays them out, with its real fonts
    const boxes = await picture.locator("svg text.keytext, svg text.pattern, svg text.marknum").evaluateAll((texts) =>
      texts.map((t) => {
        const b = (t as SVGTextElement).getBBox();
        return { text: t.textContent ?? "", x: b.x, y: b.y, w: b.width, h: b.height };
      }),
    );
    assert.ok(boxes.length >= 10, `only ${boxes.length} labels`);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        assert.ok(apart, `"${a.text}" and "${b.text}" overlap`);
      }
    }
    const labels = boxes.map((b) => b.text);
    for (const text of ["HANDING_OK", "PROGRAM", "OK", "WRONG", "1234#", "9999#"]) assert.ok(labels.includes(text), `no label ${text}`);
    await picture.locator("svg").screenshot({ path: path.join(PICTURES, "timeline.png") });
    await picture.close();
    assert.ok(fs.statSync(path.join(PICTURES, "timeline.png")).size > 10000);
  });
});
