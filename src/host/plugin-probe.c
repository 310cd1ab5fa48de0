#include "config.h"

#include "plugin-probe.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "formats.h"

#define PROBE_SECONDS 30
#define PROBE_DONE 42 /* the probe ran to its end, whether the plugin loaded or not */

int ar_plugin_probe(ar_plugin_host *host, const char *name, const char *const *options,
                    size_t nopts, char *why, size_t size) {
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0)
    return 0; /* no probe: load it here as before */
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    /* A crash must end this process by its signal, even where a sanitizer
     * would catch it and exit. */
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
      sigaction(fatal[i], &dfl, NULL);
    ar_formats *f = ar_formats_new(host, &name, 1, options, nopts);
    if (f)
      ar_formats_prepare(f, 0);
    ar_formats_free(f);
    _exit(PROBE_DONE);
  }
  int status = 0;
  for (int waited = 0;; waited++) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid)
      break;
    if (r < 0 && errno != EINTR)
      return 0;
    if (waited >= PROBE_SECONDS * 1000) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      snprintf(why, size, "loading the plugin '%s' did not end within %d s (searched: %s)", name,
               PROBE_SECONDS, ar_plugin_host_path(host));
      return -1;
    }
    struct timespec ts = {0, 1000 * 1000};
    nanosleep(&ts, NULL);
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    snprintf(why, size, "loading the plugin '%s' crashed (signal %d, %s); searched: %s", name,
             sig, strsignal(sig), ar_plugin_host_path(host));
    return -1;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != PROBE_DONE) {
    snprintf(why, size, "loading the plugin '%s' ended its process (status %d); searched: %s",
             name, WIFEXITED(status) ? WEXITSTATUS(status) : -1, ar_plugin_host_path(host));
    return -1;
  }
  return 0;
}
