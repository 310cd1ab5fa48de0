#include "config.h"

#include "batch-jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int ar_jobs_add_brief(ar_job **jobs, size_t *n, size_t *cap, int kind, const char *subject,
                      const void *node, const char *stem, const char *out_dir,
                      const char *const *format_names, const char *const *exts,
                      const char *const *why, size_t nformats) {
  for (size_t f = 0; f < nformats; f++) {
    if (*n == *cap) {
      size_t grown_cap = *cap ? 2 * *cap : 64;
      ar_job *grown = realloc(*jobs, grown_cap * sizeof *grown);
      if (!grown)
        return -1;
      *jobs = grown;
      *cap = grown_cap;
    }
    ar_job *j = &(*jobs)[*n];
    *j = (ar_job){.index = *n, .kind = kind, .subject = subject, .node = node, .format = f,
                  .format_name = format_names[f], .status = AR_JOB_PENDING};
    if (asprintf(&j->name, "%s.%s", stem, exts[f] ? exts[f] : format_names[f]) < 0) {
      j->name = NULL;
      return -1;
    }
    if (exts[f] && asprintf(&j->path, "%s/%s", out_dir, j->name) < 0) {
      j->path = NULL;
      free(j->name);
      return -1;
    }
    if (!exts[f]) {
      j->status = AR_JOB_FAILED;
      j->error = strdup(why[f] ? why[f] : "the plugin could not be loaded");
    }
    (*n)++;
  }
  return 0;
}

int ar_shard_parse(const char *text, size_t *k, size_t *n) {
  char *end;
  unsigned long a = strtoul(text, &end, 10);
  if (end == text || *end != '/')
    return -1;
  const char *second = end + 1;
  unsigned long b = strtoul(second, &end, 10);
  if (end == second || *end || a < 1 || b < 1 || a > b || b > 100000 || text[0] == '-' ||
      second[0] == '-')
    return -1;
  *k = a;
  *n = b;
  return 0;
}

size_t ar_jobs_shard(ar_job *jobs, size_t n, size_t k, size_t of) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (jobs[i].index % of == k - 1)
      jobs[kept++] = jobs[i];
    else
      ar_jobs_clear(&jobs[i], 1);
  }
  return kept;
}

struct timespec ar_mtime(const char *path) {
  struct stat st;
  struct timespec zero = {0, 0};
  return path && stat(path, &st) == 0 ? st.st_mtim : zero;
}

struct timespec ar_later(struct timespec a, struct timespec b) {
  return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec) ? a : b;
}

void ar_jobs_skip_up_to_date(ar_job *jobs, size_t n, const struct timespec *sources) {
  for (size_t i = 0; i < n; i++) {
    ar_job *j = &jobs[i];
    struct stat st;
    if (j->status != AR_JOB_PENDING || !j->path || stat(j->path, &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    struct timespec src = sources[j->format];
    if (src.tv_sec == 0 && src.tv_nsec == 0)
      continue; /* a source whose time is unknown: never up to date */
    struct timespec later = ar_later(st.st_mtim, src);
    if (later.tv_sec == src.tv_sec && later.tv_nsec == src.tv_nsec)
      continue; /* not newer */
    if (ar_sha256_file(j->path, j->sha256, &j->bytes) != 0)
      continue;
    j->status = AR_JOB_SKIPPED;
  }
}
