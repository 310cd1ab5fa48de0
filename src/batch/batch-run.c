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
 * JOBS_PER_WORKER jobs, so that what a plugin leaks stays bounded.
 *
 * With AR_SYNC_FILE a worker does not wait for its file to reach the disk:
 * it starts the write-back, checks the file and reports it with the name
 * of its temporary file; the committer, a thread of this process, syncs
 * it and renames it into place while the worker makes the next one, and
 * only then is the job written. The temporary files carry this process's
 * PID, so that a file waiting for the committer is this process's to
 * remove, whatever became of the worker that wrote it. */
#include "config.h"

#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
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
  uint32_t tmp_len; /* done, but its temporary file (the name that follows the
                       error text) is the committer's to put in place */
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

/* A file a worker wrote, for the committer to put in place. */
typedef struct commit {
  struct commit *next;
  size_t job;
  char *tmp;     /* the name of its temporary file in out_dir */
  uint64_t bytes;
  char sha256[AR_SHA256_HEX];
  double start;  /* of the job */
  int rc;        /* what ar_output_finish() returned */
  ar_diag *diag; /* why it failed */
} commit;

/* The thread that puts files in place. It takes every file waiting at
 * once: syncs each (most of its write-back is done by then), renames
 * each, syncs the folder once for them all, and hands them back. */
typedef struct {
  pthread_t thread;
  int running;
  pthread_mutex_t lock;
  pthread_cond_t more;
  pthread_cond_t idle;      /* busy went to 0 */
  int busy;                 /* under lock: the thread is committing a group */
  int ready;                /* under lock: the thread has started and waits */
  commit *todo, **todo_end; /* under lock: for the thread, in the order they came */
  commit *done, **done_end; /* under lock: for the pool */
  int stop;                 /* under lock: take no more */
  int wake[2];              /* the thread writes a byte when some are done */
  const char *dir;
  const ar_job *jobs;
  size_t pending;           /* handed to the thread and not taken back */
} committer;

/* A batch while it runs. */
typedef struct {
  const ar_batch *b;
  ar_job *jobs;
  size_t n;
  worker *ws;          /* nw slots */
  unsigned nw;
  struct pollfd *pfds; /* the result pipes, the SIGCHLD pipe, the committer's */
  char *taken;         /* per job: given to a worker */
  size_t next;         /* the jobs before it are taken or ended */
  int failed;          /* a job has failed */
  committer commits;   /* with AR_SYNC_FILE */
} pool;

static volatile sig_atomic_t stop_signal;
static int child_pipe[2] = {-1, -1}; /* SIGCHLD writes a byte: wakes poll() */

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
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

/* Ends every job still PENDING with status, saying why. */
static void end_pending(ar_job *jobs, size_t n, ar_job_status status, const char *why) {
  for (size_t j = 0; j < n; j++)
    if (jobs[j].status == AR_JOB_PENDING) {
      jobs[j].status = status;
      set_error(&jobs[j], "%s", why);
    }
}

/* ---- signals ----------------------------------------------------------------------- */

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP_SIGNALS (sizeof stop_signals / sizeof *stop_signals)

/* What the batch's handlers replaced, to put back at its end. */
typedef struct {
  struct sigaction stop[N_STOP_SIGNALS], pipe, child;
} saved_signals;

static void on_signal(int sig) { stop_signal = sig; }

static void on_child(int sig) {
  (void)sig;
  int saved = errno;
  if (write(child_pipe[1], "c", 1) < 0) {
    /* full: poll() wakes anyway */
  }
  errno = saved;
}

static void catch_signals(saved_signals *saved) {
  struct sigaction stop = {.sa_handler = on_signal};
  sigemptyset(&stop.sa_mask);
  stop_signal = 0;
  for (size_t i = 0; i < N_STOP_SIGNALS; i++)
    sigaction(stop_signals[i], &stop, &saved->stop[i]);
  /* A worker that died leaves a broken pipe: an error, not a signal. */
  struct sigaction ignore = {.sa_handler = SIG_IGN};
  sigaction(SIGPIPE, &ignore, &saved->pipe);
  if (pipe2(child_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    child_pipe[0] = child_pipe[1] = -1;
    return;
  }
  struct sigaction child = {.sa_handler = on_child, .sa_flags = SA_NOCLDSTOP | SA_RESTART};
  sigemptyset(&child.sa_mask);
  sigaction(SIGCHLD, &child, &saved->child);
}

static void restore_signals(const saved_signals *saved) {
  for (size_t i = 0; i < N_STOP_SIGNALS; i++)
    sigaction(stop_signals[i], &saved->stop[i], NULL);
  sigaction(SIGPIPE, &saved->pipe, NULL);
  if (child_pipe[0] >= 0) {
    sigaction(SIGCHLD, &saved->child, NULL);
    close(child_pipe[0]);
    close(child_pipe[1]);
    child_pipe[0] = child_pipe[1] = -1;
  }
}

/* ---- memory ------------------------------------------------------------------------ */

/* The number that starts the file at path (after a key when key is not
 * NULL, e.g. "VmData:"), times unit; 0 when there is none ("max"). */
static uint64_t number_in(const char *path, const char *key, uint64_t unit) {
  FILE *f = fopen(path, "re");
  if (!f)
    return 0;
  char line[256];
  unsigned long long n = 0;
  size_t klen = key ? strlen(key) : 0;
  for (int i = 0; i < 100 && fgets(line, sizeof line, f); i++)
    if (strncmp(line, key ? key : "", klen) == 0) {
      if (sscanf(line + klen, "%llu", &n) != 1)
        n = 0;
      break;
    }
  fclose(f);
  return n > UINT64_MAX / unit ? UINT64_MAX : (uint64_t)n * unit;
}

uint64_t ar_batch_default_memory(unsigned workers) {
  long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
  uint64_t total = pages > 0 && page > 0 ? (uint64_t)pages * (uint64_t)page : 0;
  static const char *const groups[] = {"/sys/fs/cgroup/memory.max",
                                       "/sys/fs/cgroup/memory/memory.limit_in_bytes"};
  for (size_t i = 0; i < sizeof groups / sizeof *groups; i++) {
    uint64_t group = number_in(groups[i], NULL, 1);
    if (group && (!total || group < total))
      total = group;
  }
  if (!total)
    return 0;
  return number_in("/proc/self/status", "VmData:", 1024) + total / 2 / (workers ? workers : 1);
}

void ar_limit_memory(uint64_t bytes, int hard) {
#ifdef AR_SANITIZED
  (void)bytes;
  (void)hard;
#else
  struct rlimit rl;
  if (getrlimit(RLIMIT_DATA, &rl) != 0)
    return;
  rlim_t limit = !bytes ? rl.rlim_max
                 : bytes > (uint64_t)RLIM_INFINITY - 1 ? RLIM_INFINITY - 1 : (rlim_t)bytes;
  /* Above a hard limit set from outside, the soft limit cannot go. */
  rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && limit > rl.rlim_max ? rl.rlim_max : limit;
  if (hard)
    rl.rlim_max = rl.rlim_cur;
  setrlimit(RLIMIT_DATA, &rl);
#endif
}

/* ---- in the worker ---------------------------------------------------------------- */

/* What diag holds, as printed (malloc'd; *len its length), or NULL. */
static char *diag_text(const ar_diag *diag, size_t *len) {
  char *text = NULL;
  *len = 0;
  FILE *mem = diag ? open_memstream(&text, len) : NULL;
  if (mem) {
    ar_diag_print(diag, mem);
    if (fclose(mem) != 0) {
      free(text);
      text = NULL;
      *len = 0;
    }
  }
  return text;
}

static void run_one(const ar_batch *b, const ar_job *job, size_t index, int res) {
  ar_diag *diag = ar_diag_new(20);
  report r = {.job = index};
  ar_output_info info = {0};
  r.done = diag && b->run(b->ctx, job, &info, diag) == 0;
  char *handed = ar_output_take_handed(), *text = NULL;
  size_t len = 0;
  if (handed && !r.done) {
    char *path = NULL;
    if (asprintf(&path, "%s/%s", b->out_dir, handed) > 0)
      unlink(path);
    free(path);
    free(handed);
    handed = NULL;
  }
  if (r.done) {
    r.bytes = info.bytes;
    memcpy(r.sha256, info.sha256, sizeof r.sha256);
  } else {
    text = diag_text(diag, &len);
  }
  r.error_len = (uint32_t)(text ? len : 0);
  r.tmp_len = (uint32_t)(handed ? strlen(handed) : 0);
  if (ar_write_all(res, &r, sizeof r) != 0 ||
      (r.error_len && ar_write_all(res, text, r.error_len) != 0) ||
      (r.tmp_len && ar_write_all(res, handed, r.tmp_len) != 0))
    _exit(2);
  free(handed);
  free(text);
  ar_diag_free(diag);
}

static void worker_main(const ar_batch *b, ar_job *jobs, size_t n, int cmd, int res, pid_t parent,
                        ar_commit_mode commit_mode) {
  /* A worker outlives no batch, even one killed with SIGKILL. */
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent)
    _exit(1);
  ar_output_set_owner(parent);
  ar_output_set_commit_mode(commit_mode);
  struct sigaction dfl = {.sa_handler = SIG_DFL};
  for (size_t i = 0; i < N_STOP_SIGNALS; i++)
    sigaction(stop_signals[i], &dfl, NULL);
  sigaction(SIGPIPE, &dfl, NULL);
  ar_limit_memory(b->max_memory, 1);
  uint64_t index;
  while (ar_read_all(cmd, &index, sizeof index) == 0 && index < n)
    run_one(b, &jobs[index], (size_t)index, res);
  /* No exit handlers: they belong to the process the worker was forked
   * from (its output streams, its temporary files). */
  _exit(0);
}

/* ---- in this process: one worker --------------------------------------------------- */

static int same_brief(const ar_job *a, const ar_job *b) {
  return a->kind == b->kind && a->subject == b->subject;
}

/* The job to give worker w: the next job of the brief it just made (the
 * worker keeps that brief), else the first one whose brief no other worker
 * is making, else the first one left. (size_t)-1 when none is left. */
static size_t pick(const pool *p, const worker *w) {
  const ar_job *jobs = p->jobs;
  if (w->pid && w->ran && w->job + 1 < p->n && !p->taken[w->job + 1] &&
      jobs[w->job + 1].status == AR_JOB_PENDING && same_brief(&jobs[w->job], &jobs[w->job + 1]))
    return w->job + 1;
  size_t first = (size_t)-1;
  for (size_t j = p->next, seen = 0; j < p->n && seen < 64; j++) {
    if (p->taken[j] || jobs[j].status != AR_JOB_PENDING)
      continue;
    seen++;
    if (first == (size_t)-1)
      first = j;
    int held = 0;
    for (unsigned i = 0; i < p->nw && !held; i++) {
      const worker *other = &p->ws[i];
      held = other->pid && other->busy && other != w && same_brief(&jobs[other->job], &jobs[j]);
    }
    if (!held)
      return j;
  }
  return first;
}

static int spawn(pool *p, worker *w) {
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
  /* The committer thread allocates while it commits: a fork then would
   * give the worker an allocator whose lock that thread holds (glibc's
   * malloc guards against it, AddressSanitizer's does not). Fork only
   * while it waits, and hold it waiting until the fork is done. */
  committer *c = &p->commits;
  if (c->running) {
    pthread_mutex_lock(&c->lock);
    while (c->busy || !c->ready)
      pthread_cond_wait(&c->idle, &c->lock);
  }
  pid_t parent = getpid(), pid = fork();
  if (pid != 0 && c->running)
    pthread_mutex_unlock(&c->lock);
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
    worker_main(p->b, p->jobs, p->n, cmd[0], res[1], parent,
                p->commits.running ? AR_COMMIT_HANDOFF
                : p->b->sync == AR_SYNC_BATCH ? AR_COMMIT_NO_SYNC : AR_COMMIT_DURABLE);
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

/* Closes the worker's command pipe: it ends after its job. */
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

/* Ends a job as failed, with the len bytes of text as the reason. */
static void job_failed(pool *p, ar_job *job, const char *text, size_t len) {
  while (len > 0 && text[len - 1] == '\n')
    len--;
  job->status = AR_JOB_FAILED;
  if (len)
    set_error(job, "%.*s", (int)len, text);
  else
    set_error(job, "failed without saying why");
  p->failed = 1;
}

static void job_written(ar_job *job, uint64_t bytes, const char *sha256) {
  job->status = AR_JOB_WRITTEN;
  job->bytes = bytes;
  memcpy(job->sha256, sha256, sizeof job->sha256);
  job->sha256[AR_SHA256_HEX - 1] = '\0';
}

/* Ends a job with what its worker reported: written, or failed with the
 * error text the report is followed by. */
static void job_reported(pool *p, ar_job *job, const report *r, const char *text) {
  if (r->done)
    job_written(job, r->bytes, r->sha256);
  else
    job_failed(p, job, text, r->error_len);
}

/* ---- in this process: the committer ------------------------------------------------ */

static void free_commit(commit *k) {
  free(k->tmp);
  ar_diag_free(k->diag);
  free(k);
}

/* Syncs and renames the files of group, then syncs their folder. */
static void commit_group(committer *c, commit *group) {
  int renamed = 0;
  for (commit *k = group; k; k = k->next) {
    k->diag = ar_diag_new(0);
    k->rc = ar_output_finish(c->dir, k->tmp, c->jobs[k->job].name, k->bytes, k->diag);
    renamed |= k->rc == 0;
  }
  if (renamed)
    ar_output_sync_dir(c->dir);
}

static void *commit_main(void *arg) {
  committer *c = arg;
  pthread_mutex_lock(&c->lock);
  c->ready = 1; /* a thread's start allocates too (its sanitizer state) */
  pthread_cond_broadcast(&c->idle);
  for (;;) {
    while (!c->todo && !c->stop)
      pthread_cond_wait(&c->more, &c->lock);
    if (c->stop)
      break;
    commit *group = c->todo;
    c->todo = NULL;
    c->todo_end = &c->todo;
    c->busy = 1;
    pthread_mutex_unlock(&c->lock);
    commit_group(c, group);
    pthread_mutex_lock(&c->lock);
    c->busy = 0;
    pthread_cond_broadcast(&c->idle);
    *c->done_end = group;
    while (*c->done_end)
      c->done_end = &(*c->done_end)->next;
    if (write(c->wake[1], "c", 1) < 0) {
      /* full: poll() wakes anyway */
    }
  }
  pthread_mutex_unlock(&c->lock);
  return NULL;
}

/* Frees what start_committer() made, the thread having ended or never
 * started. */
static void release_committer(committer *c) {
  pthread_mutex_destroy(&c->lock);
  pthread_cond_destroy(&c->more);
  pthread_cond_destroy(&c->idle);
  close(c->wake[0]);
  close(c->wake[1]);
  c->wake[0] = c->wake[1] = -1;
}

/* Starts the committer, with every signal blocked: they are the main
 * thread's. Returns 0, or -1 (the workers then sync their files). */
static int start_committer(pool *p) {
  committer *c = &p->commits;
  *c = (committer){.todo_end = &c->todo, .done_end = &c->done, .wake = {-1, -1},
                   .dir = p->b->out_dir, .jobs = p->jobs};
  if (pipe2(c->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    c->wake[0] = c->wake[1] = -1;
    return -1;
  }
  pthread_mutex_init(&c->lock, NULL);
  pthread_cond_init(&c->more, NULL);
  pthread_cond_init(&c->idle, NULL);
  ar_output_host_tag(); /* computed here, not in both threads at once */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  c->running = pthread_create(&c->thread, NULL, commit_main, c) == 0;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (c->running)
    return 0;
  release_committer(c);
  return -1;
}

/* Ends the job of a file the committer is done with. */
static void committed(pool *p, commit *k) {
  ar_job *job = &p->jobs[k->job];
  if (k->rc == 0) {
    job_written(job, k->bytes, k->sha256);
  } else {
    size_t len;
    char *text = diag_text(k->diag, &len);
    job_failed(p, job, text ? text : "", len);
    free(text);
  }
  p->commits.pending--;
  finish_job(p->b, job, k->start);
  free_commit(k);
}

/* Ends the jobs of the files the committer is done with. */
static void take_commits(pool *p) {
  committer *c = &p->commits;
  if (!c->running)
    return;
  char drain[64];
  while (read(c->wake[0], drain, sizeof drain) > 0)
    ;
  pthread_mutex_lock(&c->lock);
  commit *list = c->done;
  c->done = NULL;
  c->done_end = &c->done;
  pthread_mutex_unlock(&c->lock);
  for (commit *k = list, *next; k; k = next) {
    next = k->next;
    committed(p, k);
  }
}

/* Gives the file a worker reported for job r->job to the committer. */
static void hand_over(pool *p, const worker *w, const report *r, const char *tmp) {
  committer *c = &p->commits;
  ar_job *job = &p->jobs[r->job];
  commit *k = c->running ? calloc(1, sizeof *k) : NULL;
  if (!k || !(k->tmp = strndup(tmp, r->tmp_len))) {
    free(k);
    ar_output_remove_temps(p->b->out_dir, job->name, getpid());
    job_failed(p, job, "out of memory", strlen("out of memory"));
    finish_job(p->b, job, w->start);
    return;
  }
  k->job = (size_t)r->job;
  k->bytes = r->bytes;
  memcpy(k->sha256, r->sha256, sizeof k->sha256);
  k->start = w->start;
  c->pending++;
  pthread_mutex_lock(&c->lock);
  *c->todo_end = k;
  c->todo_end = &k->next;
  pthread_cond_signal(&c->more);
  pthread_mutex_unlock(&c->lock);
}

/* Stops the committer. Without a signal it has nothing left to do (what
 * it might have is done here); after one, the files it has not started
 * on are removed, and their jobs CANCELLED. */
static void stop_committer(pool *p, int sig) {
  committer *c = &p->commits;
  if (!c->running)
    return;
  pthread_mutex_lock(&c->lock);
  c->stop = 1;
  pthread_cond_signal(&c->more);
  pthread_mutex_unlock(&c->lock);
  pthread_join(c->thread, NULL);
  take_commits(p);
  commit *left = c->todo;
  c->todo = NULL;
  c->todo_end = &c->todo;
  if (left && !sig) {
    commit_group(c, left);
    for (commit *k = left, *next; k; k = next) {
      next = k->next;
      committed(p, k);
    }
    left = NULL;
  }
  for (commit *k = left, *next; k; k = next) {
    next = k->next;
    ar_job *job = &p->jobs[k->job];
    char *path = NULL;
    if (asprintf(&path, "%s/%s", c->dir, k->tmp) > 0)
      unlink(path);
    free(path);
    job->status = AR_JOB_CANCELLED;
    set_error(job, "stopped by signal %d (%s) before its file was synced", sig, strsignal(sig));
    c->pending--;
    finish_job(p->b, job, k->start);
    free_commit(k);
  }
  c->running = 0;
  release_committer(c);
}

/* ---- in this process: reports ------------------------------------------------------ */

/* The reports the worker sent in full: each ends its job. */
static void take_reports(pool *p, worker *w) {
  size_t used = 0;
  report r;
  while (w->len - used >= sizeof r) {
    memcpy(&r, w->buf + used, sizeof r);
    if (w->len - used - sizeof r < (uint64_t)r.error_len + r.tmp_len)
      break;
    const char *text = w->buf + used + sizeof r;
    used += sizeof r + r.error_len + r.tmp_len;
    if (!w->busy || r.job != w->job || r.job >= p->n)
      continue; /* not the job it was given: ignored */
    w->busy = 0;
    if (r.done && r.tmp_len) {
      hand_over(p, w, &r, text + r.error_len);
    } else {
      job_reported(p, &p->jobs[r.job], &r, text);
      finish_job(p->b, &p->jobs[r.job], w->start);
    }
  }
  if (used) {
    memmove(w->buf, w->buf + used, w->len - used);
    w->len -= used;
  }
}

/* The worker has ended: its job, if it had one, failed. Frees the slot. */
static void worker_ended(pool *p, worker *w, int timed_out) {
  const ar_batch *b = p->b;
  if (w->busy) {
    ar_job *job = &p->jobs[w->job];
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
    ar_output_remove_temps(b->out_dir, job->name, getpid());
    p->failed = 1;
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

/* ---- in this process: the pool ----------------------------------------------------- */

/* Moves next past the jobs taken or ended; tells whether a job is left to
 * give out. */
static int more_to_give(pool *p) {
  while (p->next < p->n && (p->jobs[p->next].status != AR_JOB_PENDING || p->taken[p->next]))
    p->next++;
  return !stop_signal && p->next < p->n && !(p->b->fail_fast && p->failed);
}

/* Gives idle worker w (or a new worker in free slot w) a job. */
static void give_job(pool *p, worker *w) {
  size_t j = pick(p, w);
  if (j == (size_t)-1)
    return;
  if (!w->pid && spawn(p, w) != 0) {
    p->jobs[j].status = AR_JOB_FAILED;
    set_error(&p->jobs[j], "cannot start a worker: %s", strerror(errno));
    p->failed = 1;
    finish_job(p->b, &p->jobs[j], now());
  } else if (assign(w, j) != 0) {
    retire(w); /* it died: noticed later, and the job goes to another */
    return;
  }
  p->taken[j] = 1;
}

/* Gives every idle worker a job, or its leave when no job is left or it
 * has run its share; starts workers in free slots for the jobs left. No
 * job is given while the committer has AR_COMMITS_PER_WORKER files per
 * worker to put in place. Returns how many workers are alive. */
static unsigned fill_workers(pool *p) {
  unsigned alive = 0;
  for (unsigned i = 0; i < p->nw; i++) {
    worker *w = &p->ws[i];
    int more = more_to_give(p);
    int room = p->commits.pending < (size_t)AR_COMMITS_PER_WORKER * p->nw;
    if (w->pid && !w->busy && w->cmd >= 0 && (!more || w->ran >= JOBS_PER_WORKER))
      retire(w);
    if (more && room && !(w->pid && (w->busy || w->cmd < 0)))
      give_job(p, w);
    alive += w->pid != 0;
  }
  return alive;
}

/* Waits until a worker sends something or ends, or a job's time is up,
 * or the committer is done with some files, or half a second has passed.
 * Returns how many pfds were polled. */
static nfds_t wait_for_workers(pool *p) {
  double t = now(), wait = 0.5;
  nfds_t np = 0;
  if (child_pipe[0] >= 0)
    p->pfds[np++] = (struct pollfd){.fd = child_pipe[0], .events = POLLIN};
  if (p->commits.running)
    p->pfds[np++] = (struct pollfd){.fd = p->commits.wake[0], .events = POLLIN};
  for (unsigned i = 0; i < p->nw; i++) {
    const worker *w = &p->ws[i];
    if (!w->pid)
      continue;
    if (p->b->timeout && w->busy) {
      double left = w->start + p->b->timeout - t;
      if (left < wait)
        wait = left < 0 ? 0 : left;
    }
    if (w->res >= 0)
      p->pfds[np++] = (struct pollfd){.fd = w->res, .events = POLLIN};
    else if (child_pipe[0] < 0 && wait > 0.001)
      wait = 0.001; /* no way to be woken by its end: look again soon */
  }
  poll(p->pfds, np, (int)(wait * 1000) + 1);
  char drain[64];
  while (child_pipe[0] >= 0 && read(child_pipe[0], drain, sizeof drain) > 0)
    ;
  return np;
}

/* Takes what worker w sent, and ends it when it has exited or its job has
 * run out of time. */
static void collect(pool *p, worker *w, nfds_t np) {
  for (nfds_t k = 0; k < np; k++)
    if (w->res >= 0 && p->pfds[k].fd == w->res && (p->pfds[k].revents & (POLLIN | POLLHUP | POLLERR)))
      take_output(w);
  take_reports(p, w);
  int timed_out = 0;
  if (w->res < 0)
    w->exited = waitpid(w->pid, &w->status, WNOHANG) == w->pid;
  if (!w->exited && w->busy && p->b->timeout && now() - w->start >= p->b->timeout) {
    stop_worker(w, SIGKILL);
    timed_out = 1;
  }
  if (w->exited)
    worker_ended(p, w, timed_out);
}

/* Stops the workers left (after a signal, their jobs are CANCELLED) and
 * the committer, and cancels the jobs not run. */
static void shut_down(pool *p, int sig) {
  for (unsigned i = 0; i < p->nw; i++) {
    worker *w = &p->ws[i];
    if (!w->pid)
      continue;
    stop_worker(w, sig ? SIGTERM : SIGKILL);
    if (w->busy) {
      ar_output_remove_temps(p->b->out_dir, p->jobs[w->job].name, getpid());
      p->jobs[w->job].status = AR_JOB_CANCELLED;
      set_error(&p->jobs[w->job], "stopped by signal %d (%s)", sig, strsignal(sig));
      w->busy = 0;
    }
    worker_ended(p, w, 0);
  }
  stop_committer(p, sig);
  char why[128];
  if (sig)
    snprintf(why, sizeof why, "not run: stopped by signal %d (%s)", sig, strsignal(sig));
  else
    snprintf(why, sizeof why, "not run: --fail-fast after an earlier failure");
  end_pending(p->jobs, p->n, AR_JOB_CANCELLED, why);
}

int ar_batch_run(const ar_batch *b, ar_job *jobs, size_t n) {
  pool p = {.b = b, .jobs = jobs, .n = n, .nw = b->workers ? b->workers : 1};
  p.ws = calloc(p.nw, sizeof *p.ws);
  p.pfds = calloc((size_t)p.nw + 2, sizeof *p.pfds);
  p.taken = calloc(n ? n : 1, 1);
  int sig = 0;
  if (!p.ws || !p.pfds || !p.taken) {
    end_pending(jobs, n, AR_JOB_FAILED, "out of memory");
  } else {
    saved_signals saved;
    catch_signals(&saved);
    /* What writers killed in an earlier run left behind. */
    ar_output_remove_temps(b->out_dir, NULL, 0);
    if (b->sync == AR_SYNC_FILE && b->out_dir && n)
      start_committer(&p);
    while ((fill_workers(&p) > 0 || p.commits.pending > 0) && !stop_signal) {
      nfds_t np = wait_for_workers(&p);
      for (unsigned i = 0; i < p.nw; i++)
        if (p.ws[i].pid)
          collect(&p, &p.ws[i], np);
      take_commits(&p);
    }
    sig = stop_signal;
    shut_down(&p, sig);
    restore_signals(&saved);
  }
  free(p.ws);
  free(p.pfds);
  free(p.taken);
  return sig;
}
