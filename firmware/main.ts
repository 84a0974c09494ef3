// Device entry point (temporary stub until the lock shell lands): proves the build pipeline end to end.
import { board, config } from "latchkey:board";

pinMode(board.motor.in1, "output");
pinMode(board.motor.in2, "output");
digitalWrite(board.motor.in1, 0);
digitalWrite(board.motor.in2, 0);
console.log("Latchkey " + board.name + " entry timeout " + config.entryTimeoutMs);
