// The interactive view through a real terminal: tmux runs `sim/cli.ts` on the toy image, the test
// types keys with send-keys and reads the screen with capture-pane. Skipped where tmux is missing.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createSimulation } from "../../sim/engine";
import { handleKey, renderScreen, TuiState } from "../../sim/tui";
import { PROTO_PICO, TOY_LOCK } from "./toy-lock";

const REPO = path.resolve(__dirname, "../..");

function hasTmux(): boolean {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const plain = (lines: string[]) => lines.join("\n").replace(/\x1b\[[0-9;]*m/g, "");

describe("sim: the interactive terminal view", () => {
  it("draws the keypad, lamps, bolt, battery and log, and maps keys to actions", () => {
    const state: TuiState = { sim: createSimulation({ board: PROTO_PICO, image: TOY_LOCK }), log: [], status: "", message: "", blocked: false };
    state.sim.powerOn();
    const pending: Array<() => void> = [];
    const later = (fn: () => void) => pending.push(fn);
    const runLater = () => {
      while (pending.length > 0) {
        state.sim.advance(100);
        pending.shift()!();
      }
    };
    // keys typed in a burst are pressed one after another on the keypad
    handleKey(state, "1", later);
    handleKey(state, "2", later);
    runLater();
    handleKey(state, "\r", later);
    runLater();
    state.sim.advance(1500);
    const keys = state.sim.timeline.events.filter((e) => e.kind === "key").map((e) => (e.kind === "key" ? `${e.down ? "+" : "-"}${e.key}` : ""));
    assert.deepEqual(keys, ["+1", "-1", "+2", "-2", "+#", "-#"]);
    let screen = plain(renderScreen(state));
    assert.match(screen, /\| \* \| 0 \| # \|/);
    assert.match(screen, /bolt \[#{20}\] 9\d% extended/);
    assert.match(screen, /battery 6\.40 V/);
    handleKey(state, "P", later);
    assert.equal(state.sim.programHeld(), true);
    handleKey(state, "-", later);
    assert.ok(Math.abs(state.sim.battery.openCircuitVolts() - 6.3) < 1e-9);
    handleKey(state, "b", later);
    assert.equal(state.blocked, true);
    handleKey(state, "o", later);
    screen = plain(renderScreen(state));
    assert.match(screen, /power OFF/);
    assert.equal(handleKey(state, "q", later), false);
  });

  describe("in a real terminal (tmux)", function () {
    const session = `latchkey-sim-test-${process.pid}`;
    let dir = "";

    before(function () {
      if (!hasTmux()) {
        console.log("      (skipped: tmux is not installed; apt-get install tmux to run this test)");
        this.skip();
      }
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-tui-"));
      fs.writeFileSync(path.join(dir, "toy.js"), TOY_LOCK);
    });

    after(() => {
      if (!dir) return;
      try {
        execFileSync("tmux", ["kill-session", "-t", session], { stdio: "ignore" });
      } catch {
        // already gone
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const screen = () => execFileSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" });
    const send = (...keys: string[]) => execFileSync("tmux", ["send-keys", "-t", session, ...keys]);
    async function waitFor(pattern: RegExp, what: string, ms = 10000): Promise<string> {
      const until = Date.now() + ms;
      for (;;) {
        const text = screen();
        if (pattern.test(text)) return text;
        if (Date.now() > until) assert.fail(`the screen never showed ${what}:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }

    it("runs in real time and answers the keys a person types", async function () {
      this.timeout(30000);
      const svg = path.join(dir, "run.svg");
      const command = `cd ${REPO} && npx tsx sim/cli.ts --board proto-pico --image ${path.join(dir, "toy.js")} --svg ${svg}; echo "EXITED $?"; sleep 30`;
      execFileSync("tmux", ["new-session", "-d", "-s", session, "-x", "110", "-y", "40", command]);
      await waitFor(/Latchkey simulator\s+board proto-pico/, "the title");
      await waitFor(/toy: boot strokes=0 program up/, "the image's boot line");
      send("1", "2", "Enter");
      await waitFor(/toy: key 1[\s\S]*toy: key 2[\s\S]*toy: key #/, "each typed key reaching the image in turn");
      await waitFor(/bolt \[#{20}\] 9\d% extended/, "the bolt extended");
      send("p");
      await waitFor(/toy: program down/, "the Program press");
      send("o");
      await waitFor(/power OFF/, "power off");
      send("o");
      await waitFor(/toy: boot strokes=1/, "the second boot, the stroke count kept in flash");
      send("q");
      await waitFor(/EXITED 0/, "a clean exit");
      assert.ok(fs.readFileSync(svg, "utf8").includes("<svg"), "no SVG written on quit");
    });
  });
});
