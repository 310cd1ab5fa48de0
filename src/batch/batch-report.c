#include "config.h"

#include "batch-report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "brief/templates.h"
#include "json.h"
#include "messages.h"

struct ar_batch_report {
  FILE *manifest;
  int list_paths, color, manifest_failed;
  ar_progress_mode progress;
  const ar_job *jobs;
  size_t n;
  size_t next_record; /* jobs before it are in the manifest */
  size_t to_run, ended;
  int last_tenth;
  double start, last_draw;
  int drawn; /* a progress line is on the terminal */
};

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

ar_batch_report *ar_batch_report_new(FILE *manifest, int list_paths, ar_progress_mode progress,
                                     int color, const ar_job *jobs, size_t n) {
  ar_batch_report *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  *r = (ar_batch_report){.manifest = manifest, .list_paths = list_paths, .color = color,
                         .progress = progress, .jobs = jobs, .n = n, .start = now()};
  for (size_t i = 0; i < n; i++)
    r->to_run += jobs[i].status == AR_JOB_PENDING;
  return r;
}

static void record(ar_batch_report *r, const ar_job *j) {
  FILE *m = r->manifest;
  fprintf(m, "{\"job\":%zu,\"brief\":", j->index + 1);
  ar_json_string(m, ar_brief_kind_name(j->kind));
  fputs(",\"member\":", m);
  ar_json_string(m, j->kind == AR_BRIEF_MEMBER ? j->subject : NULL);
  fputs(",\"target\":", m);
  ar_json_string(m, j->kind == AR_BRIEF_TARGET ? j->subject : NULL);
  fputs(",\"format\":", m);
  ar_json_string(m, j->format_name);
  fputs(",\"path\":", m);
  ar_json_string(m, j->path);
  int has_file = j->status == AR_JOB_WRITTEN || (j->status == AR_JOB_SKIPPED && j->sha256[0]);
  if (has_file)
    fprintf(m, ",\"bytes\":%llu,\"sha256\":\"%s\"", (unsigned long long)j->bytes, j->sha256);
  else
    fputs(",\"bytes\":null,\"sha256\":null", m);
  fputs(",\"status\":", m);
  ar_json_string(m, ar_job_status_name(j->status));
  fputs(",\"error\":", m);
  ar_json_string(m, j->status == AR_JOB_WRITTEN || j->status == AR_JOB_SKIPPED ? NULL : j->error);
  if (j->status == AR_JOB_SKIPPED)
    fputs(",\"reason\":\"up to date\"", m);
  fprintf(m, ",\"ms\":%ld}\n", j->ms);
}

static void clear_line(ar_batch_report *r) {
  if (r->drawn) {
    fputs("\r\033[K", stderr);
    r->drawn = 0;
  }
}

/* Writes the records (and the paths) of the finished jobs at the head of
 * the list. */
static void flush_in_order(ar_batch_report *r, int all) {
  while (r->next_record < r->n &&
         (all || r->jobs[r->next_record].status != AR_JOB_PENDING)) {
    const ar_job *j = &r->jobs[r->next_record++];
    if (r->list_paths && j->status == AR_JOB_WRITTEN) {
      clear_line(r); /* stdout may be the same terminal */
      printf("%s\n", j->path);
    }
    if (r->manifest)
      record(r, j);
  }
  if (r->list_paths)
    fflush(stdout);
  if (r->manifest && fflush(r->manifest) != 0)
    r->manifest_failed = 1;
}

static void progress(ar_batch_report *r, const ar_job *last) {
  double t = now(), elapsed = t - r->start;
  double rate = elapsed > 0 ? (double)r->ended / elapsed : 0;
  double left = rate > 0 ? (double)(r->to_run - r->ended) / rate : 0;
  if (r->progress == AR_PROGRESS_TTY) {
    if (r->ended < r->to_run && t - r->last_draw < 0.1)
      return;
    r->last_draw = t;
    clear_line(r);
    fprintf(stderr, "[%zu/%zu] %.1f jobs/s, %d:%02d left  ", r->ended, r->to_run, rate,
            (int)left / 60, (int)left % 60);
    ar_put_escaped(stderr, last->name);
    r->drawn = 1;
    fflush(stderr);
  } else if (r->progress == AR_PROGRESS_LINES && r->to_run >= 20) {
    int tenth = (int)(r->ended * 10 / r->to_run);
    if (tenth == r->last_tenth)
      return;
    r->last_tenth = tenth;
    fprintf(stderr, "alliance-report build: %zu/%zu jobs (%d%%), %.1f jobs/s, about %.0f s left\n",
            r->ended, r->to_run, tenth * 10, rate, left);
  }
}

void ar_batch_report_job(ar_batch_report *r, const ar_job *j) {
  if (!r)
    return;
  r->ended++;
  if (j->status == AR_JOB_FAILED) {
    clear_line(r);
    ar_msg_error_color(r->color, "%s failed (%s brief%s%s, format %s): %s", j->name,
                       ar_brief_kind_name(j->kind), j->subject ? " " : "",
                       j->subject ? j->subject : "", j->format_name,
                       j->error ? j->error : "unknown error");
  }
  flush_in_order(r, 0);
  progress(r, j);
}

int ar_batch_report_end(ar_batch_report *r, int quiet) {
  if (!r)
    return -1;
  clear_line(r);
  size_t counts[AR_JOB_CANCELLED + 1] = {0};
  for (size_t i = 0; i < r->n; i++)
    if (r->jobs[i].status <= AR_JOB_CANCELLED)
      counts[r->jobs[i].status]++;
  flush_in_order(r, 1);
  if (!quiet || counts[AR_JOB_FAILED] || counts[AR_JOB_CANCELLED]) {
    int red = r->color && (counts[AR_JOB_FAILED] || counts[AR_JOB_CANCELLED]);
    fprintf(stderr, "alliance-report build: %s%zu written, %zu skipped, %zu failed", red ? "\033[1m" : "",
            counts[AR_JOB_WRITTEN], counts[AR_JOB_SKIPPED], counts[AR_JOB_FAILED]);
    if (counts[AR_JOB_CANCELLED])
      fprintf(stderr, ", %zu cancelled", counts[AR_JOB_CANCELLED]);
    fprintf(stderr, " in %.2f s%s\n", now() - r->start, red ? "\033[0m" : "");
  }
  int rc = r->manifest_failed ? -1 : 0;
  free(r);
  return rc;
}
