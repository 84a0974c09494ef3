// The scenario library (test/scenarios/*.scn), SPEC.md section by section, run against the real image
// in the simulator: each file passes only when every expectation in it holds.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { imagePath, REPO_ROOT, runScenarioFile } from "../sim/scenario/run";
import { renderSvg } from "../sim/svg";

const DIR = path.join(__dirname, "scenarios");
const IMAGE = imagePath("proto-pico");

describe("scenarios: the lock as SPEC.md describes it, on the real proto-pico image", function () {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".scn")).sort();

  before(function () {
    if (!fs.existsSync(IMAGE)) {
      console.log(`      (skipped: ${path.relative(process.cwd(), IMAGE)} is missing; run make to build it)`);
      this.skip();
    }
  });

  it("has a scenario for every section of SPEC.md", () => {
    const sections = new Set<string>();
    for (const f of files) {
      for (const m of fs.readFileSync(path.join(DIR, f), "utf8").matchAll(/section (\d+)/gi)) sections.add(m[1]);
    }
    for (const s of ["2", "3", "4", "5", "6", "7", "8", "9", "10"]) assert.ok(sections.has(s), `no scenario names section ${s}`);
  });

  for (const file of files) {
    it(file.replace(/\.scn$/, ""), function () {
      this.timeout(60000);
      const result = runScenarioFile(path.join(DIR, file), { file: path.join("test/scenarios", file) });
      if (result.failure) {
        const f = result.failure;
        // the timeline of a failed run, to look at
        const svg = path.join(REPO_ROOT, "build", "scenario-failures", file.replace(/\.scn$/, ".svg"));
        if (result.sim) {
          fs.mkdirSync(path.dirname(svg), { recursive: true });
          fs.writeFileSync(svg, renderSvg(result.sim.timeline, { title: `${f.file}:${f.line} failed` }));
        }
        assert.fail(`${f.file}:${f.line}: ${f.text}\n${f.message}${result.sim ? `\ntimeline: ${path.relative(process.cwd(), svg)}` : ""}`);
      }
    });
  }
});
