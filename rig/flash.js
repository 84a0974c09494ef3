// The board's flash map on Espruino's Linux build, for the lock's journal (firmware/journal.ts). The Linux
// build has one flash: a 256 KB file of 1 KB pages from 0x10000000, all of it Storage. A board image reads
// and writes flash at its chip's addresses (BOARD.journal.*: the Pico's Storage at 0x08004000 in 16 KB
// sectors, its sector 7 at 0x08060000, ...), so a board's prelude (rig/<board>.boot0.js) runs this from
// `.boot0` and puts the board's map over the file, as methods of Espruino's own Flash and Storage modules:
//  - the board's Storage area is the start of the file, byte for byte (the image finds `.boot0`, `.bootcde`
//    and `lk.j` there as Espruino wrote them);
//  - the board's raw journal region is the top of the file, where Storage has no file (the Linux build's
//    Storage is larger than any board's that uses it);
//  - Flash.getPage and erasePage work in the board's pages (an erase of a 16 KB sector erases its 16 pages of
//    the file), getFree gives the board's list, read and write move the address; anything outside the board's
//    Storage and journal region is an error the image should never cause;
//  - Storage.getFree() is what the board's Storage would have free (the file's free space less what the
//    board does not have), so the arena file `lk.j` fills the board's Storage, not the file.
// rigFlash(M): M = {ss, se} the board's Storage, {ra, rl} its raw region (rl 0: none), arena: whether the
// journal uses Storage's pages too, pages [[addr, size, count], ...] its chip's erase pages, free: getFree()'s
// list (tools/interpreter/preludes.ts makes it from the board file and tools/journal/flash-maps.ts).
function rigFlash(M) {
  var BASE = 0x10000000, TOP = BASE + 262144, LINUX_PAGE = 1024;
  var F = require("Flash"), S = require("Storage");
  var read = F.read, write = F.write, erase = F.erasePage, free = S.getFree;
  function at(a) {
    if (a >= M.ss && a < M.se && M.se - M.ss <= TOP - BASE - M.rl) return BASE + a - M.ss;
    if (a >= M.ra && a < M.ra + M.rl) return TOP - M.rl + a - M.ra;
    throw new Error("[rig] flash address 0x" + a.toString(16) + " is outside the board's Storage and journal region");
  }
  function page(a) {
    for (var i = 0; i < M.pages.length; i++) {
      var r = M.pages[i];
      // (whole numbers: Espruino refuses an address it holds as a float)
      if (a >= r[0] && a < r[0] + r[1] * r[2]) return { addr: r[0] + (((a - r[0]) / r[1]) | 0) * r[1], length: r[1] };
    }
  }
  F.getFree = function () {
    return M.free;
  };
  F.getPage = page;
  F.erasePage = function (a) {
    if (typeof a !== "number" || a % 1) throw new Error("Address should be an integer");
    var p = page(a);
    if (p) for (var x = 0; x < p.length; x += LINUX_PAGE) erase.call(F, at(p.addr + x));
  };
  F.write = function (d, a) {
    write.call(F, d, at(a));
  };
  F.read = function (n, a) {
    return read.call(F, n, at(a));
  };
  if (M.arena) {
    S.getFree = function () {
      return Math.max(0, free.call(S) - (TOP - BASE - (M.se - M.ss)));
    };
  }
}
