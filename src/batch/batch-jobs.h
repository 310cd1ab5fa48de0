/* batch-jobs.h: the job list of a build, and what --shard, --incremental
 * and --dry-run do with it. */
#ifndef AR_BATCH_JOBS_H
#define AR_BATCH_JOBS_H

#include <stddef.h>
#include <time.h>

#include "batch.h"
#include "brief/templates.h"
#include "host/formats.h"

/* A format a build asks for. Whoever fills one in frees name and why. */
typedef struct {
  char *name;            /* as given to -f */
  char *why;             /* why its plugin could not be loaded, or NULL */
  const char *extension; /* of its files, from its plugin; NULL when not loaded */
  size_t loaded;         /* its index among the loaded formats (ar_formats) */
} ar_job_format;

/* Appends one job per format for a brief: stem ("member-fr") and the
 * extension of each format give the file names. A format that could not
 * be loaded gets a FAILED job saying why. The jobs borrow subject, node
 * and the formats' names. Returns 0, or -1 when out of memory. */
int ar_jobs_add_brief(ar_job **jobs, size_t *n, size_t *cap, int kind, const char *subject,
                      const void *node, const char *stem, const char *out_dir,
                      const ar_job_format *formats, size_t nformats);

/* Parses "K/N" (1 <= K <= N <= 100000). Returns 0, or -1. */
int ar_shard_parse(const char *text, size_t *k, size_t *n);
/* Keeps the jobs whose index is K-1 modulo N, freeing the others; returns
 * how many are kept. */
size_t ar_jobs_shard(ar_job *jobs, size_t n, size_t k, size_t of);

/* The newest modification time among the files the jobs of each loaded
 * format are made from: the data, the template folder and every file in it
 * (the brief templates, the stylesheets they include or import, files they
 * read; symbolic links followed), and the format's plugin
 * (this program for a preloaded one); zero for a format whose plugin's
 * time is unknown. A malloc'd array, one time per format of formats (may
 * be NULL: none), or NULL when out of memory. */
struct timespec *ar_jobs_source_times(const char *data_path, const ar_templates *templates,
                                      const ar_formats *formats);
/* Marks SKIPPED each PENDING job whose file is a regular file (not a
 * symbolic link) newer than sources[job->format] (from
 * ar_jobs_source_times()), with its size and SHA-256. */
void ar_jobs_skip_up_to_date(ar_job *jobs, size_t n, const struct timespec *sources);

#endif
