// The image runs at Espruino's top level (no wrapper function: a closure nested one scope less costs
// fewer JsVars), so its top-level names are globals. One that is also an Espruino global would replace
// it (`LOW`, `reset`, a pin such as `B7`): that is a finding.
import type { RawFinding } from "./types";
import type { Node } from "./walk";

/** Object.getOwnPropertyNames(global) on Espruino 2v29's Linux build, less the D pins */
const ESPRUINO_GLOBALS = new Set(
  ("quit interrupt JSON Function Object AES Array ArrayBuffer ArrayBufferView Boolean DataView Date E Error File " +
    "Float32Array Float64Array Graphics HIGH I2C I2C1 I2C2 I2C3 Infinity Int16Array Int32Array Int8Array InternalError " +
    "LOW LoopbackA LoopbackB Math Modules NaN Number OneWire Pin Promise ReferenceError RegExp SPI SPI1 SPI2 SPI3 " +
    "Serial Serial1 Serial2 Serial3 Serial4 Serial5 Serial6 Server Socket StorageFile String SyntaxError " +
    "TFMicroInterpreter Telnet TypeError USB Uint16Array Uint24Array Uint32Array Uint8Array Uint8ClampedArray " +
    "Waveform analogRead analogWrite arguments atob btoa changeInterval clearInterval clearTimeout clearWatch console " +
    "decodeURIComponent dgramSocket digitalPulse digitalRead digitalWrite dump echo edit encodeURIComponent eval " +
    "getPinMode getSerial getTime global globalThis httpCRq httpCRs httpSRq httpSRs httpSrv isFinite isNaN load " +
    "parseFloat parseInt peek16 peek32 peek8 pinMode poke16 poke32 poke8 print process require reset save " +
    "setBusyIndicator setInterval setSleepIndicator setTime setTimeout setWatch shiftOut trace url " +
    // on boards: buttons, LEDs, radios, sleep
    "BTN BTN1 BTN2 BTN3 BTN4 LED LED1 LED2 LED3 LED4 NRF Bluetooth Puck Pixl Bangle ESP32 ESP8266 Wifi Flash " +
    "setDeepSleep Storage Espruino Serial7 Serial8").split(" "),
);

/** pin globals: A0..H15 on STM32, D0..D47 elsewhere */
function isPinName(name: string): boolean {
  if (name.length < 2 || name.length > 3) return false;
  const bank = name.charCodeAt(0);
  if (bank < 65 || bank > 72) return false; // A..H (D included)
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function globalNameRule(program: Node): RawFinding[] {
  const findings: RawFinding[] = [];
  const report = (id: Node | undefined | null) => {
    const name = id && (id as any).type === "Identifier" ? ((id as any).name as string) : "";
    if (name && (ESPRUINO_GLOBALS.has(name) || isPinName(name))) {
      findings.push({ rule: "global-name", message: `top-level '${name}' would replace Espruino's global of that name`, pos: (id as any).start });
    }
  };
  for (const statement of (program as any).body as any[]) {
    if (statement.type === "VariableDeclaration") for (const d of statement.declarations) report(d.id);
    if (statement.type === "FunctionDeclaration" || statement.type === "ClassDeclaration") report(statement.id);
  }
  return findings;
}
