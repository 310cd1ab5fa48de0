/* batch-run.c: the worker processes of a batch.
 *
 * Workers are forked from the process that loaded the data and started the
 * plugins, so each inherits all of it. A worker reads job numbers from its
 * command pipe and answers each on its result pipe with a fixed header
 * (the job, done or not, bytes, SHA-256, length of the error text) and the
 * error text. This process keeps up to b->workers of them busy, waits with
 * poll() (on the result pipes, and on a pipe SIGCHLD writes to), kills
 * a worker whose job runs past its time limit, and turns every way a
 * worker can end in the middle of a job into that job's failure; then it
 * starts a fresh worker for the jobs left. A worker is also replaced after
 * JOBS_PER_WORKER jobs, so that what a plugin leaks stays bounded. */
#include "config.h"

#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fd-io.h"

#define JOBS_PER_WORKER 256

typedef struct {
  uint64_t job;
  int32_t done;
  uint64_t bytes;
  char sha256[AR_SHA256_HEX];
  uint32_t error_len;
} report;

typedef struct {
  pid_t pid;      /* 0: a free slot */
  int cmd;        /* write end of the command pipe, -1 when closed */
  int res;        /* read end of the result pipe, -1 at its end */
  int busy;       /* running job */
  size_t job;
  double start;   /* of the job */
  unsigned ran;   /* jobs given to this worker */
  char *buf;      /* what it sent and was not read yet */
  size_t len, cap;
  int exited, status;
} worker;

static volatile sig_atomic_t stop_signal;

static int same_brief(const ar_job *a, const ar_job *b) {
  return a->kind == b->kind && a->subject == b->subject;
}

/* The job to give worker w: the next job of the brief it just made (the
 * worker keeps that brief), else the first one whose brief no other worker
 * is making, else the first one left. (size_t)-1 when none is left. */
static size_t pick(const ar_job *jobs, size_t n, const char *taken, size_t next, const worker *ws,
                   unsigned nw, const worker *w) {
  if (w->pid && w->ran && w->job + 1 < n && !taken[w->job + 1] &&
      jobs[w->job + 1].status == AR_JOB_PENDING && same_brief(&jobs[w->job], &jobs[w->job + 1]))
    return w->job + 1;
  size_t first = (size_t)-1;
  for (size_t j = next, seen = 0; j < n && seen < 64; j++) {
    if (taken[j] || jobs[j].status != AR_JOB_PENDING)
      continue;
    seen++;
    if (first == (size_t)-1)
      first = j;
    int held = 0;
    for (unsigned i = 0; i < nw && !held; i++)
      held = ws[i].pid && ws[i].busy && &ws[i] != w && same_brief(&jobs[ws[i].job], &jobs[j]);
    if (!held)
      return j;
  }
  return first;
}

static int child_pipe[2] = {-1, -1}; /* SIGCHLD writes a byte: wakes poll() */

static void on_signal(int sig) { stop_signal = sig; }

static void on_child(int sig) {
  (void)sig;
  int saved = errno;
  if (write(child_pipe[1], "c", 1) < 0) {
    /* full: poll() wakes anyway */
  }
  errno = saved;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ar_jobs_clear(ar_job *jobs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(jobs[i].name);
    free(jobs[i].path);
    free(jobs[i].error);
    jobs[i].name = jobs[i].path = jobs[i].error = NULL;
  }
}

const char *ar_job_status_name(ar_job_status s) {
  switch (s) {
  case AR_JOB_WRITTEN: return "written";
  case AR_JOB_SKIPPED: return "skipped";
  case AR_JOB_FAILED: return "failed";
  case AR_JOB_CANCELLED: return "cancelled";
  default: return "pending";
  }
}

static void set_error(ar_job *job, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(ar_job *job, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  free(job->error);
  job->error = NULL;
  if (vasprintf(&job->error, fmt, ap) < 0)
    job->error = NULL;
  va_end(ap);
}

/* ---- in the worker ---------------------------------------------------------------- */

static void run_one(const ar_batch *b, const ar_job *job, size_t index, int res) {
  ar_diag *diag = ar_diag_new(20);
  report r = {.job = index};
  ar_output_info info = {0};
  r.done = diag && b->run(b->ctx, job, &info, diag) == 0;
  char *text = NULL;
  size_t len = 0;
  if (r.done) {
    r.bytes = info.bytes;
    memcpy(r.sha256, info.sha256, sizeof r.sha256);
  } else if (diag) {
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
      ar_diag_print(diag, mem);
      fclose(mem);
    }
  }
  r.error_len = (uint32_t)(text ? len : 0);
  if (ar_write_all(res, &r, sizeof r) != 0 ||
      (r.error_len && ar_write_all(res, text, r.error_len) != 0))
    _exit(2);
  free(text);
  ar_diag_free(diag);
}

static void worker_main(const ar_batch *b, ar_job *jobs, size_t n, int cmd, int res, pid_t parent) {
  /* A worker outlives no batch, even one killed with SIGKILL. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(1);
  struct sigaction dfl = {.sa_handler = SIG_DFL};
  sigaction(SIGINT, &dfl, NULL);
  sigaction(SIGTERM, &dfl, NULL);
  sigaction(SIGHUP, &dfl, NULL);
  sigaction(SIGPIPE, &dfl, NULL);
  if (b->max_memory) {
    struct rlimit rl = {(rlim_t)b->max_memory, (rlim_t)b->max_memory};
    setrlimit(RLIMIT_DATA, &rl);
  }
  uint64_t index;
  while (ar_read_all(cmd, &index, sizeof index) == 0 && index < n)
    run_one(b, &jobs[index], (size_t)index, res);
  /* No exit handlers: they belong to the process the worker was forked
   * from (its output streams, its temporary files). */
  _exit(0);
}

/* ---- in this process --------------------------------------------------------------- */

static int spawn(const ar_batch *b, ar_job *jobs, size_t n, worker *w) {
  int cmd[2], res[2];
  if (pipe2(cmd, O_CLOEXEC) != 0)
    return -1;
  if (pipe2(res, O_CLOEXEC) != 0) {
    close(cmd[0]);
    close(cmd[1]);
    return -1;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t parent = getpid(), pid = fork();
  if (pid < 0) {
    close(cmd[0]);
    close(cmd[1]);
    close(res[0]);
    close(res[1]);
    return -1;
  }
  if (pid == 0) {
    close(cmd[1]);
    close(res[0]);
    worker_main(b, jobs, n, cmd[0], res[1], parent);
  }
  close(cmd[0]);
  close(res[1]);
  *w = (worker){.pid = pid, .cmd = cmd[1], .res = res[0]};
  return 0;
}

static int assign(worker *w, size_t job) {
  uint64_t index = job;
  if (w->cmd < 0 || ar_write_all(w->cmd, &index, sizeof index) != 0)
    return -1;
  w->busy = 1;
  w->job = job;
  w->start = now();
  w->ran++;
  return 0;
}

static void retire(worker *w) {
  if (w->cmd >= 0) {
    close(w->cmd);
    w->cmd = -1;
  }
}

static void take_output(worker *w) {
  char chunk[8192];
  ssize_t got = read(w->res, chunk, sizeof chunk);
  if (got < 0 && (errno == EINTR || errno == EAGAIN))
    return;
  if (got <= 0) {
    close(w->res);
    w->res = -1;
    return;
  }
  if (w->len + (size_t)got > w->cap) {
    size_t cap = (w->len + (size_t)got) * 2;
    char *grown = realloc(w->buf, cap);
    if (!grown)
      return;
    w->buf = grown;
    w->cap = cap;
  }
  memcpy(w->buf + w->len, chunk, (size_t)got);
  w->len += (size_t)got;
}

static void finish_job(const ar_batch *b, ar_job *job, double start) {
  job->ms = (long)((now() - start) * 1000 + 0.5);
  if (b->finished)
    b->finished(b->ctx, job);
}

/* The results the worker sent in full: each ends its job. */
static void take_reports(const ar_batch *b, ar_job *jobs, size_t n, worker *w, int *failed) {
  size_t used = 0;
  report r;
  while (w->len - used >= sizeof r) {
    memcpy(&r, w->buf + used, sizeof r);
    if (w->len - used - sizeof r < r.error_len)
      break;
    const char *text = w->buf + used + sizeof r;
    used += sizeof r + r.error_len;
    if (!w->busy || r.job != w->job || r.job >= n)
      continue; /* not the job it was given: ignored */
    ar_job *job = &jobs[r.job];
    if (r.done) {
      job->status = AR_JOB_WRITTEN;
      job->bytes = r.bytes;
      memcpy(job->sha256, r.sha256, sizeof job->sha256);
      job->sha256[AR_SHA256_HEX - 1] = '\0';
    } else {
      size_t len = r.error_len;
      while (len > 0 && text[len - 1] == '\n')
        len--;
      job->status = AR_JOB_FAILED;
      if (len)
        set_error(job, "%.*s", (int)len, text);
      else
        set_error(job, "failed without saying why");
      *failed = 1;
    }
    w->busy = 0;
    finish_job(b, job, w->start);
  }
  if (used) {
    memmove(w->buf, w->buf + used, w->len - used);
    w->len -= used;
  }
}

/* The worker has ended: its job, if it had one, failed. */
static void worker_ended(const ar_batch *b, ar_job *jobs, worker *w, int timed_out, int *failed) {
  if (w->busy) {
    ar_job *job = &jobs[w->job];
    job->status = AR_JOB_FAILED;
    if (timed_out) {
      set_error(job, "stopped after %u s (--job-timeout)", b->timeout);
    } else if (WIFSIGNALED(w->status)) {
      int sig = WTERMSIG(w->status);
      set_error(job, "the worker was killed by signal %d (%s)%s", sig, strsignal(sig),
                sig == SIGKILL && b->max_memory ? ", perhaps for lack of memory (--max-memory)" : "");
    } else {
      set_error(job, "the worker exited with status %d before finishing the job",
                WIFEXITED(w->status) ? WEXITSTATUS(w->status) : -1);
    }
    ar_output_remove_temps(b->out_dir, job->name, w->pid);
    *failed = 1;
    finish_job(b, job, w->start);
  }
  if (w->cmd >= 0)
    close(w->cmd);
  if (w->res >= 0)
    close(w->res);
  free(w->buf);
  *w = (worker){0};
}

static void stop_worker(worker *w, int sig) {
  kill(w->pid, sig);
  while (waitpid(w->pid, &w->status, 0) < 0 && errno == EINTR)
    ;
  w->exited = 1;
}

int ar_batch_run(const ar_batch *b, ar_job *jobs, size_t n) {
  unsigned max = b->workers ? b->workers : 1;
  worker *ws = calloc(max, sizeof *ws);
  struct pollfd *pfds = calloc((size_t)max + 1, sizeof *pfds);
  if (!ws || !pfds) {
    free(ws);
    free(pfds);
    for (size_t j = 0; j < n; j++)
      if (jobs[j].status == AR_JOB_PENDING) {
        jobs[j].status = AR_JOB_FAILED;
        set_error(&jobs[j], "out of memory");
      }
    return 0;
  }
  struct sigaction act = {.sa_handler = on_signal}, old[4];
  sigemptyset(&act.sa_mask);
  stop_signal = 0;
  sigaction(SIGINT, &act, &old[0]);
  sigaction(SIGTERM, &act, &old[1]);
  sigaction(SIGHUP, &act, &old[2]);
  /* A worker that died leaves a broken pipe: an error, not a signal. */
  struct sigaction ign = {.sa_handler = SIG_IGN}, chld = {.sa_handler = on_child}, old_chld;
  sigaction(SIGPIPE, &ign, &old[3]);
  int have_child_pipe = pipe2(child_pipe, O_CLOEXEC | O_NONBLOCK) == 0;
  sigemptyset(&chld.sa_mask);
  chld.sa_flags = SA_NOCLDSTOP | SA_RESTART;
  if (have_child_pipe)
    sigaction(SIGCHLD, &chld, &old_chld);

  /* What writers killed in an earlier run left behind. */
  ar_output_remove_temps(b->out_dir, NULL, 0);
  size_t next = 0;
  int failed = 0;
  char *taken = calloc(n ? n : 1, 1); /* given to a worker */
  if (!taken)
    for (size_t j = 0; j < n; j++)
      if (jobs[j].status == AR_JOB_PENDING) {
        jobs[j].status = AR_JOB_FAILED;
        set_error(&jobs[j], "out of memory");
      }
  for (;;) {
    while (next < n && (jobs[next].status != AR_JOB_PENDING || taken[next]))
      next++;
    int more = !stop_signal && next < n && !(b->fail_fast && failed);
    /* Give every idle worker a job (or its leave), start workers for the rest. */
    for (unsigned i = 0; i < max; i++) {
      worker *w = &ws[i];
      if (w->pid && !w->busy && w->cmd >= 0 && (!more || w->ran >= JOBS_PER_WORKER))
        retire(w);
      if (!more || (w->pid && (w->busy || w->cmd < 0)))
        continue; /* nothing to give, busy, or on its way out */
      size_t j = pick(jobs, n, taken, next, ws, max, w);
      if (j == (size_t)-1)
        continue;
      if (!w->pid && spawn(b, jobs, n, w) != 0) {
        jobs[j].status = AR_JOB_FAILED;
        set_error(&jobs[j], "cannot start a worker: %s", strerror(errno));
        failed = 1;
        finish_job(b, &jobs[j], now());
      } else if (assign(w, j) != 0) {
        retire(w); /* it died: noticed below, and the job goes to another */
        continue;
      }
      taken[j] = 1;
      while (next < n && (jobs[next].status != AR_JOB_PENDING || taken[next]))
        next++;
      more = !stop_signal && next < n && !(b->fail_fast && failed);
    }
    size_t alive = 0;
    for (unsigned i = 0; i < max; i++)
      alive += ws[i].pid != 0;
    if (alive == 0 || stop_signal)
      break;

    double t = now(), wait = 0.5;
    nfds_t np = 0;
    if (have_child_pipe)
      pfds[np++] = (struct pollfd){.fd = child_pipe[0], .events = POLLIN};
    for (unsigned i = 0; i < max; i++) {
      worker *w = &ws[i];
      if (!w->pid)
        continue;
      if (b->timeout && w->busy) {
        double left = w->start + b->timeout - t;
        if (left < wait)
          wait = left < 0 ? 0 : left;
      }
      if (w->res >= 0)
        pfds[np++] = (struct pollfd){.fd = w->res, .events = POLLIN};
      else if (!have_child_pipe && wait > 0.001)
        wait = 0.001; /* no way to be woken by its end: look again soon */
    }
    poll(pfds, np, (int)(wait * 1000) + 1);
    if (have_child_pipe) {
      char drain[64];
      while (read(child_pipe[0], drain, sizeof drain) > 0)
        ;
    }
    for (unsigned i = 0; i < max; i++) {
      worker *w = &ws[i];
      if (!w->pid)
        continue;
      for (nfds_t k = 0; k < np; k++)
        if (w->res >= 0 && pfds[k].fd == w->res && (pfds[k].revents & (POLLIN | POLLHUP | POLLERR)))
          take_output(w);
      take_reports(b, jobs, n, w, &failed);
      int timed_out = 0;
      if (w->res < 0) {
        pid_t r = waitpid(w->pid, &w->status, WNOHANG);
        w->exited = r == w->pid;
      }
      if (!w->exited && w->busy && b->timeout && now() - w->start >= b->timeout) {
        stop_worker(w, SIGKILL);
        timed_out = 1;
      }
      if (w->exited)
        worker_ended(b, jobs, w, timed_out, &failed);
    }
  }

  int sig = stop_signal;
  for (unsigned i = 0; i < max; i++) {
    worker *w = &ws[i];
    if (!w->pid)
      continue;
    stop_worker(w, sig ? SIGTERM : SIGKILL);
    if (w->busy) {
      ar_output_remove_temps(b->out_dir, jobs[w->job].name, w->pid);
      jobs[w->job].status = AR_JOB_CANCELLED;
      set_error(&jobs[w->job], "stopped by signal %d (%s)", sig, strsignal(sig));
      w->busy = 0;
    }
    worker_ended(b, jobs, w, 0, &failed);
  }
  for (size_t j = 0; j < n; j++)
    if (jobs[j].status == AR_JOB_PENDING) {
      jobs[j].status = AR_JOB_CANCELLED;
      if (sig)
        set_error(&jobs[j], "not run: stopped by signal %d (%s)", sig, strsignal(sig));
      else
        set_error(&jobs[j], "not run: --fail-fast after an earlier failure");
    }
  sigaction(SIGINT, &old[0], NULL);
  sigaction(SIGTERM, &old[1], NULL);
  sigaction(SIGHUP, &old[2], NULL);
  sigaction(SIGPIPE, &old[3], NULL);
  if (have_child_pipe) {
    sigaction(SIGCHLD, &old_chld, NULL);
    close(child_pipe[0]);
    close(child_pipe[1]);
    child_pipe[0] = child_pipe[1] = -1;
  }
  free(taken);
  free(ws);
  free(pfds);
  return sig;
}
