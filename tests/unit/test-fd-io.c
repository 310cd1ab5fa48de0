/* Whole reads and writes on a file descriptor: short transfers, EINTR and
 * an early end of file. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fd-io.h"

#define BIG (1 << 20) /* much more than a pipe holds */

static volatile sig_atomic_t alarms;

static void on_alarm(int sig) {
  (void)sig;
  alarms++;
}

static void pause_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
    ;
}

/* A writer blocked on a full pipe and a reader blocked on an empty one,
 * each interrupted by a signal (so a write comes back short or with
 * EINTR, and a read with EINTR): every byte arrives, in order, then the
 * end of the file. */
static void test_through_a_pipe(void **unused) {
  (void)unused;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  unsigned char *data = malloc(BIG + 1), *back = malloc(BIG + 1);
  assert_non_null(data);
  assert_non_null(back);
  for (size_t i = 0; i <= BIG; i++)
    data[i] = (unsigned char)(i * 7 + i / 251);
  struct sigaction act = {.sa_handler = on_alarm}; /* no SA_RESTART */
  sigemptyset(&act.sa_mask);
  sigaction(SIGALRM, &act, NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    int rc = ar_write_all(fds[1], data, BIG);
    pause_ms(100); /* the reader now waits on an empty pipe */
    kill(getppid(), SIGALRM);
    pause_ms(100);
    rc |= ar_write_all(fds[1], data + BIG, 1);
    free(data);
    free(back);
    _exit(rc == 0 ? 0 : 1);
  }
  close(fds[1]);
  for (int i = 0; i < 2; i++) {
    pause_ms(100); /* the writer now waits on a full pipe */
    kill(pid, SIGALRM);
  }
  assert_int_equal(ar_read_all(fds[0], back, BIG + 1), 0);
  assert_int_equal(alarms, 1); /* taken while waiting for the last byte */
  assert_memory_equal(back, data, BIG + 1);
  char more;
  errno = EINVAL;
  assert_int_equal(ar_read_all(fds[0], &more, 1), -1);
  assert_int_equal(errno, 0);
  int status;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  close(fds[0]);
  free(data);
  free(back);
}

/* Writing to a pipe nobody reads is an error, with its errno. */
static void test_broken_pipe(void **unused) {
  (void)unused;
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  close(fds[0]);
  signal(SIGPIPE, SIG_IGN);
  assert_int_equal(ar_write_all(fds[1], "x", 1), -1);
  assert_int_equal(errno, EPIPE);
  close(fds[1]);
  assert_int_equal(ar_write_all(-1, "x", 1), -1);
  assert_int_equal(errno, EBADF);
  assert_int_equal(ar_write_all(-1, "", 0), 0); /* nothing to write */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_through_a_pipe),
      cmocka_unit_test(test_broken_pipe),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
