import { strict as assert } from "assert";
import { DEFAULT_CONFIG } from "../firmware/config";

describe("config", () => {
  it("has the spec's default entry timeout of 5 s", () => {
    assert.equal(DEFAULT_CONFIG.entryTimeoutMs, 5000);
  });
});
