// Looking a board up by name, as make sim and make flash do with BOARD=: a typo is answered with the boards
// there are, and the likely one.
import { strict as assert } from "assert";
import { boardNames, findBoard, UnknownBoardError } from "../../tools/boards/find";

describe("finding a board by name", () => {
  it("lists the boards in boards/", () => {
    assert.deepEqual(boardNames(), ["proto-esp32", "proto-mdbt42q", "proto-pico"]);
  });

  it("reads and validates a known board", () => {
    assert.equal(findBoard("proto-pico").name, "proto-pico");
  });

  it("refuses an unknown name with the list of boards", () => {
    assert.throws(() => findBoard("nope"), (e: Error) => {
      assert.ok(e instanceof UnknownBoardError);
      assert.equal(e.message, 'no board "nope": there is no boards/nope.json (boards: proto-esp32, proto-mdbt42q, proto-pico)');
      return true;
    });
  });

  it("suggests the board a typo most likely meant", () => {
    assert.throws(() => findBoard("proto-pica"), /\(boards: proto-esp32, proto-mdbt42q, proto-pico\); did you mean proto-pico\?$/);
  });

  it("never reads outside boards/", () => {
    assert.throws(() => findBoard("../package"), UnknownBoardError);
  });
});
