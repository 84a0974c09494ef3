// The interactive view: its screen drawn from a simulation in virtual time, and through a real 80x24 terminal:
// tmux runs `sim/cli.ts` on the built proto-pico image, the test types keys with send-keys and reads the screen
// with capture-pane. Skipped where tmux is missing.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createSimulation } from "../../sim/engine";
import { resolveBoard } from "../../sim/scenario/run";
import { BUILT_IMAGE as IMAGE, skipUnlessBuilt } from "./built-image";
import { handleKey, renderScreen, statusItems, TuiState, wrapItems } from "../../sim/tui";
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

/** the screen as a person reads it: colours removed */
const visibleLines = (lines: string[]) => lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ""));

describe("sim: the interactive terminal view", () => {
  it("draws the keypad, lamps, bolt, battery and log, and maps keys to actions", () => {
    const state: TuiState = { sim: createSimulation({ board: PROTO_PICO, image: TOY_LOCK }), log: [], status: undefined, message: "", blocked: false };
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

  it("writes the whole status over as many lines as it needs, never cut", () => {
    const status = { mode: "programming", locked: true, handed: true, codes: 12, lockedOut: false, battery: { level: "CRITICAL", rest: 4.41234, loaded: null } };
    const lines = wrapItems("status: ", statusItems(status), 40);
    assert.ok(lines.every((l) => l.length <= 40), lines.join("\n"));
    const text = lines.join(" ");
    for (const item of ["mode programming", "locked yes", "codes 12", "lockedOut no", "battery.level CRITICAL", "battery.rest 4.41", "battery.loaded -"]) {
      assert.ok(text.includes(item), `${item} missing from:\n${lines.join("\n")}`);
    }
  });

  describe("on the real image", function () {
    before(function () {
      skipUnlessBuilt(this);
    });

    it("keeps a record in words within 80x24: the patterns, a code added, the digits typed, the whole status", () => {
      const { board, image } = resolveBoard("proto-pico", REPO, IMAGE);
      const state: TuiState = { sim: createSimulation({ board, image }), log: [], status: undefined, message: "", blocked: false };
      const sim = state.sim;
      // as the view does: Latchkey.status() asked now and then
      const wait = (ms: number) => {
        for (let t = 0; t < ms; t += 500) {
          sim.advance(500);
          state.status = sim.status();
        }
      };
      const press = (keys: string) => {
        for (const k of keys) {
          sim.tap(k, 100);
          sim.advance(150);
        }
      };
      sim.powerOn();
      wait(12000);
      sim.setProgram(true);
      sim.advance(200);
      sim.setProgram(false);
      wait(1000);
      press("1234#");
      wait(2000);
      press("#");
      wait(3000);
      press("1234#");
      wait(3000);
      press("99");
      const lines = visibleLines(renderScreen(state, 80, 24));
      assert.equal(lines.length, 24);
      for (const line of lines) assert.ok(line.length < 80, `wider than 79 columns: ${JSON.stringify(line)}`);
      const screen = lines.join("\n");
      assert.match(lines[0], /^Latchkey simulator\s+board proto-pico/);
      assert.match(screen, /PROGRAM: green flash \+ beep/);
      assert.match(screen, /OK: green flash \+ beep\n.*code added in slot 1 \(1 code\)/);
      // the event log, as the lock wrote it: power-up 1, seconds since it
      assert.match(screen, /--- event log -+\n(.*\n)*.*#1 \+1\ds  lock one-touch\n.*#1 \+2\ds  unlock slot 1/);
      assert.match(screen, /bolt retracted \(motor 0\.\d s\)\n.*OK: green flash \+ beep/, "the unlock");
      assert.match(screen, /typed \.\. \(2 digits\)/);
      assert.match(screen, /status: mode ready \| locked no \| handed yes \| codes 1 \| lockedOut no[\s|]*battery\.level OK/);
      assert.equal(lines[22], "0-9 digits  #/Enter LOCK  */Backspace CLEAR  p Program  P hold/release Program");
      assert.equal(lines[23], "k turn key  b block bolt  +/- battery volts  o batteries out/in  q quit");
    });
  });

  describe("in a real terminal of 80x24 (tmux)", function () {
    const session = `latchkey-sim-test-${process.pid}`;
    let dir = "";

    before(function () {
      if (!hasTmux()) {
        console.log("      (skipped: tmux is not installed; apt-get install tmux to run this test)");
        this.skip();
      }
      skipUnlessBuilt(this);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "latchkey-tui-"));
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

    it("runs the real image in real time, answers the keys a person types and keeps the record on screen", async function () {
      this.timeout(40000);
      const svg = path.join(dir, "run.svg");
      const command = `cd ${REPO} && npx tsx sim/cli.ts --board proto-pico --image ${IMAGE} --svg ${svg}; echo "EXITED $?"; sleep 30`;
      execFileSync("tmux", ["new-session", "-d", "-s", session, "-x", "80", "-y", "24", command]);
      let text = await waitFor(/HANDING_OK: 2 green flashes \+ 2 beeps/, "door handing at power-up, in words");
      const lines = text.replace(/\n$/, "").split("\n");
      assert.match(lines[0], /^Latchkey simulator\s+board proto-pico\s+t=[\d.]+s\s+power ON/, "the title stays on the first line");
      assert.equal(lines.length, 24);
      assert.match(lines[23], /^k turn key .* q quit\s*$/, "the help fits on its own lines");
      send("p");
      await waitFor(/PROGRAM: green flash \+ beep/, "PROGRAM in the history");
      send("1", "2", "3");
      await waitFor(/typed \.\.\. \(3 digits\)/, "the digits typed, as dots");
      send("4", "Enter");
      await waitFor(/code added in slot 1 \(1 code\)/, "the code added");
      await waitFor(/#1 \+\d+s  code added slot 1/, "the code added, in the event log");
      text = await waitFor(/status: mode ready \| locked no \| handed yes \| codes 1 \| lockedOut no[\s|]*battery\.level OK/, "the whole status");
      send("o");
      await waitFor(/power OFF/, "power off");
      send("o");
      await waitFor(/power ON/, "power on again");
      send("q");
      await waitFor(/EXITED 0/, "a clean exit");
      assert.ok(fs.readFileSync(svg, "utf8").includes("<svg"), "no SVG written on quit");
    });
  });
});
