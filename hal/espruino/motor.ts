// The H-bridge: "A" = (IN1, IN2) = (1, 0), "B" = (0, 1), "stop" = (0, 0) coast. Both start low.
import type { Drive, Motor } from "../types";

export function createMotor(in1: Pin, in2: Pin): Motor {
  function write(drive: Drive) {
    // the side going low first, so a reversal never passes through (1, 1), the brake
    if (drive === "A") {
      digitalWrite(in2, 0);
      digitalWrite(in1, 1);
    } else if (drive === "B") {
      digitalWrite(in1, 0);
      digitalWrite(in2, 1);
    } else {
      digitalWrite(in1, 0);
      digitalWrite(in2, 0);
    }
  }

  pinMode(in1, "output");
  pinMode(in2, "output");
  write("stop");

  return {
    write: write,
    close: function () {
      write("stop");
    },
  };
}
