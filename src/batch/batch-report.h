/* batch-report.h: what a batch tells its user while it runs and at its
 * end: the files written (stdout), errors, progress and a summary line
 * (stderr), and the manifest (JSON Lines, one record per job, in job
 * order whatever order the jobs finish in). */
#ifndef AR_BATCH_REPORT_H
#define AR_BATCH_REPORT_H

#include <stdio.h>

#include "batch.h"

typedef enum {
  AR_PROGRESS_NONE,  /* -q */
  AR_PROGRESS_LINES, /* stderr is not a terminal: a line every tenth */
  AR_PROGRESS_TTY,   /* one line, rewritten */
} ar_progress_mode;

typedef struct ar_batch_report ar_batch_report;

/* manifest: where the records go, or NULL; list_paths: print each file
 * written on stdout; color: red for failures on a terminal. The jobs stay
 * the caller's and must outlive the report. */
ar_batch_report *ar_batch_report_new(FILE *manifest, int list_paths, ar_progress_mode progress,
                                     int color, const ar_job *jobs, size_t n);
/* A job has ended (any status). */
void ar_batch_report_job(ar_batch_report *r, const ar_job *job);
/* Writes what is left, the summary line (unless quiet and nothing failed:
 * the jobs' counts and the time since ar_batch_report_new()), and frees r.
 * Returns -1 when the manifest could not be written. */
int ar_batch_report_end(ar_batch_report *r, int quiet);

#endif
