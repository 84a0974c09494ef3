import { strict as assert } from "assert";
import { renderSvg } from "../../sim/svg";
import { runScenarioText } from "../../sim/scenario/run";
import { toyResolve } from "./toy-lock";

/** A small XML well-formedness check: balanced tags, quoted attributes, escaped text. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body))) {
    consumed = token.lastIndex;
    const [, closing, name, , selfClosing, text] = match;
    if (text !== undefined) {
      assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(text), `unescaped & in ${JSON.stringify(text.slice(0, 40))}`);
      if (stack.length === 0) assert.equal(text.trim(), "", "text outside the root element");
      continue;
    }
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) stack.push(name);
    else if (stack.length === 0) assert.fail("element outside the root");
  }
  assert.equal(consumed, body.length, `not XML at: ${JSON.stringify(body.slice(consumed, consumed + 60))}`);
  assert.deepEqual(stack, [], "unclosed elements");
}

describe("sim: the timeline as an SVG", () => {
  const result = runScenarioText("power on\nwait 1s\npress #\nwait 2s\nblock bolt at 50%\npress #\nwait 2s\npress *\nwait 1s\n", {
    file: "toy.scn",
    resolve: toyResolve,
  });
  const svg = renderSvg(result.sim!.timeline, { title: "toy <lock> & test" });

  it("is well-formed XML with an svg root", () => {
    assertWellFormedXml(svg);
    assert.match(svg, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes("toy &lt;lock&gt; &amp; test"));
  });

  it("draws the run's events in their lanes: flashes, beeps, strokes, keys", () => {
    const starts = (kind: string) => [...svg.matchAll(new RegExp(`class="pulse ${kind}"[^>]*data-start="([\\d.]+)"`, "g"))].map((m) => Number(m[1]));
    // LOCK at 1 s + 30 ms debounce: drive A; the stroke done at about 1.86 s: green flash and beep
    const motor = [...svg.matchAll(/class="pulse motor" data-drive="(\w)" data-start="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(motor.map((m) => m[0]), ["A", "B"]);
    assert.equal(motor[0][1], 1030);
    assert.equal(starts("green").length, 1);
    assert.ok(starts("green")[0] > 1800 && starts("green")[0] < 1950);
    assert.deepEqual(starts("buzzer"), starts("green"));
    // the stall on the way back: red; then CLEAR: red
    assert.equal(starts("red").length, 2);
    const keys = [...svg.matchAll(/class="key" data-t="([\d.]+)" data-key="([^"]+)"/g)].map((m) => m[2]);
    assert.deepEqual(keys, ["#", "#", "*"]);
    for (const lane of ["red LED", "green LED", "buzzer", "motor", "Program", "keys", "bolt position", "battery V", "motor current", "events"]) {
      assert.ok(svg.includes(`>${lane}</text>`), `no lane ${lane}`);
    }
    assert.match(svg, /class="trace position"/);
    assert.match(svg, /class="trace volts"/);
    assert.match(svg, /class="trace amps"/);
  });

  it("writes one label per entry of keys, and no two labels of a row overlap", () => {
    const busy = runScenarioText(
      "power on\npress 2468#\npress 1357#\npress program\npress 12*\nwait 100ms\npress 9#\nhold program 3s\npress 55#\nwait 30s\npress 0#\n",
      { file: "toy.scn", resolve: toyResolve },
    );
    const drawn = renderSvg(busy.sim!.timeline, { width: 600 });
    const labels = [...drawn.matchAll(/<text class="keytext" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: m[2], text: m[3] }));
    // every key, once, in order
    assert.equal(labels.map((l) => l.text).join(" ").replace(/ /g, ""), "2468#1357#12*9#55#0#");
    const charWidth = 11 * 0.62;
    for (const a of labels) {
      for (const b of labels) {
        if (a === b || a.y !== b.y) continue;
        const apart = a.x + a.text.length * charWidth <= b.x || b.x + b.text.length * charWidth <= a.x;
        assert.ok(apart, `"${a.text}" and "${b.text}" overlap`);
      }
    }
    // Program is a lane of its own: held 3 s is a 3 s pulse
    const program = [...drawn.matchAll(/class="pulse program" data-start="([\d.]+)" data-end="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
    assert.deepEqual(program, [200, 3000]);
  });

  it("writes the events and log lines out, numbered, and the battery on a fixed scale", () => {
    const listed = [...svg.matchAll(/<text class="listed (\w+)"[^>]*>([^<]*)<\/text>/g)].map((m) => m[2]);
    assert.ok(listed.some((l) => /^\s+1\s+0s\s+toy: boot strokes=0 program up/.test(l)), listed.join("\n"));
    assert.ok(listed.some((l) => /bolt blocked at 50%/.test(l)), "a note");
    assert.ok(listed.some((l) => /toy: stroke stalled/.test(l)), "a log line");
    const scale = [...svg.matchAll(/<text class="scale"[^>]*>([^<]*) V<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(scale, ["3", "4", "5", "6", "7"]);
  });
});
