/* batch.h: a batch of jobs (one brief in one format each), run in worker
 * processes forked from the process that loaded the data, so that a job
 * that crashes, hangs, exits or runs out of memory fails alone.
 *
 * The caller owns the jobs; ar_batch_run() fills in their results. */
#ifndef AR_BATCH_H
#define AR_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "checksum.h"
#include "diag.h"
#include "output.h"

typedef enum {
  AR_JOB_PENDING,   /* to run */
  AR_JOB_WRITTEN,   /* its file was written */
  AR_JOB_SKIPPED,   /* --incremental: its file is up to date */
  AR_JOB_FAILED,    /* see error */
  AR_JOB_CANCELLED, /* not run: --fail-fast after a failure, or a signal */
} ar_job_status;

typedef struct {
  size_t index;            /* position in the whole job list (before --shard) */
  int kind;                /* ar_brief_kind */
  const char *subject;     /* member code or target id, NULL for the summary */
  const void *node;        /* the member's <member> (borrowed), or NULL */
  size_t format;           /* index among the formats */
  const char *format_name; /* borrowed */
  char *name;              /* the file name (owned) */
  char *path;              /* out_dir/name (owned) */
  /* Results. */
  ar_job_status status;
  uint64_t bytes;
  char sha256[AR_SHA256_HEX];
  char *error; /* owned; why it failed, or NULL */
  long ms;     /* wall time of the job */
} ar_job;

/* Frees what the jobs own (not the array). */
void ar_jobs_clear(ar_job *jobs, size_t n);
/* "written", "skipped", "failed", "cancelled" or "pending". */
const char *ar_job_status_name(ar_job_status status);

/* How a batch makes its files durable. */
typedef enum {
  /* run() does, before it returns (render -o). */
  AR_SYNC_BY_JOB,
  /* Each file is synced before it is renamed into place, and the job is
   * reported only then; the batch does both in a thread of its own while
   * the workers go on with the next jobs (the worker only starts the
   * file's write-back), with at most AR_COMMITS_PER_WORKER files per
   * worker waiting, and waits for them before it returns. run() writes
   * its file with ar_output_begin() and ar_output_commit() in out_dir. */
  AR_SYNC_FILE,
  /* No sync per file: the files are renamed into place at once, and the
   * caller syncs the file system when the batch has ended
   * (ar_output_sync_fs()). */
  AR_SYNC_BATCH,
} ar_sync_mode;

#define AR_COMMITS_PER_WORKER 8

typedef struct {
  unsigned workers;        /* at most this many jobs at once (>= 1) */
  unsigned timeout;        /* seconds a job may take; 0: no limit */
  uint64_t max_memory;     /* RLIMIT_DATA of each worker in bytes (see
                              ar_batch_default_memory()); 0: none */
  int fail_fast;           /* start no job after a failure */
  const char *out_dir;
  ar_sync_mode sync;
  /* Runs a job, in the worker. Returns 0 with info filled in, or -1 with
   * the reasons in diag. */
  int (*run)(void *ctx, const ar_job *job, ar_output_info *info, ar_diag *diag);
  /* Told in this process when a job ends, whatever its status. */
  void (*finished)(void *ctx, const ar_job *job);
  void *ctx;
} ar_batch;

/* The default of ar_batch.max_memory, and of the commands' own limit
 * (workers = 1): what this process holds now (its VmData, which a worker
 * inherits) and a share, even among the workers, of half the memory of
 * this machine, or of its control group (memory.max, or
 * memory.limit_in_bytes) when that is less. 0 when unknown. */
uint64_t ar_batch_default_memory(unsigned workers);

/* Limits this process's data memory (RLIMIT_DATA) to bytes: the soft
 * limit only, which a worker forked from it may set higher, or also the
 * hard limit (a worker, whose plugin may not raise it). bytes 0 lifts the
 * soft limit to the hard one. Does nothing in a build with sanitizers
 * (their shadow memory needs more than any useful limit). */
void ar_limit_memory(uint64_t bytes, int hard);

/* Runs the PENDING jobs. Returns 0, or the number of the signal (SIGINT,
 * SIGTERM, SIGHUP) that stopped the batch: the workers were then stopped,
 * their temporary files removed (and those of the files not yet synced,
 * with AR_SYNC_FILE), and jobs not finished are CANCELLED. */
int ar_batch_run(const ar_batch *b, ar_job *jobs, size_t n);

#endif
