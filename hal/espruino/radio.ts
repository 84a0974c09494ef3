// The pairing window of a board whose radio is "paired" (docs/security.md). What every radio board does at
// power-up is in the image's first lines, before the image is even parsed (tools/boards/radio-field.ts,
// radioPowerUp): there a "paired" board shuts pairing as pairingShut does here. BOARD.radio is a literal in the
// image: only a "paired" board carries this file.

/** How long the window opened at the lock lets a new device pair. */
const enum Pairing {
  WINDOW_MS = 60000,
}

let pairingTimer: unknown;

/** No new pairing; the UART needs an encrypted, MITM-protected link (so only a bonded device uses it). */
function pairingShut() {
  pairingTimer = undefined;
  NRF.setSecurity({ mitm: 1, display: 1, lesc: 1, pair: false });
  print("[latchkey] pairing window closed");
}

/** Opens the pairing window for Pairing.WINDOW_MS: a device that enters `passkey` may bond. Never printed. */
export function radioPair(passkey: string) {
  if (pairingTimer) clearTimeout(pairingTimer as number);
  NRF.setSecurity({ passkey: passkey, mitm: 1, display: 1, lesc: 1 });
  pairingTimer = setTimeout(pairingShut, Pairing.WINDOW_MS);
  print("[latchkey] pairing window open for 60 s");
}
