#include "config.h"

#include "plugin-probe.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "formats.h"

#define PROBE_DONE 42 /* fn returned */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_child(void (*fn)(void *), void *arg, pid_t parent, int err) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(1);
  int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0)
    dup2(null, STDOUT_FILENO);
  dup2(err >= 0 ? err : null, STDERR_FILENO);
  static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
  struct sigaction dfl = {.sa_handler = SIG_DFL};
  for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
    sigaction(fatal[i], &dfl, NULL);
  fn(arg);
  /* No exit handlers: they belong to the process this one was forked from. */
  _exit(PROBE_DONE);
}

/* What the probe wrote on its standard error: its first line is kept,
 * the rest read and dropped, so that the probe never blocks on a full
 * pipe. */
typedef struct {
  int fd; /* -1 once closed */
  char first[256];
  size_t len;
  int line_done;
} probe_err;

static void drain(probe_err *e) {
  char buf[4096];
  ssize_t n;
  while ((n = read(e->fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n && !e->line_done; i++) {
      if (buf[i] == '\n')
        e->line_done = e->len > 0;
      else if (e->len + 1 < sizeof e->first)
        e->first[e->len++] = buf[i];
    }
  }
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
    close(e->fd);
    e->fd = -1;
  }
  e->first[e->len] = '\0';
}

/* Waits for pid until deadline; done, the probe's end of the pipe, tells
 * when it ends. Returns 0 with its status, or -1 when it was killed for
 * time. */
static int wait_until(pid_t pid, int done, probe_err *err, double deadline, int *status) {
  for (;;) {
    if (err->fd >= 0)
      drain(err);
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid)
      return 0;
    if (r < 0 && errno != EINTR) {
      *status = PROBE_DONE << 8; /* reaped by someone else: nothing to tell */
      return 0;
    }
    double left = deadline - now();
    if (left <= 0) {
      kill(pid, SIGKILL);
      while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
      return -1;
    }
    struct pollfd p[2] = {{.fd = done, .events = POLLIN}, {.fd = err->fd, .events = POLLIN}};
    int ms = left > 0.1 ? 100 : (int)(left * 1000) + 1;
    /* A closed pipe's entry is ignored (fd -1); with none, poll() only sleeps. */
    if (poll(p, 2, done >= 0 || err->fd >= 0 ? ms : 10) > 0 && p[0].revents)
      done = -1;
  }
}

int ar_probe_run(void (*fn)(void *arg), void *arg, unsigned seconds, char *why, size_t size) {
  int pipefd[2], errfd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0)
    return 0;
  if (pipe2(errfd, O_CLOEXEC | O_NONBLOCK) != 0)
    errfd[0] = errfd[1] = -1;
  fflush(stdout);
  fflush(stderr);
  pid_t parent = getpid(), pid = fork();
  if (pid == 0) {
    close(pipefd[0]);
    if (errfd[0] >= 0)
      close(errfd[0]);
    run_child(fn, arg, parent, errfd[1]);
  }
  close(pipefd[1]);
  if (errfd[1] >= 0)
    close(errfd[1]);
  probe_err err = {.fd = errfd[0]};
  if (pid < 0) {
    close(pipefd[0]);
    if (err.fd >= 0)
      close(err.fd);
    return 0;
  }
  int status = 0;
  int timed_out = wait_until(pid, pipefd[0], &err, now() + seconds, &status) != 0;
  close(pipefd[0]);
  if (err.fd >= 0) {
    drain(&err);
    if (err.fd >= 0)
      close(err.fd);
  }
  /* ", saying: ..." when the probe said something. */
  char said[sizeof err.first + 16] = "";
  if (err.len)
    snprintf(said, sizeof said, ", saying: %s", err.first);
  if (timed_out) {
    snprintf(why, size, "did not end within %u s%s", seconds, said);
    return -1;
  }
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    snprintf(why, size, "crashed (signal %d, %s)%s", sig, strsignal(sig), said);
    return -1;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != PROBE_DONE) {
    snprintf(why, size, "ended the process (status %d)%s",
             WIFEXITED(status) ? WEXITSTATUS(status) : -1, said);
    return -1;
  }
  return 0;
}

/* ---- starting a format with its options --------------------------------------- */

typedef struct {
  ar_plugin_host *host;
  const char *name;
  const char *const *options;
  size_t nopts;
} format_probe;

static void start_format(void *arg) {
  const format_probe *p = arg;
  ar_formats *f = ar_formats_new(p->host, &p->name, 1, p->options, p->nopts);
  if (f)
    ar_formats_prepare(f, 0);
  ar_formats_free(f);
}

int ar_plugin_probe(ar_plugin_host *host, const char *name, const char *const *options,
                    size_t nopts, char *why, size_t size) {
  format_probe p = {host, name, options, nopts};
  char what[512];
  if (ar_probe_run(start_format, &p, AR_PROBE_START_SECONDS, what, sizeof what) == 0)
    return 0;
  snprintf(why, size, "starting the plugin '%s' %s; searched: %s", name, what,
           ar_plugin_host_path(host));
  return -1;
}
