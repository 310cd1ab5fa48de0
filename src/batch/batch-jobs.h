/* batch-jobs.h: the job list of a build, and what --shard, --incremental
 * and --dry-run do with it. */
#ifndef AR_BATCH_JOBS_H
#define AR_BATCH_JOBS_H

#include <stddef.h>
#include <time.h>

#include "batch.h"

/* Appends one job per format for a brief: stem ("member-fr") and the
 * extension of each format give the file names. exts[i] NULL: the format
 * could not be loaded; its job is made FAILED with why[i]. Returns 0, or
 * -1 when out of memory. */
int ar_jobs_add_brief(ar_job **jobs, size_t *n, size_t *cap, int kind, const char *subject,
                      const void *node, const char *stem, const char *out_dir,
                      const char *const *format_names, const char *const *exts,
                      const char *const *why, size_t nformats);

/* Parses "K/N" (1 <= K <= N <= 100000). Returns 0, or -1. */
int ar_shard_parse(const char *text, size_t *k, size_t *n);
/* Keeps the jobs whose index is K-1 modulo N, freeing the others; returns
 * how many are kept. */
size_t ar_jobs_shard(ar_job *jobs, size_t n, size_t k, size_t of);

/* Marks SKIPPED each PENDING job whose file is newer than sources[i] (the
 * newest time among the data, the templates and the plugin of format i),
 * with its size and SHA-256. */
void ar_jobs_skip_up_to_date(ar_job *jobs, size_t n, const struct timespec *sources);

/* The modification time of path, or zero when it cannot be read. */
struct timespec ar_mtime(const char *path);
/* The later of a and b. */
struct timespec ar_later(struct timespec a, struct timespec b);

#endif
