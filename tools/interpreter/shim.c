/* Loaded with LD_PRELOAD into Espruino's Linux build by the test harness (tools/interpreter/real-board.ts).
 * - Moves the telnet console (`espruino --telnet`, fixed at TCP port 2323) to the port in ESPRUINO_TELNET_PORT,
 *   so that several interpreters can serve a console at once. Espruino binds with SO_REUSEPORT, so two of them
 *   on 2323 would both listen and the kernel would hand a client to either: an upload could land in the wrong one.
 * - With LATCHKEY_DIE_WITH_PARENT set, the interpreter is killed when the process that started it dies: with its
 *   stdin closed it would otherwise run on for ever. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>

__attribute__((constructor)) static void die_with_parent(void) {
  if (getenv("LATCHKEY_DIE_WITH_PARENT")) prctl(PR_SET_PDEATHSIG, SIGKILL);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_bind)(int, const struct sockaddr *, socklen_t);
  if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
  const char *port = getenv("ESPRUINO_TELNET_PORT");
  if (port && addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in) &&
      ntohs(((const struct sockaddr_in *)addr)->sin_port) == 2323) {
    struct sockaddr_in moved = *(const struct sockaddr_in *)addr;
    moved.sin_port = htons((unsigned short)atoi(port));
    return real_bind(fd, (const struct sockaddr *)&moved, sizeof moved);
  }
  return real_bind(fd, addr, len);
}
