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
    for (const lane of ["red LED", "green LED", "buzzer", "motor", "bolt position", "battery V", "motor current A"]) {
      assert.ok(svg.includes(`>${lane}</text>`), `no lane ${lane}`);
    }
    assert.match(svg, /class="trace position"/);
    assert.match(svg, /class="trace volts"/);
    assert.match(svg, /class="trace amps"/);
  });
});
