// The demo `make` runs: a short day in the life of a fresh lock on proto-pico, told by narrate.ts.
export const DEMO_SCENARIO = `
# batteries in: the first power-up learns the door's hand (section 6)
board proto-pico
power on
wait 12s
# add the user code 1234 (section 4)
press program
wait 1s
press 1234#
wait 2s
# one-touch locking, then unlock with the code (section 3)
press #
wait 4s
press 1234#
wait 4s
# a wrong code
press 9999#
wait 3s
`;
