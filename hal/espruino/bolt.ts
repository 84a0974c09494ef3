// The bolt's two end switches, and what their pulls cost. A switch closed at an end of travel holds its
// pin at the level the pull works against, so the pull draws current for as long as the bolt rests there
// (through the STM32's 40 kOhm pull-up, about 80 uA: more than the rest of the idle lock). So while the
// bolt rests, a closed switch's pin is pulled the same way the switch holds it and draws nothing; its
// leaving that end then goes unseen, but its arriving at the other end does not, and every read pulls
// both pins the normal way first. While the motor runs, both pins keep their normal pulls (motorWrite),
// so a stroke sees the bolt leave an end.

/** the motor runs: both pins keep their normal pulls */
let moving = false;

/**
 * Both end switches, true = closed; afterwards, while the motor does not run, a closed switch's pin draws
 * no current. `motor`, when given, says whether the motor runs from now on (motorWrite): when it does, the
 * pins only get their normal pulls back, and nothing is read.
 */
export function readBolt(motor?: boolean) {
  if (motor !== undefined) moving = motor;
  const active = BOARD.bolt.activeLow ? 0 : 1;
  const pull = BOARD.bolt.activeLow ? "input_pullup" : "input_pulldown";
  const still = BOARD.bolt.activeLow ? "input_pulldown" : "input_pullup";
  pinMode(BOARD.bolt.retracted, pull);
  pinMode(BOARD.bolt.extended, pull);
  if (motor) return undefined;
  const state = { retracted: digitalRead(BOARD.bolt.retracted) === active, extended: digitalRead(BOARD.bolt.extended) === active };
  if (!moving && state.retracted) pinMode(BOARD.bolt.retracted, still);
  if (!moving && state.extended) pinMode(BOARD.bolt.extended, still);
  return state;
}
