// rig/model.js under Node, in sinon's virtual time, with stand-ins for the few Espruino globals it uses
// (getTime, process.memory, E). Pins are the Linux pin numbers the board's prelude gives them.
import * as fs from "fs";
import * as path from "path";
import * as sinon from "sinon";
import { loadBoard } from "../../tools/boards/load";
import { MODEL_FILE, rigBoard, RigBoard } from "../../tools/interpreter/preludes";
import type { RigConditions, RigState } from "../../tools/interpreter/real-board";

const SOURCE = fs.readFileSync(MODEL_FILE, "utf8");

export interface WatchEvent {
  state: boolean;
  time: number;
  lastTime: number | undefined;
  pin: number;
}

export interface ModelOnNode {
  board: RigBoard;
  clock: sinon.SinonFakeTimers;
  hw: any;
  rig: any;
  E: Record<string, unknown>;
  /** the model's printed lines without "[rig] <ms> " */
  events: string[];
  /** the board's pin (its Linux number) */
  pin(name: string): number;
  state(): RigState;
  /** what process.memory().usage returns next */
  usage: number;
  restore(): void;
}

export function modelOnNode(boardName: string, conditions: RigConditions = {}): ModelOnNode {
  const board = rigBoard(loadBoard(path.join(__dirname, "..", "..", "boards", boardName + ".json")));
  const clock = sinon.useFakeTimers({ now: 1000000, toFake: ["setTimeout", "clearTimeout", "Date"] });
  const events: string[] = [];
  const E: Record<string, unknown> = { getAnalogVRef: () => NaN };
  const result = {} as ModelOnNode;
  const console = { log: (line: string) => events.push(line.replace(/^\[rig\] [\d.]+ /, "")) };
  const process = { memory: () => ({ usage: result.usage }) };
  const make = new Function("getTime", "setTimeout", "clearTimeout", "console", "process", "E", SOURCE + "\nreturn rigModel;");
  const rigModel = make(() => Date.now() / 1000, setTimeout, clearTimeout, console, process, E);
  const m = rigModel(board, conditions);
  return Object.assign(result, {
    board,
    clock,
    hw: m.hw,
    rig: m.rig,
    E,
    events,
    usage: 0,
    pin: (name: string) => {
      const i = board.names.indexOf(name);
      if (i < 0) throw new Error(`${boardName} has no pin ${name}`);
      return board.nums[i];
    },
    state: () => m.rig.state() as RigState,
    restore: () => clock.restore(),
  });
}
