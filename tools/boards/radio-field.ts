// A board file's `radio` field: who can reach Espruino's console over the air. Only a chip with a radio takes it
// (tools/boards/chips.ts radioModes); its default is "off". A board without a radio gets "none" in the image, so
// that every radio branch of the firmware is a dead literal condition the build drops (docs/security.md).
import type { ChipInfo, RadioSetting } from "./chips";
import { CHIPS } from "./chips";
import { describe, Fields, JsonObject } from "./fields";

export type BoardRadio = RadioSetting | "none";

const SETTINGS: readonly RadioSetting[] = ["off", "paired", "open"];

export function readRadio(top: JsonObject, chipName: string | undefined, chip: ChipInfo | undefined, f: Fields): BoardRadio {
  const value = top.radio;
  if (value !== undefined && (typeof value !== "string" || !SETTINGS.includes(value as RadioSetting))) {
    f.fail("radio", 'must be "off", "paired" or "open", got ' + describe(value));
  }
  if (!chip) return "none"; // the chip's own fault is reported already
  if (!chip.radioModes.length) {
    if (value === undefined) return "none";
    const withRadio = Object.keys(CHIPS).filter((name) => CHIPS[name].radioModes.length);
    f.fail("radio", chipName + " has no radio: remove the field (it applies to " + withRadio.join(", ") + ")");
  }
  if (value === undefined) return chip.radioModes[0];
  if (!chip.radioModes.includes(value as RadioSetting)) {
    f.fail("radio", describe(value) + " is not possible on " + chipName + ": " + (chip.radioLimit || "not supported") +
      " (possible: " + chip.radioModes.map((m) => JSON.stringify(m)).join(", ") + ")");
  }
  return value as RadioSetting;
}

/** what the build prints for a board whose radio console is open; undefined when it is not */
export function radioWarning(board: { file: string; radio: BoardRadio }): string | undefined {
  if (board.radio !== "open") return undefined;
  return "warning: " + board.file + ": radio: \"open\": anyone within radio range can reach Espruino's console and " +
    "drive the motor. For a prototype on the bench only; make bench marks this board INSECURE (docs/security.md)";
}

/**
 * The image's radio lines, right after the motor is stopped and before the rest of the image is even parsed
 * (several hundred ms on a chip): a connection made while Espruino started, with its defaults, is then dropped
 * long before the interpreter first handles input, so nothing it typed ever runs (docs/security.md).
 * Each line is what the board's setting needs and nothing more; none on a board without a radio.
 */
export function radioPowerUp(chip: string, radio: BoardRadio): string {
  if (radio === "off" && chip === "esp32") {
    // the image may not call NRF on ESP32: the console pinned to Serial1 (USB), so a Bluetooth or Telnet
    // connection never takes it and its input never runs
    return 'E.setConsole("Serial1", {force: true}); // radio "off": no console over the air\n';
  }
  if (radio === "off") {
    return "NRF.setServices(undefined, {uart: false}); NRF.setAdvertising({}, {connectable: false}); NRF.sleep(); " +
      '// radio "off": no UART, not connectable, not advertising\n';
  }
  if (radio === "paired") {
    // as hal/espruino/radio.ts shuts the pairing window; the disconnect drops a central that came early
    return "NRF.setSecurity({mitm: 1, display: 1, lesc: 1, pair: false}); NRF.disconnect(); " +
      '// radio "paired": the UART only for bonded devices, no pairing\n';
  }
  if (radio === "open") {
    return 'print("[latchkey] WARNING: radio \\"open\\": anyone in radio range can reach the console and drive the motor (bench only)");\n';
  }
  return "";
}
