// The journal's format as the host reads it (tools/journal/format.ts) keeps the firmware's one numbering of
// events (firmware/types.ts EventKind), and names every kind the way make log and the scenario language say it.
import { strict as assert } from "assert";
import { EventKind } from "../../firmware/types";
import { EVENT, eventText, kindName } from "../../tools/journal/format";

describe("the event log's kinds, as the host names them", () => {
  it("are the firmware's EventKind, number for number", () => {
    const firmware: Record<keyof typeof EVENT, number> = {
      TIME: EventKind.TIME,
      POWER_UP: EventKind.POWER_UP,
      UNLOCK_CODE: EventKind.UNLOCK_CODE,
      UNLOCK_KEY: EventKind.UNLOCK_KEY,
      LOCK_ONE_TOUCH: EventKind.LOCK_ONE_TOUCH,
      LOCK_AUTO: EventKind.LOCK_AUTO,
      LOCK_KEY: EventKind.LOCK_KEY,
      WRONG_CODE: EventKind.WRONG_CODE,
      LOCKOUT: EventKind.LOCKOUT,
      JAM: EventKind.JAM,
      HANDING_OK: EventKind.HANDING_OK,
      HANDING_FAILED: EventKind.HANDING_FAILED,
      BATTERY: EventKind.BATTERY,
      CODE_ADDED: EventKind.CODE_ADDED,
      CODE_DELETED: EventKind.CODE_DELETED,
      SETTING: EventKind.SETTING,
      MASTER_SET: EventKind.MASTER_SET,
      DELETE_ALL: EventKind.DELETE_ALL,
      FACTORY_RESET: EventKind.FACTORY_RESET,
      FAULT: EventKind.FAULT,
      PASSKEY_SET: EventKind.PASSKEY_SET,
      PAIRING_OPEN: EventKind.PAIRING_OPEN,
    };
    assert.deepEqual(EVENT, firmware);
  });

  it("reads each kind and its arg in words, a slot number at most", () => {
    assert.equal(eventText(EVENT.UNLOCK_CODE, 3), "unlock slot 3");
    assert.equal(eventText(EVENT.LOCK_AUTO, 0), "lock auto-lock");
    assert.equal(eventText(EVENT.LOCKOUT, 960), "lockout 960 s");
    assert.equal(eventText(EVENT.SETTING, 2 * 2 + 1), "setting audio on");
    assert.equal(eventText(EVENT.HANDING_OK, 1), "handing ok drive B extends");
    assert.equal(eventText(EVENT.BATTERY, 2), "battery critical");
    for (const kind of Object.values(EVENT)) assert.doesNotMatch(kindName(kind), /^kind /);
  });
});
